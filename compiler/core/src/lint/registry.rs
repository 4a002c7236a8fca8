//! The rule registry: the only place lint codes appear.
//!
//! Input: the rule types of `rules/`. Output: [`RULES`], every rule with its
//! stable code, in code order. Invariants: a code is never reused for another
//! rule (a removed rule leaves its code unused); codes and names are unique
//! (a test holds the registry to that); `SSM1xx` correctness, `SSM2xx` style
//! and hygiene, `SSM3xx` security, `SSM4xx` SSM portability, `SSM5xx` the
//! code inside scripts (the Python of `aws:executeScript`).

use crate::diagnostic::Severity;
use crate::lint::rules;
use crate::lint::LintContext;

pub use crate::codes::FixKind;
use crate::codes::{Code, CodeInfo, Group};

/// What a rule declares about itself (its code lives in the registry).
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Kebab-case name describing the pattern flagged (what `allow(...)` names).
    pub name: &'static str,
    pub default: Severity,
    pub fix: FixKind,
    /// The rule's documentation (Markdown): What it does, Why is this bad?,
    /// Example, Use instead.
    pub docs: &'static str,
    /// Checked outside the pure core (e.g. by running shellcheck in the CLI):
    /// its `check` finds nothing and its examples are not run as tests.
    pub external: bool,
    /// A preview rule (as ruff's): new, with too little evidence from real
    /// documents to run by default; it runs only with `--preview` or
    /// `[lint] preview = true`.
    pub preview: bool,
}

/// One lint rule.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Reports every finding of this rule in `cx`'s document.
    fn check(&self, cx: &mut LintContext<'_>);
}

/// A rule with its code.
pub struct RuleEntry {
    pub code: Code,
    pub rule: &'static dyn Rule,
}

impl RuleEntry {
    pub fn meta(&self) -> &'static RuleMeta {
        self.rule.meta()
    }

    pub fn name(&self) -> &'static str {
        self.rule.meta().name
    }

    /// `stable` or `preview` (see [`RuleMeta::preview`]).
    pub fn status(&self) -> &'static str {
        if self.rule.meta().preview {
            "preview"
        } else {
            "stable"
        }
    }

    /// The first paragraph under "What it does" (one line for SARIF and lists).
    pub fn summary(&self) -> String {
        self.code.summary()
    }
}

/// Declares a rule: a unit struct, its doc comment as `META.docs`.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub MissingTimeout { name: "missing-timeout", default: Warning, fix: Never }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $d:literal])* pub $ty:ident { name: $name:literal, default: $sev:ident, fix: $fix:ident $(, external: $ext:literal)? $(, preview: $pre:literal)? $(,)? }) => {
        $(#[doc = $d])*
        pub struct $ty;
        impl $ty {
            pub const META: $crate::lint::registry::RuleMeta = $crate::lint::registry::RuleMeta {
                name: $name,
                default: $crate::diagnostic::Severity::$sev,
                fix: $crate::lint::registry::FixKind::$fix,
                docs: concat!($($d, "\n"),*),
                external: false $(|| $ext)?,
                preview: false $(|| $pre)?,
            };
        }
    };
}

/// The registry entry of a rule: its code with the rule's own name, level,
/// fix kind and docs.
const fn rule_code(code: &'static str, meta: RuleMeta) -> CodeInfo {
    CodeInfo {
        code,
        name: meta.name,
        group: Group::Lint,
        level: meta.default,
        suppressible: true,
        summary: "",
        docs: meta.docs,
        fix: meta.fix,
    }
}

macro_rules! rules {
    ($($id:ident = $code:literal => $module:ident :: $ty:ident,)*) => {
        $(
            #[doc = concat!("The code of rule `", stringify!($ty), "`.")]
            pub const $id: Code = Code::new(&rule_code($code, rules::$module::$ty::META));
        )*
        /// Every rule, in code order.
        pub static RULES: &[RuleEntry] = &[$(RuleEntry { code: $id, rule: &rules::$module::$ty },)*];
        $(impl Rule for rules::$module::$ty {
            fn meta(&self) -> &'static RuleMeta { &Self::META }
            fn check(&self, cx: &mut LintContext<'_>) { rules::$module::check(cx) }
        })*
    };
}

rules! {
    MISSING_RATE_CONTROL = "SSM101" => missing_rate_control::MissingRateControl,
    DESTRUCTIVE_WITHOUT_APPROVAL = "SSM102" => destructive_without_approval::DestructiveWithoutApproval,
    MISSING_TIMEOUT = "SSM103" => missing_timeout::MissingTimeout,
    MISSING_MAX_ATTEMPTS = "SSM104" => missing_max_attempts::MissingMaxAttempts,
    UNHANDLED_FAILURE_PATH = "SSM105" => unhandled_failure_path::UnhandledFailurePath,
    MISSING_ASSUME_ROLE = "SSM106" => missing_assume_role::MissingAssumeRole,
    UNKNOWN_DOCUMENT_KEY = "SSM107" => unknown_document_key::UnknownDocumentKey,
    INVALID_ALLOWED_PATTERN = "SSM108" => invalid_allowed_pattern::InvalidAllowedPattern,
    INVALID_EXECUTE_SCRIPT = "SSM109" => invalid_execute_script::InvalidExecuteScript,
    INVALID_SLEEP_DURATION = "SSM110" => invalid_sleep_duration::InvalidSleepDuration,
    FULL_FLEET_ROLLOUT = "SSM111" => full_fleet_rollout::FullFleetRollout,
    MISSING_DESCRIPTION = "SSM201" => missing_description::MissingDescription,
    HARDCODED_INSTANCE_ID = "SSM202" => hardcoded_instance_id::HardcodedInstanceId,
    FLAT_PARAMETER_NAME = "SSM203" => flat_parameter_name::FlatParameterName,
    MISSING_DOCUMENT_TAGS = "SSM204" => missing_document_tags::MissingDocumentTags,
    UNUSED_DECLARATION = "SSM205" => unused_declaration::UnusedDeclaration,
    REIMPLEMENTED_PATCHING = "SSM206" => reimplemented_patching::ReimplementedPatching,
    MISSING_OUTPUT_LOGGING = "SSM207" => missing_output_logging::MissingOutputLogging,
    PATCH_TARGET_NOT_BY_TAG = "SSM208" => patch_target_not_by_tag::PatchTargetNotByTag,
    SHELLCHECK = "SSM209" => shellcheck::Shellcheck,
    INVALID_SUPPRESSION = "SSM210" => invalid_suppression::InvalidSuppression,
    UNUSED_SUPPRESSION = "SSM211" => unused_suppression::UnusedSuppression,
    PLAINTEXT_SECRET = "SSM301" => plaintext_secret::PlaintextSecret,
    PLAINTEXT_SECRET_PARAMETER = "SSM302" => plaintext_secret_parameter::PlaintextSecretParameter,
    SECRET_IN_LOGGED_PLACE = "SSM303" => secret_in_logged_place::SecretInLoggedPlace,
    OPENS_INBOUND_ACCESS = "SSM304" => opens_inbound_access::OpensInboundAccess,
    SECRET_PARAMETER_IN_COMMAND = "SSM305" => secret_parameter_in_command::SecretParameterInCommand,
    DECRYPTED_SECRET_ECHOED = "SSM306" => decrypted_secret_echoed::DecryptedSecretEchoed,
    WILDCARD_IAM_POLICY = "SSM307" => wildcard_iam_policy::WildcardIamPolicy,
    UNDOCUMENTED_ROLE_PERMISSIONS = "SSM308" => undocumented_role_permissions::UndocumentedRolePermissions,
    DEPRECATED_RUNTIME = "SSM401" => deprecated_runtime::DeprecatedRuntime,
    HARDCODED_ARN_ENVIRONMENT = "SSM402" => hardcoded_arn_environment::HardcodedArnEnvironment,
    PYTHON_SYNTAX_ERROR = "SSM501" => python_syntax_error::PythonSyntaxError,
    PYTHON_HANDLER = "SSM502" => python_handler::PythonHandler,
    PYTHON_UNDEFINED_NAME = "SSM503" => python_undefined_name::PythonUndefinedName,
    PYTHON_AWS_API = "SSM504" => python_aws_api::PythonAwsApi,
    PYTHON_PAYLOAD_MISSING_KEY = "SSM505" => python_payload_missing_key::PythonPayloadMissingKey,
    PYTHON_PAYLOAD_UNUSED_KEY = "SSM506" => python_payload_unused_key::PythonPayloadUnusedKey,
    PYTHON_OUTPUT_CONTRACT = "SSM507" => python_output_contract::PythonOutputContract,
    PYTHON_UNUSED_IMPORT = "SSM508" => python_unused_import::PythonUnusedImport,
    PYTHON_UNUSED_VARIABLE = "SSM509" => python_unused_variable::PythonUnusedVariable,
    PYTHON_REDEFINITION = "SSM510" => python_redefinition::PythonRedefinition,
    PYTHON_UNAVAILABLE_MODULE = "SSM511" => python_unavailable_module::PythonUnavailableModule,
}

/// The rule with this code (`SSM301`) or name (`plaintext-secret`), case-insensitive.
pub fn find(code_or_name: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|r| r.code.is_named(code_or_name))
}

/// The rule with this code.
pub fn by_code(code: Code) -> Option<&'static RuleEntry> {
    RULES.iter().find(|r| r.code == code)
}
