//! ARNs of a policy, built from a resource type's ARN format and the step's
//! inputs.
//!
//! Input: a format such as `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}`
//! and a way to find each variable's value among the step's inputs. Output:
//! the ARNs, with `${Partition}`, `${Region}` and `${Account}` kept for the
//! renderer (each output format fills them its own way) and every other
//! variable replaced by its literal value, or by `*` where the value is
//! known only at run time (`{{ InstanceId }}`) or not given at all.

use crate::model::{Key, Node, Value};

/// The variables every ARN format shares; filled by the renderer, never here.
pub const PLACE_VARIABLES: &[&str] = &["Partition", "Region", "Account"];

/// What the inputs say about one ARN variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filled {
    /// Literal values (one ARN each), with `{{ … }}` parts turned into `*`.
    Values(Vec<String>),
    /// A whole ARN was given: it is the resource itself.
    Arns(Vec<String>),
    /// A value known only at run time (`{{ InstanceId }}`): `*`.
    Runtime,
    /// Nothing names it: `*`.
    Unknown,
}

/// The `${Name}` variables of a format, in order, less the place variables.
pub fn variables(format: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = format;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !PLACE_VARIABLES.contains(&name) && !out.contains(&name) {
            out.push(name);
        }
        rest = &after[end + 1..];
    }
    out
}

/// A step input's value as text values: `{{ … }}` references become `*`
/// (their value is known only at run time); `None` for values that are not
/// strings or lists of strings.
pub fn text_values(node: &Node) -> Option<Vec<String>> {
    match &node.value {
        Value::String(s) => Some(vec![wildcard_references(s)]),
        Value::List(items) => items
            .iter()
            .map(|n| n.as_str().map(wildcard_references))
            .collect(),
        _ => None,
    }
}

/// `i-{{ Id }}` → `i-*`; text without references is returned as it is.
pub fn wildcard_references(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        match rest[start..].find("}}") {
            Some(end) => {
                if !out.ends_with('*') {
                    out.push('*');
                }
                rest = &rest[start + end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The input member that names an ARN variable: the same name, its plural
/// (`InstanceIds` for `InstanceId`), or the name without a `Name` suffix
/// (`Bucket` for `BucketName`), compared case-insensitively.
pub fn member_for<'a>(variable: &str, inputs: &'a [(Key, Node)]) -> Option<&'a Node> {
    let v = variable.to_ascii_lowercase();
    let bare = v.strip_suffix("name").unwrap_or(&v);
    inputs
        .iter()
        .find(|(k, _)| {
            let k = k.name.to_ascii_lowercase();
            k == v || k == format!("{v}s") || k == bare
        })
        .map(|(_, n)| n)
}

impl Filled {
    /// Whether an input names the variable (even one known only at run time).
    pub fn is_named(&self) -> bool {
        !matches!(self, Filled::Unknown)
    }
}

/// What `node` says about a variable: its values, or whole ARNs.
pub fn fill(node: Option<&Node>) -> Filled {
    let Some(values) = node.and_then(text_values) else {
        return Filled::Unknown;
    };
    if values.is_empty() {
        return Filled::Unknown;
    }
    if values.iter().all(|v| v == "*") {
        return Filled::Runtime;
    }
    if values.iter().all(|v| v.starts_with("arn:")) {
        return Filled::Arns(values);
    }
    Filled::Values(values)
}

/// At most this many ARNs for one resource type: past it, `*` for the variable.
const MAX_ARNS: usize = 16;

/// The ARNs of `format` with each variable filled (a product over list values).
pub fn build(format: &str, fills: &[(&str, Filled)]) -> Vec<String> {
    let mut arns = vec![format.to_string()];
    for (name, filled) in fills {
        let pattern = format!("${{{name}}}");
        let values: Vec<String> = match filled {
            Filled::Values(v) if arns.len() * v.len() <= MAX_ARNS => v.clone(),
            _ => vec!["*".to_string()],
        };
        arns = arns
            .iter()
            .flat_map(|a| values.iter().map(|v| a.replace(pattern.as_str(), v)))
            .collect();
    }
    arns.sort();
    arns.dedup();
    arns
}

/// `arn` with its place variables filled for the `aws` partition and any
/// region and account: the plain JSON form of a policy.
pub fn plain(arn: &str) -> String {
    arn.replace("${Partition}", "aws")
        .replace("${Region}", "*")
        .replace("${Account}", "*")
}
