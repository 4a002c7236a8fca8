//! Links from a step that calls another document to that document's picture
//! (`ssmc graph`, issue 24).
//!
//! Input: a drawn [`Graph`], its [`Document`], and the caller's answer to
//! "where is the picture of the document this name calls?" (`href_of`: the
//! CLI knows the project's documents and where pictures go; the core does
//! not). Output: the graph with [`GraphNode::link`] set on each calling step
//! whose callee has a picture. Invariant: an `href` holds only URL-safe
//! ASCII (everything else percent-encoded), so no renderer's quoting can be
//! broken by a file name.
//!
//! [`GraphNode::link`]: super::GraphNode::link

use std::collections::HashMap;

use super::Graph;
use crate::check::calls::called_name;
use crate::lint::walk::all_steps;
use crate::model::Document;

/// Where a step's call leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The called document's name, as the call writes it.
    pub document: String,
    /// The called document's picture (a relative URL, percent-encoded).
    pub href: String,
}

/// The document name each calling step of `doc` writes (loop bodies
/// included), by step name; a name that is not a plain string is left out.
pub fn called_names(doc: &Document) -> HashMap<&str, &str> {
    let mut out = HashMap::new();
    for step in all_steps(doc) {
        let written = called_name(step).and_then(|(_, name)| name.as_str());
        if let (Some(step_name), Some(name)) = (step.name.as_str(), written) {
            out.insert(step_name, name);
        }
    }
    out
}

/// Sets the link of every calling step of `g` whose called name `href_of`
/// knows a picture for.
pub fn link_calls(g: &mut Graph, doc: &Document, href_of: impl Fn(&str) -> Option<String>) {
    let calls = called_names(doc);
    for node in &mut g.nodes {
        let Some(written) = node.step.as_deref().and_then(|s| calls.get(s)) else {
            continue;
        };
        if let Some(href) = href_of(written) {
            node.link = Some(Link {
                document: (*written).to_string(),
                href: percent_encode(&href),
            });
        }
    }
}

/// `href` with every byte outside RFC 3986's unreserved set and `/`
/// percent-encoded.
fn percent_encode(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for b in href.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn an_href_keeps_only_url_safe_ascii() {
        assert_eq!(percent_encode("restart-service.svg"), "restart-service.svg");
        assert_eq!(
            percent_encode("a \"b\"<c>&é.svg"),
            "a%20%22b%22%3Cc%3E%26%C3%A9.svg"
        );
    }
}
