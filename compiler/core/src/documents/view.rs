//! A read-only view of a callable document's signature, as YAML text: what
//! go to definition on a call to an AWS-owned document opens in the editor
//! (the server serves it as `ssmc-stdlib:///aws-documents/NAME.yaml`, there
//! being no source to go to).
//!
//! Input: a [`Signature`]. Output: YAML shaped as the document's own
//! `parameters` section (type, description, default, allowedValues,
//! allowedPattern, limits), then its outputs. Invariant: every scalar is
//! written as JSON (valid YAML flow), so no text of the catalog can break the
//! view's syntax; the same signature always gives the same text.

use super::Signature;

/// Where the view of `name` lives under the `ssmc-stdlib:` scheme (and in
/// an analysis's source map, under `stdlib/`).
pub fn path_of(name: &str) -> String {
    format!("aws-documents/{name}.yaml")
}

/// The document name of a view's path (`aws-documents/NAME.yaml`).
pub fn name_of(path: &str) -> Option<&str> {
    path.strip_prefix("aws-documents/")?.strip_suffix(".yaml")
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The view's text.
pub fn render(sig: &Signature) -> String {
    let mut out = format!(
        "# {}: {} document owned by AWS, read-only.\n# Its signature as ssmc's embedded catalog holds it (stdlib/aws-documents/SOURCE.md).\n",
        sig.name, sig.doc_type
    );
    out.push_str(&format!(
        "name: {}\ndocumentType: {}\n",
        json(&sig.name),
        json(&sig.doc_type)
    ));
    if !sig.description.trim().is_empty() {
        out.push_str(&format!(
            "description: {}\n",
            json(sig.description.trim_end())
        ));
    }
    if !sig.params_known {
        out.push_str("# Its parameters are not in the catalog.\n");
        return out;
    }
    if sig.params.is_empty() {
        out.push_str("parameters: {}\n");
    } else {
        out.push_str("parameters:\n");
    }
    for p in &sig.params {
        out.push_str(&format!(
            "  {}:\n    type: {}\n",
            json(&p.name),
            json(&p.ty)
        ));
        if !p.description.trim().is_empty() {
            out.push_str(&format!(
                "    description: {}\n",
                json(p.description.trim_end())
            ));
        }
        match &p.default {
            None => out.push_str("    # required: no default\n"),
            Some(d) => out.push_str(&format!("    default: {d}\n")),
        }
        if let Some(values) = &p.allowed_values {
            let list: Vec<String> = values.iter().map(|v| json(v)).collect();
            out.push_str(&format!("    allowedValues: [{}]\n", list.join(", ")));
        }
        if let Some(pattern) = &p.allowed_pattern {
            out.push_str(&format!("    allowedPattern: {}\n", json(pattern)));
        }
        let limits = [
            ("minItems", p.limits.0),
            ("maxItems", p.limits.1),
            ("minChars", p.limits.2),
            ("maxChars", p.limits.3),
        ];
        for (key, limit) in limits {
            if let Some(n) = limit {
                out.push_str(&format!("    {key}: {n}\n"));
            }
        }
    }
    if !sig.outputs.is_empty() {
        let outs: Vec<String> = sig.outputs.iter().map(|o| json(o)).collect();
        out.push_str(&format!("outputs: [{}]\n", outs.join(", ")));
    }
    out
}

/// The byte offset of parameter `param`'s entry in `text` (a view).
pub fn param_offset(text: &str, param: &str) -> Option<usize> {
    let entry = format!("\n  {}:\n", json(param));
    text.find(&entry).map(|at| at + 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_of_an_aws_document_is_yaml_of_its_signature() {
        let sig = super::super::catalog::aws()
            .get("AWS-RunPatchBaseline")
            .expect("in the catalog");
        let text = render(sig);
        // It reads as YAML, with the catalog's facts in place.
        let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("valid YAML");
        let yaml = &docs[0];
        assert_eq!(yaml["documentType"].as_str(), Some("Command"));
        let allowed: Vec<&str> = yaml["parameters"]["Operation"]["allowedValues"]
            .as_vec()
            .expect("a list")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(allowed, ["Scan", "Install"]);
        assert!(text.contains("# required: no default"), "{text}");
        let at = param_offset(&text, "Operation").expect("the entry");
        assert!(text[at..].starts_with("\"Operation\":"), "{}", &text[at..]);
        assert_eq!(
            name_of(&path_of("AWS-RunPatchBaseline")),
            Some("AWS-RunPatchBaseline")
        );
        assert_eq!(name_of("actions/x.rbk"), None);
    }
}
