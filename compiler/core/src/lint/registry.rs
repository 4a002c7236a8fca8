//! The rule registry: the only place lint codes appear.
//!
//! Input: the rule types of `rules/`. Output: [`RULES`], every rule with its
//! stable code, in code order. Invariants: a code is never reused for another
//! rule (a removed rule leaves its code unused); codes and names are unique
//! (a test holds the registry to that); `SSM1xx` correctness, `SSM2xx` style
//! and hygiene, `SSM3xx` security, `SSM4xx` SSM portability.

use crate::diagnostic::Severity;
use crate::lint::rules;
use crate::lint::LintContext;

/// Whether a rule's findings carry a fix that `--fix` may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    Never,
    Sometimes,
    Always,
}

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
    pub code: &'static str,
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
        crate::lint::docs::section(self.meta().docs, "What it does")
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
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

macro_rules! rules {
    ($($code:literal => $module:ident :: $ty:ident,)*) => {
        /// Every rule, in code order.
        pub static RULES: &[RuleEntry] = &[$(RuleEntry { code: $code, rule: &rules::$module::$ty },)*];
        $(impl Rule for rules::$module::$ty {
            fn meta(&self) -> &'static RuleMeta { &Self::META }
            fn check(&self, cx: &mut LintContext<'_>) { rules::$module::check(cx) }
        })*
    };
}

rules! {
    "SSM101" => missing_rate_control::MissingRateControl,
    "SSM102" => destructive_without_approval::DestructiveWithoutApproval,
    "SSM103" => missing_timeout::MissingTimeout,
    "SSM104" => missing_max_attempts::MissingMaxAttempts,
    "SSM105" => unhandled_failure_path::UnhandledFailurePath,
    "SSM106" => missing_assume_role::MissingAssumeRole,
    "SSM107" => unknown_document_key::UnknownDocumentKey,
    "SSM108" => invalid_allowed_pattern::InvalidAllowedPattern,
    "SSM109" => invalid_execute_script::InvalidExecuteScript,
    "SSM110" => invalid_sleep_duration::InvalidSleepDuration,
    "SSM111" => full_fleet_rollout::FullFleetRollout,
    "SSM201" => missing_description::MissingDescription,
    "SSM202" => hardcoded_instance_id::HardcodedInstanceId,
    "SSM203" => flat_parameter_name::FlatParameterName,
    "SSM204" => missing_document_tags::MissingDocumentTags,
    "SSM205" => unused_declaration::UnusedDeclaration,
    "SSM206" => reimplemented_patching::ReimplementedPatching,
    "SSM207" => missing_output_logging::MissingOutputLogging,
    "SSM208" => patch_target_not_by_tag::PatchTargetNotByTag,
    "SSM209" => shellcheck::Shellcheck,
    "SSM210" => invalid_suppression::InvalidSuppression,
    "SSM211" => unused_suppression::UnusedSuppression,
    "SSM301" => plaintext_secret::PlaintextSecret,
    "SSM302" => plaintext_secret_parameter::PlaintextSecretParameter,
    "SSM303" => secret_in_logged_place::SecretInLoggedPlace,
    "SSM304" => opens_inbound_access::OpensInboundAccess,
    "SSM305" => secret_parameter_in_command::SecretParameterInCommand,
    "SSM306" => decrypted_secret_echoed::DecryptedSecretEchoed,
    "SSM307" => wildcard_iam_policy::WildcardIamPolicy,
    "SSM401" => deprecated_runtime::DeprecatedRuntime,
    "SSM402" => hardcoded_arn_environment::HardcodedArnEnvironment,
}

/// The rule with this code (`SSM301`) or name (`plaintext-secret`), case-insensitive.
pub fn find(code_or_name: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name().eq_ignore_ascii_case(code_or_name)
    })
}

/// The rule with this code.
pub fn by_code(code: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|r| r.code == code)
}
