//! A derivation as an IAM policy: statements grouping the actions that share
//! resources and conditions, rendered as IAM JSON, a CloudFormation role or
//! Terraform.
//!
//! Invariant: deterministic (statements and their actions sorted), so the
//! same runbook always gives the same policy text.

use std::collections::BTreeMap;

use super::derive::{Condition, Derivation};

/// One `Allow` statement, and the steps that need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub actions: Vec<String>,
    /// ARNs with place variables (see `arn`); empty means `"*"`.
    pub resources: Vec<String>,
    pub condition: Option<Condition>,
    /// Every need here.
    pub because: Vec<Because>,
}

/// Why a statement grants an action: which step needs it, through what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Because {
    pub step: String,
    pub action: String,
    /// Why the resource is `"*"`, when it is.
    pub why_any: String,
    /// What in the step calls it, when not the step itself (a script's call).
    pub via: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    pub statements: Vec<Statement>,
}

/// Groups needs: an action's resources are the union over the steps needing
/// it (`"*"` if any needs `"*"`); actions with the same resources and
/// condition share a statement.
pub fn policy(derivation: &Derivation) -> Policy {
    type ActionKey = (String, Option<Condition>);
    /// The action's ARNs (`None`: `"*"`) and the needs behind it.
    type ActionNeeds = (Option<Vec<String>>, Vec<Because>);
    let mut per_action: BTreeMap<ActionKey, ActionNeeds> = BTreeMap::new();
    for need in &derivation.needs {
        let entry = per_action
            .entry((need.action.clone(), need.condition.clone()))
            .or_insert_with(|| (Some(Vec::new()), Vec::new()));
        if need.resources.is_empty() {
            entry.0 = None;
        } else if let Some(arns) = &mut entry.0 {
            arns.extend(need.resources.iter().cloned());
        }
        entry.1.push(Because {
            step: need.step.clone(),
            action: need.action.clone(),
            why_any: need.why_any.clone(),
            via: need.via.clone(),
        });
    }
    type StatementKey = (Vec<String>, Option<Condition>);
    let mut grouped: BTreeMap<StatementKey, Statement> = BTreeMap::new();
    for ((action, condition), (arns, because)) in per_action {
        let mut arns = arns.unwrap_or_default();
        arns.sort();
        arns.dedup();
        let statement = grouped
            .entry((arns.clone(), condition.clone()))
            .or_insert_with(|| Statement {
                actions: Vec::new(),
                resources: arns,
                condition,
                because: Vec::new(),
            });
        statement.actions.push(action);
        statement.because.extend(because);
    }
    let mut statements: Vec<Statement> = grouped.into_values().collect();
    for s in &mut statements {
        s.actions.sort_by_key(|a| a.to_ascii_lowercase());
        s.actions.dedup();
    }
    Policy { statements }
}

/// How an output format writes an ARN's place variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// `aws`, any region, any account: plain IAM JSON.
    Plain,
    /// `${AWS::Partition}`, inside `Fn::Sub` (region and account stay `*`:
    /// AWS-owned documents have no account in their ARN).
    CloudFormation,
    /// `${data.aws_partition.current.partition}` in a Terraform string.
    Terraform,
}

pub fn place(arn: &str, places: Places) -> String {
    let partition = match places {
        Places::Plain => "aws",
        Places::CloudFormation => "${AWS::Partition}",
        Places::Terraform => "${data.aws_partition.current.partition}",
    };
    arn.replace("${Partition}", partition)
        .replace("${Region}", "*")
        .replace("${Account}", "*")
}

/// The policy document as a JSON value; `places` decides the ARNs' partition.
pub fn document(policy: &Policy, places: Places) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let statements: Vec<Value> = policy
        .statements
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("Effect".into(), json!("Allow"));
            m.insert("Action".into(), json!(s.actions));
            let resources: Vec<Value> = if s.resources.is_empty() {
                vec![json!("*")]
            } else {
                s.resources
                    .iter()
                    .map(|a| {
                        let text = place(a, places);
                        if places == Places::CloudFormation && text.contains("${") {
                            json!({ "Fn::Sub": text })
                        } else {
                            json!(text)
                        }
                    })
                    .collect()
            };
            m.insert(
                "Resource".into(),
                if resources.len() == 1 {
                    resources.into_iter().next().unwrap_or(Value::Null)
                } else {
                    Value::Array(resources)
                },
            );
            if let Some(c) = &s.condition {
                m.insert(
                    "Condition".into(),
                    json!({ c.operator.clone(): { c.key.clone(): c.values } }),
                );
            }
            Value::Object(m)
        })
        .collect();
    json!({ "Version": "2012-10-17", "Statement": statements })
}

/// `value` as pretty JSON with a final newline.
pub fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A CloudFormation template (JSON) with the role Automation assumes: the
/// trust policy for `ssm.amazonaws.com` and this policy inline.
pub fn cloudformation(policy: &Policy, document_name: &str) -> String {
    use serde_json::json;
    let logical = logical_id(document_name);
    let template = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("The role {document_name} runs with (derived by ssmc iam)"),
        "Resources": {
            format!("{logical}AutomationRole"): {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": trust_policy(),
                    "Policies": [{
                        "PolicyName": format!("{logical}Policy"),
                        "PolicyDocument": document(policy, Places::CloudFormation),
                    }],
                },
            },
        },
        "Outputs": {
            "AutomationAssumeRoleArn": {
                "Value": { "Fn::GetAtt": [format!("{logical}AutomationRole"), "Arn"] },
            },
        },
    });
    pretty(&template)
}

/// Automation's trust policy: only the Systems Manager service assumes the role.
pub fn trust_policy() -> serde_json::Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": "ssm.amazonaws.com" },
            "Action": "sts:AssumeRole",
        }],
    })
}

/// Terraform: the role with its trust policy and the policy inline, as
/// `jsonencode` of the same documents.
pub fn terraform(policy: &Policy, document_name: &str) -> String {
    let name = terraform_name(document_name);
    let policy_json = pretty(&document(policy, Places::Terraform));
    let trust = pretty(&trust_policy());
    format!(
        "data \"aws_partition\" \"current\" {{}}\n\n\
         resource \"aws_iam_role\" \"{name}\" {{\n  \
           name_prefix        = \"{prefix}\"\n  \
           assume_role_policy = <<-EOT\n{trust}  EOT\n}}\n\n\
         resource \"aws_iam_role_policy\" \"{name}\" {{\n  \
           role   = aws_iam_role.{name}.id\n  \
           policy = <<-EOT\n{policy}  EOT\n}}\n",
        prefix = name_prefix(document_name),
        trust = indent(&trust, 4),
        policy = indent(&policy_json, 4),
    )
}

fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines().map(|l| format!("{pad}{l}\n")).collect()
}

/// A CloudFormation logical id: alphanumerics only, starting with a letter.
fn logical_id(name: &str) -> String {
    let id: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    match id.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => id,
        _ => format!("Runbook{id}"),
    }
}

/// A Terraform identifier: letters, digits, `_` and `-`, starting with a letter or `_`.
fn terraform_name(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    match id.chars().next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => id,
        _ => format!("runbook_{id}"),
    }
}

/// An IAM role name prefix (at most 38 characters of `[\w+=,.@-]`).
fn name_prefix(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+=,.@-_".contains(*c))
        .take(37)
        .collect();
    format!("{clean}-")
}
