//! One file per rule. Each declares its docs with `declare_rule!` and has a
//! `check(cx)` function; the registry gives it its code.

pub mod decrypted_secret_echoed;
pub mod deprecated_runtime;
pub mod destructive_without_approval;
pub mod flat_parameter_name;
pub mod full_fleet_rollout;
pub mod hardcoded_arn_environment;
pub mod hardcoded_instance_id;
pub mod invalid_allowed_pattern;
pub mod invalid_execute_script;
pub mod invalid_sleep_duration;
pub mod invalid_suppression;
pub mod missing_assume_role;
pub mod missing_description;
pub mod missing_document_tags;
pub mod missing_max_attempts;
pub mod missing_output_logging;
pub mod missing_rate_control;
pub mod missing_timeout;
pub mod opens_inbound_access;
pub mod patch_target_not_by_tag;
pub mod plaintext_secret;
pub mod plaintext_secret_parameter;
pub mod python_handler;
pub mod python_syntax_error;
pub mod python_undefined_name;
pub mod reimplemented_patching;
pub mod secret_in_logged_place;
pub mod secret_parameter_in_command;
pub mod shellcheck;
pub mod unhandled_failure_path;
pub mod unknown_document_key;
pub mod unused_declaration;
pub mod unused_suppression;
pub mod wildcard_iam_policy;
