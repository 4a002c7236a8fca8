//! The IAM actions each built-in Automation action calls on the role's
//! behalf, with the source of each fact.
//!
//! Input: the action name and the step's inputs (some needs depend on them:
//! `iam:PassRole` only when a role or profile is given). Output: the needs,
//! each naming the input members that hold its resource (matched against the
//! ARN format's variables by `derive`). `None` for an action this table does
//! not know (the derivation notes it); `Some(vec![])` for actions that call
//! nothing (`aws:sleep`, `aws:branch`, …).

use crate::model::{Key, Node};

/// One action a built-in step needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltinNeed {
    /// `prefix:Action`.
    pub action: &'static str,
    /// `(ARN variable, input member)` pairs that name the resource.
    pub members: &'static [(&'static str, &'static str)],
    /// For `iam:PassRole`: the service the role is passed to.
    pub passed_to: Option<&'static str>,
    pub source: &'static str,
}

const fn need(action: &'static str, source: &'static str) -> BuiltinNeed {
    BuiltinNeed {
        action,
        members: &[],
        passed_to: None,
        source,
    }
}

const fn on(
    action: &'static str,
    members: &'static [(&'static str, &'static str)],
    source: &'static str,
) -> BuiltinNeed {
    BuiltinNeed {
        action,
        members,
        passed_to: None,
        source,
    }
}

const fn pass_role(
    member: &'static [(&'static str, &'static str)],
    to: &'static str,
    source: &'static str,
) -> BuiltinNeed {
    BuiltinNeed {
        action: "iam:PassRole",
        members: member,
        passed_to: Some(to),
        source,
    }
}

/// AWS's managed policy for Automation's service role lists what the image,
/// instance and stack actions call.
const AUTOMATION_ROLE: &str =
    "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMAutomationRole.html";
const RUN_COMMAND: &str =
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command-setting-up.html (ssm:SendCommand on the document and the nodes; ssm:ListCommands and ssm:ListCommandInvocations to follow the command)";
const CREATE_IMAGE: &str =
    "https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-createimage.html";
const EXECUTE_AUTOMATION: &str =
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup-identity-based-policies.html (example 1: start and view an automation)";
const PASS_ROLE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html";
const LAMBDA: &str =
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-action-lamb.html";
const STATES: &str =
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-action-executeStateMachine.html";
const APPROVE: &str =
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-action-approve.html";
const CREATE_TAGS: &str =
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-action-createtag.html";

const DOC: &[(&str, &str)] = &[("DocumentName", "DocumentName")];
const INSTANCES: &[(&str, &str)] = &[("InstanceId", "InstanceIds")];
const ROLE_ARN: &[(&str, &str)] = &[("RoleNameWithPath", "RoleARN")];

/// The needs of sending a Command document (by the role of whoever sends
/// it), its name as the input `DocumentName`.
pub fn send_command_document() -> Vec<BuiltinNeed> {
    vec![
        on("ssm:SendCommand", DOC, RUN_COMMAND),
        need("ssm:ListCommands", RUN_COMMAND),
        need("ssm:ListCommandInvocations", RUN_COMMAND),
    ]
}

fn has(inputs: &[(Key, Node)], member: &str) -> bool {
    inputs.iter().any(|(k, _)| k.name == member)
}

fn text<'a>(inputs: &'a [(Key, Node)], member: &str) -> Option<&'a str> {
    inputs
        .iter()
        .find(|(k, _)| k.name == member)
        .and_then(|(_, n)| n.as_str())
}

/// What the built-in `action` needs with these inputs.
pub fn needs(action: &str, inputs: &[(Key, Node)]) -> Option<Vec<BuiltinNeed>> {
    let mut out = Vec::new();
    match action {
        "aws:sleep" | "aws:pause" | "aws:branch" | "aws:updateVariable" => {}
        "aws:runCommand" => {
            out.push(on("ssm:SendCommand", DOC, RUN_COMMAND));
            out.push(need("ssm:ListCommands", RUN_COMMAND));
            out.push(need("ssm:ListCommandInvocations", RUN_COMMAND));
            if has(inputs, "ServiceRoleArn") {
                out.push(pass_role(
                    &[("RoleNameWithPath", "ServiceRoleArn")],
                    "ssm.amazonaws.com",
                    PASS_ROLE,
                ));
            }
        }
        "aws:executeAutomation" => {
            out.push(on(
                "ssm:StartAutomationExecution",
                &[
                    ("DocumentName", "DocumentName"),
                    ("AutomationDefinitionName", "DocumentName"),
                ],
                EXECUTE_AUTOMATION,
            ));
            out.push(need("ssm:GetAutomationExecution", EXECUTE_AUTOMATION));
        }
        "aws:runInstances" => {
            out.push(on(
                "ec2:RunInstances",
                &[("ImageId", "ImageId")],
                AUTOMATION_ROLE,
            ));
            out.push(on("ec2:DescribeInstanceStatus", &[], AUTOMATION_ROLE));
            if has(inputs, "IamInstanceProfileArn") || has(inputs, "IamInstanceProfileName") {
                out.push(pass_role(&[], "ec2.amazonaws.com", PASS_ROLE));
            }
            if has(inputs, "TagSpecifications") {
                out.push(need("ec2:CreateTags", AUTOMATION_ROLE));
            }
        }
        "aws:createImage" => {
            out.push(on(
                "ec2:CreateImage",
                &[("InstanceId", "InstanceId")],
                CREATE_IMAGE,
            ));
            out.push(need("ec2:DescribeImages", CREATE_IMAGE));
        }
        "aws:copyImage" => {
            out.push(on(
                "ec2:CopyImage",
                &[("ImageId", "SourceImageId")],
                AUTOMATION_ROLE,
            ));
            out.push(need("ec2:DescribeImages", AUTOMATION_ROLE));
        }
        "aws:deleteImage" => {
            out.push(on(
                "ec2:DeregisterImage",
                &[("ImageId", "ImageId")],
                AUTOMATION_ROLE,
            ));
            out.push(need("ec2:DescribeImages", AUTOMATION_ROLE));
            out.push(need("ec2:DeleteSnapshot", AUTOMATION_ROLE));
        }
        "aws:changeInstanceState" => {
            let state = text(inputs, "DesiredState").filter(|s| !s.contains("{{"));
            for (name, action) in [
                ("running", "ec2:StartInstances"),
                ("stopped", "ec2:StopInstances"),
                ("terminated", "ec2:TerminateInstances"),
            ] {
                if state.is_none_or(|s| s == name) {
                    out.push(on(action, INSTANCES, AUTOMATION_ROLE));
                }
            }
            out.push(need("ec2:DescribeInstanceStatus", AUTOMATION_ROLE));
        }
        "aws:createStack" => {
            out.push(on(
                "cloudformation:CreateStack",
                &[("StackName", "StackName")],
                AUTOMATION_ROLE,
            ));
            out.push(on(
                "cloudformation:DescribeStacks",
                &[("StackName", "StackName")],
                AUTOMATION_ROLE,
            ));
            if has(inputs, "RoleARN") {
                out.push(pass_role(
                    ROLE_ARN,
                    "cloudformation.amazonaws.com",
                    PASS_ROLE,
                ));
            }
        }
        "aws:deleteStack" => {
            out.push(on(
                "cloudformation:DeleteStack",
                &[("StackName", "StackName")],
                AUTOMATION_ROLE,
            ));
            out.push(on(
                "cloudformation:DescribeStacks",
                &[("StackName", "StackName")],
                AUTOMATION_ROLE,
            ));
            if has(inputs, "RoleARN") {
                out.push(pass_role(
                    ROLE_ARN,
                    "cloudformation.amazonaws.com",
                    PASS_ROLE,
                ));
            }
        }
        // ResourceType defaults to EC2; one chosen at run time may be any.
        "aws:createTags" => match text(inputs, "ResourceType") {
            Some("EC2") | None => out.push(need("ec2:CreateTags", CREATE_TAGS)),
            Some(t) if t.contains("{{") => {
                out.push(need("ec2:CreateTags", CREATE_TAGS));
                out.push(need("ssm:AddTagsToResource", CREATE_TAGS));
            }
            Some(_) => out.push(need("ssm:AddTagsToResource", CREATE_TAGS)),
        },
        "aws:invokeLambdaFunction" => {
            out.push(on(
                "lambda:InvokeFunction",
                &[("FunctionName", "FunctionName")],
                LAMBDA,
            ));
        }
        "aws:executeStateMachine" => {
            out.push(on(
                "states:StartExecution",
                &[("StateMachineName", "stateMachineArn")],
                STATES,
            ));
            out.push(need("states:DescribeExecution", STATES));
        }
        "aws:approve" => {
            if has(inputs, "NotificationArn") {
                out.push(on(
                    "sns:Publish",
                    &[("TopicName", "NotificationArn")],
                    APPROVE,
                ));
            }
        }
        _ => return None,
    }
    Some(out)
}
