use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Checks the boto3 calls of an `aws:executeScript` step's Python against the AWS
    /// API catalog, as `aws:executeAwsApi` steps are checked: the client's service
    /// (`boto3.client("ec2")`, also held in a name or `self.…`), the method (an
    /// operation, in boto3's snake_case, with a did-you-mean), keyword arguments the
    /// operation does not take, and required ones missing. A call that passes
    /// `**kwargs` or positional arguments is not judged on its parameters.
    ///
    /// ## Why is this bad?
    /// boto3 raises `AttributeError` for a method a client does not have and
    /// `ParamValidationError` for a parameter the API does not take or a required one
    /// missing, only when the step runs.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Tag an instance.
    /// mainSteps:
    ///   - name: Tag
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         import boto3
    ///
    ///         def main(events, context):
    ///             ec2 = boto3.client("ec2")
    ///             ec2.create_tags(Resources=["i-0123456789abcdef0"])
    ///             return {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Tag an instance.
    /// mainSteps:
    ///   - name: Tag
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         import boto3
    ///
    ///         def main(events, context):
    ///             ec2 = boto3.client("ec2")
    ///             ec2.create_tags(Resources=["i-0123456789abcdef0"], Tags=[{"Key": "Owner", "Value": "ops"}])
    ///             return {}
    /// ```
    pub PythonAwsApi { name: "python-aws-api", default: Error, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::Boto3]);
}
