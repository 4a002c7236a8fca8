//! The project's own JSON Schemas for SSM documents.
//!
//! Input: a `schemaVersion`. Output: the JSON Schema text (draft 2020-12) that
//! checks documents of that version, if we have one.
//! Invariant: the schemas accept every corpus document of their version (AWS
//! accepted them all), check the common step properties and each known
//! action's required inputs, and accept unknown `aws:` actions generically.
//! What they check, and why, is in `docs/schemas.md`.

/// Command documents, schemaVersion 2.2.
pub const COMMAND_2_2: &str = include_str!("../../schemas/command-2.2.json");

/// Automation runbooks, schemaVersion 0.3.
pub const AUTOMATION_0_3: &str = include_str!("../../schemas/automation-0.3.json");

/// The JSON Schema text for a `schemaVersion`, if we have one.
pub fn schema_for(schema_version: &str) -> Option<&'static str> {
    match schema_version {
        "2.2" => Some(COMMAND_2_2),
        "0.3" => Some(AUTOMATION_0_3),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_json_for_their_version() {
        for (version, kind) in [("2.2", "Command"), ("0.3", "Automation")] {
            let text = schema_for(version).expect("a schema");
            let value: serde_json::Value = serde_json::from_str(text).expect("schema is JSON");
            assert_eq!(value["properties"]["schemaVersion"]["const"], version);
            assert!(value["title"].as_str().unwrap().contains(kind));
        }
        assert_eq!(schema_for("1.2"), None);
    }
}
