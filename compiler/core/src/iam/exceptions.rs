//! Where an AWS API call's IAM action is not `prefix:Operation`: the few facts
//! the catalogs cannot give, each with its source.
//!
//! The rule (`derive::api_actions`): a boto3 client's IAM prefix is the client
//! name when that is a prefix of the IAM catalog, else botocore's signing name
//! (both from the catalogs); the action is the operation's name. This table
//! holds what that rule gets wrong: clients whose signing name is not their
//! IAM prefix, operations authorised by differently named actions, and
//! request members that need one more action. `tests.rs` checks every row
//! against both catalogs, and that each operation row is needed (the rule
//! alone would miss or misname it).

/// `(boto3 client, IAM prefix)`: clients whose signing name is no IAM prefix,
/// and clients whose own name is an IAM prefix of another service
/// (`opensearch` names OpenSearch's application actions; the domain API is
/// authorised as `es:`). Source: the Service Authorization Reference's page
/// of each service.
pub const CLIENT_PREFIXES: &[(&str, &str)] = &[
    ("cloudcontrol", "cloudformation"),
    ("iot-data", "iot"),
    ("iot-jobs-data", "iot"),
    ("iotsecuretunneling", "iot"),
    ("mturk", "mechanicalturk"),
    ("opensearch", "es"),
    ("resourcegroupstaggingapi", "tag"),
];

/// An operation authorised by actions other than its own name (none, for an
/// operation that needs no permission).
pub struct OperationActions {
    pub client: &'static str,
    pub operation: &'static str,
    /// `prefix:Action`, every one the call needs.
    pub actions: &'static [&'static str],
    pub source: &'static str,
}

const S3_ACTIONS: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html (each operation's Permissions section)";
/// API Gateway's management API is authorised by the HTTP method of each
/// operation (`apigateway:GET` on the resource's path), not by its name.
const APIGATEWAY_ACTIONS: &str =
    "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html (actions GET, PATCH, …); each operation's method from its page of https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html";
/// `GetCallerIdentity` is allowed to everyone, a `Deny` included.
const STS_NO_PERMISSION: &str =
    "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html (no permissions are required to perform this operation)";
const LAMBDA_ACTIONS: &str =
    "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html";

/// Operations whose IAM action is not `prefix:Operation`.
pub const OPERATIONS: &[OperationActions] = &[
    op(
        "apigateway",
        "GetRestApi",
        &["apigateway:GET"],
        APIGATEWAY_ACTIONS,
    ),
    op(
        "apigateway",
        "GetStage",
        &["apigateway:GET"],
        APIGATEWAY_ACTIONS,
    ),
    op(
        "apigateway",
        "GetUsagePlan",
        &["apigateway:GET"],
        APIGATEWAY_ACTIONS,
    ),
    op(
        "apigateway",
        "UpdateStage",
        &["apigateway:PATCH"],
        APIGATEWAY_ACTIONS,
    ),
    op(
        "apigateway",
        "UpdateUsagePlan",
        &["apigateway:PATCH"],
        APIGATEWAY_ACTIONS,
    ),
    op(
        "lambda",
        "Invoke",
        &["lambda:InvokeFunction"],
        LAMBDA_ACTIONS,
    ),
    op(
        "s3",
        "CompleteMultipartUpload",
        &["s3:PutObject"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "CopyObject",
        &["s3:GetObject", "s3:PutObject"],
        S3_ACTIONS,
    ),
    op("s3", "CreateMultipartUpload", &["s3:PutObject"], S3_ACTIONS),
    op(
        "s3",
        "DeleteBucketEncryption",
        &["s3:PutEncryptionConfiguration"],
        S3_ACTIONS,
    ),
    op("s3", "DeleteObjects", &["s3:DeleteObject"], S3_ACTIONS),
    op(
        "s3",
        "DeletePublicAccessBlock",
        &["s3:PutBucketPublicAccessBlock"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "GetBucketEncryption",
        &["s3:GetEncryptionConfiguration"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "GetBucketLifecycleConfiguration",
        &["s3:GetLifecycleConfiguration"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "GetBucketNotificationConfiguration",
        &["s3:GetBucketNotification"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "GetBucketReplication",
        &["s3:GetReplicationConfiguration"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "GetPublicAccessBlock",
        &["s3:GetBucketPublicAccessBlock"],
        S3_ACTIONS,
    ),
    op("s3", "HeadBucket", &["s3:ListBucket"], S3_ACTIONS),
    op("s3", "HeadObject", &["s3:GetObject"], S3_ACTIONS),
    op(
        "s3",
        "ListMultipartUploads",
        &["s3:ListBucketMultipartUploads"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "ListObjectVersions",
        &["s3:ListBucketVersions"],
        S3_ACTIONS,
    ),
    op("s3", "ListObjects", &["s3:ListBucket"], S3_ACTIONS),
    op("s3", "ListObjectsV2", &["s3:ListBucket"], S3_ACTIONS),
    op(
        "s3",
        "ListParts",
        &["s3:ListMultipartUploadParts"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "PutBucketEncryption",
        &["s3:PutEncryptionConfiguration"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "PutBucketLifecycleConfiguration",
        &["s3:PutLifecycleConfiguration"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "PutBucketNotificationConfiguration",
        &["s3:PutBucketNotification"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "PutBucketReplication",
        &["s3:PutReplicationConfiguration"],
        S3_ACTIONS,
    ),
    op(
        "s3",
        "PutPublicAccessBlock",
        &["s3:PutBucketPublicAccessBlock"],
        S3_ACTIONS,
    ),
    op("s3", "UploadPart", &["s3:PutObject"], S3_ACTIONS),
    op(
        "s3",
        "UploadPartCopy",
        &["s3:GetObject", "s3:PutObject"],
        S3_ACTIONS,
    ), // No action: the call needs no permission.
    op("sts", "GetCallerIdentity", &[], STS_NO_PERMISSION),
];

const fn op(
    client: &'static str,
    operation: &'static str,
    actions: &'static [&'static str],
    source: &'static str,
) -> OperationActions {
    OperationActions {
        client,
        operation,
        actions,
        source,
    }
}

/// A request member whose presence needs one more action.
pub struct MemberAction {
    pub client: &'static str,
    pub operation: &'static str,
    pub member: &'static str,
    pub action: &'static str,
    /// The service the role is passed to, for `iam:PassRole`'s `iam:PassedToService`.
    pub passed_to: Option<&'static str>,
    pub source: &'static str,
}

const PASS_ROLE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html";
const EC2_TAG_ON_CREATE: &str =
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html";

/// Members that need another action when the request sets them.
pub const MEMBERS: &[MemberAction] = &[
    member(
        "cloudformation",
        "CreateStack",
        "RoleARN",
        "iam:PassRole",
        Some("cloudformation.amazonaws.com"),
        PASS_ROLE,
    ),
    member(
        "cloudformation",
        "UpdateStack",
        "RoleARN",
        "iam:PassRole",
        Some("cloudformation.amazonaws.com"),
        PASS_ROLE,
    ),
    member(
        "ec2",
        "AssociateIamInstanceProfile",
        "IamInstanceProfile",
        "iam:PassRole",
        Some("ec2.amazonaws.com"),
        PASS_ROLE,
    ),
    member(
        "ec2",
        "CreateImage",
        "TagSpecifications",
        "ec2:CreateTags",
        None,
        EC2_TAG_ON_CREATE,
    ),
    member(
        "ec2",
        "CreateSnapshot",
        "TagSpecifications",
        "ec2:CreateTags",
        None,
        EC2_TAG_ON_CREATE,
    ),
    member(
        "ec2",
        "CreateVolume",
        "TagSpecifications",
        "ec2:CreateTags",
        None,
        EC2_TAG_ON_CREATE,
    ),
    member(
        "ec2",
        "ReplaceIamInstanceProfileAssociation",
        "IamInstanceProfile",
        "iam:PassRole",
        Some("ec2.amazonaws.com"),
        PASS_ROLE,
    ),
    member(
        "ec2",
        "RunInstances",
        "IamInstanceProfile",
        "iam:PassRole",
        Some("ec2.amazonaws.com"),
        PASS_ROLE,
    ),
    member(
        "ec2",
        "RunInstances",
        "TagSpecifications",
        "ec2:CreateTags",
        None,
        EC2_TAG_ON_CREATE,
    ),
    member(
        "lambda",
        "CreateFunction",
        "Role",
        "iam:PassRole",
        Some("lambda.amazonaws.com"),
        PASS_ROLE,
    ),
    member(
        "lambda",
        "UpdateFunctionConfiguration",
        "Role",
        "iam:PassRole",
        Some("lambda.amazonaws.com"),
        PASS_ROLE,
    ),
    member(
        "stepfunctions",
        "CreateStateMachine",
        "roleArn",
        "iam:PassRole",
        Some("states.amazonaws.com"),
        PASS_ROLE,
    ),
];

const fn member(
    client: &'static str,
    operation: &'static str,
    member: &'static str,
    action: &'static str,
    passed_to: Option<&'static str>,
    source: &'static str,
) -> MemberAction {
    MemberAction {
        client,
        operation,
        member,
        action,
        passed_to,
        source,
    }
}

/// The IAM prefix this table gives a client, if any.
pub fn client_prefix(client: &str) -> Option<&'static str> {
    CLIENT_PREFIXES
        .iter()
        .find(|(c, _)| *c == client)
        .map(|(_, p)| *p)
}

/// The actions this table gives an operation, if any.
pub fn operation(client: &str, operation: &str) -> Option<&'static OperationActions> {
    OPERATIONS
        .iter()
        .find(|o| o.client == client && o.operation == operation)
}

/// The extra actions for members of this operation.
pub fn members<'a>(
    client: &'a str,
    operation: &'a str,
) -> impl Iterator<Item = &'static MemberAction> + 'a {
    MEMBERS
        .iter()
        .filter(move |m| m.client == client && m.operation == operation)
}
