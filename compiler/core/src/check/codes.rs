//! The checker's diagnostic codes: the only place they are defined.
//!
//! Invariant: a code is never reused for another meaning; `E1xxx` names and
//! types, `E2xxx` flow, `E3xxx` secrets, `W1xxx` type warnings (where AWS is
//! lenient), `W2xxx` flow warnings. Each code has a stable kebab-case name
//! (what an `allow` names) and a one-line summary.

/// One diagnostic kind of the checker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

macro_rules! codes {
    ($($id:ident = $code:literal, $name:literal, $summary:literal;)*) => {
        $(pub const $id: &str = $code;)*
        /// Every checker code, in code order.
        pub const ALL: &[CodeInfo] = &[$(CodeInfo { code: $code, name: $name, summary: $summary },)*];
    };
}

codes! {
    UNKNOWN_ACTION = "E1001", "unknown-action", "the action is not in the catalog";
    ACTION_WRONG_KIND = "E1002", "action-wrong-kind", "an Automation action in a Command document or the reverse";
    UNKNOWN_INPUT = "E1003", "unknown-input", "the action has no input of that name";
    MISSING_INPUT = "E1004", "missing-input", "a required input is missing";
    TYPE_MISMATCH = "E1005", "type-mismatch", "a value of the wrong type";
    NOT_ALLOWED_VALUE = "E1006", "value-not-allowed", "a value outside the input's allowedValues";
    INVALID_TARGETS = "E1007", "invalid-targets", "a Targets entry is not {Key: String, Values: StringList}";
    INVALID_CHOICE = "E1008", "invalid-choice", "a branch choice or condition has the wrong shape";
    INVALID_STEP_OUTPUT = "E1009", "invalid-step-output", "a step outputs entry is not {Name, Selector, Type?}";
    UNKNOWN_PARAMETER = "E1010", "unknown-parameter", "a reference to a parameter that does not exist";
    UNKNOWN_STEP = "E1011", "unknown-step", "a reference to a step that does not exist";
    UNKNOWN_OUTPUT = "E1012", "unknown-output", "a reference to an output the step does not produce";
    UNKNOWN_VARIABLE = "E1013", "unknown-variable", "a reference to a variable that does not exist";
    UNKNOWN_BUILTIN = "E1014", "unknown-builtin", "an unknown global: or automation: variable";
    DUPLICATE_STEP = "E1015", "duplicate-step", "two steps with the same name";
    INVALID_STEP_NAME = "E1016", "invalid-step-name", "a step name outside [A-Za-z0-9_]+";
    DUPLICATE_PARAMETER = "E1017", "duplicate-parameter", "two parameters (or variables) with the same name";
    UNKNOWN_TYPE = "E1018", "unknown-type", "a parameter or variable type SSM does not know";
    INVALID_DEFAULT = "E1019", "invalid-default", "a default outside its own type, allowedValues or allowedPattern";
    INVALID_UPDATE_VARIABLE = "E1020", "invalid-update-variable", "aws:updateVariable names no declared variable";
    INVALID_PRECONDITION = "E1021", "invalid-precondition", "a Command precondition the agent rejects";
    INVALID_SCHEMA_VERSION = "E1022", "invalid-schema-version", "a schemaVersion SSM does not accept for the document kind";
    INVALID_STEP_PROPERTY = "E1023", "invalid-step-property", "a step property with a value AWS rejects";
    WRONG_KIND_KEY = "E1024", "wrong-kind-key", "a top-level key the document kind or schema does not have";
    NO_STEPS = "E1025", "no-steps", "a document without steps (AWS requires at least one)";
    UNKNOWN_ATTACHMENT = "E1026", "unknown-attachment", "an aws:executeScript Attachment the document's files do not list";
    UNKNOWN_AWS_SERVICE = "E1027", "unknown-aws-service", "an AWS API step names a service botocore does not know";
    UNKNOWN_AWS_API = "E1028", "unknown-aws-api", "an AWS API step names an operation its service does not have";
    UNKNOWN_API_PARAMETER = "E1029", "unknown-api-parameter", "a request parameter the API's input shape does not have";
    MISSING_API_PARAMETER = "E1030", "missing-api-parameter", "a request parameter the API requires is missing";
    API_PARAMETER_TYPE = "E1031", "api-parameter-type", "a request parameter of a type the API (after SSM's conversions) rejects";
    API_VALUE_OUT_OF_RANGE = "E1032", "api-value-out-of-range", "a request value outside the model's enum, min or max";
    STREAMING_API = "E1033", "streaming-api", "an operation with a streaming request or response, which SSM cannot call";
    IMPOSSIBLE_SELECTOR = "E1034", "impossible-selector", "a selector segment the API's response can never have";
    INVALID_SELECTOR = "E1035", "invalid-selector", "a selector SSM's JSONPath dialect cannot parse";
    DOCUMENT_TYPE_MISMATCH = "E1041", "document-type-mismatch", "a template's DocumentType (document_type) disagrees with its content's schemaVersion";
    UNKNOWN_ASSOCIATION_PARAMETER = "E1042", "unknown-association-parameter", "an association sets a parameter its document does not declare";
    MISSING_ASSOCIATION_PARAMETER = "E1043", "missing-association-parameter", "an association leaves out a parameter its document requires (no default)";
    UNKNOWN_TARGET = "E2001", "unknown-target", "a goto, onFailure, onCancel, NextStep or Default naming no step";
    CYCLE_WITHOUT_EXIT = "E2002", "cycle-without-exit", "steps that can only run each other forever";
    JUMP_INTO_LOOP = "E2003", "jump-into-loop", "a jump into a loop body from outside it";
    FORBIDDEN_ON_CANCEL = "E2004", "forbidden-on-cancel", "onCancel on an action that does not allow it, or to a step that may not be a cancel target";
    SECRET_FLOW = "E3001", "secret-flow", "a secret flows where AWS may log or return it";
    PLAINTEXT_SECRET_DEFAULT = "E3002", "plaintext-secret-default", "a secret parameter whose default is plain text";
    LENIENT_TYPE = "W1001", "lenient-type", "a value AWS accepts although it is not of the declared type";
    EXTERN_ACTION = "W1002", "extern-action", "a step uses an action declared extern";
    UNKNOWN_AWS_KEY = "W1003", "unknown-key", "an unknown key inside an AWS-defined object";
    UNKNOWN_PLUGIN_INPUT = "W1004", "unknown-plugin-input", "a Command plugin input the plugin does not read (SSM Agent ignores it)";
    NEAR_MISS_INPUT = "W1006", "near-miss-input", "an input an extern or pass-through action accepts, spelt almost like a declared one";
    BAD_ALLOW = "W1007", "bad-allow", "retired: a malformed suppression is now `invalid-suppression` (SSM210)";
    DEFAULT_OUTSIDE_PATTERN = "W1005", "default-outside-pattern", "a default its own allowedPattern or length limits refuse (SSM accepts the document; using the default fails)";
    SELECTOR_TYPE = "W1008", "selector-type", "a selector whose result type does not fit the output's declared Type";
    DESIRED_VALUE_NOT_IN_ENUM = "W1009", "desired-value-not-in-enum", "a DesiredValues entry the property's enum does not list";
    LIST_FOR_SCALAR = "W1010", "list-for-scalar", "a list reference passed to an API parameter that takes one value (works only for a one-element list)";
    TIMEOUT_BEYOND_LIMIT = "W1011", "timeout-beyond-limit", "a timeoutSeconds above the longest the action runs or waits";
    UNREACHABLE_STEP = "W2001", "unreachable-step", "a step no path from the first step reaches";
    BRANCH_WITHOUT_DEFAULT = "W2002", "branch-without-default", "an aws:branch with no Default";
    NEXT_STEP_WITH_END = "W2003", "next-step-with-end", "a step with both nextStep and isEnd: true";
    MAYBE_NOT_RUN = "W2004", "maybe-not-run", "a reference to a step that does not run on every path to the use";
    API_SPELLING = "I1002", "api-spelling", "an AWS service or API name spelt other than canonically (SSM accepts it)";
    PSEUDO_PARAMETER = "I1001", "pseudo-parameter", "a Maintenance Window pseudo-parameter (resolved only in a Maintenance Window task)";
}

/// The entry for `code`.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    ALL.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        for (i, a) in ALL.iter().enumerate() {
            for b in ALL.iter().skip(i + 1) {
                assert_ne!(a.code, b.code);
                assert_ne!(a.name, b.name);
            }
            assert!(a.code.len() == 5 && a.code.starts_with(['E', 'W', 'I']));
            assert!(a.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        assert_eq!(info("E3001").map(|c| c.name), Some("secret-flow"));
    }
}
