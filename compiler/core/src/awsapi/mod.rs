//! AWS's API models (from botocore) as an embedded, lazily decoded catalog.
//!
//! Input: the bytes of `stdlib/aws-api/catalog.bin` (written by
//! `stdlib/aws-api/generate.py`). Output: [`ApiCatalog`], which lists services
//! by boto3 client name and decodes one service's operations and shapes the
//! first time it is asked for.
//!
//! Invariants: nothing is decoded before a service is looked up (start-up
//! pays nothing); a service is decoded at most once per process (behind a
//! `OnceLock`); a malformed catalog yields no services, never a panic.
//!
//! Modules: `decode` (the binary format), [`names`] (how SSM resolves `Service`
//! and `Api` spellings), [`describe`] (shapes as short text, for the editor),
//! [`botocore`] (a botocore `service-2.json` text as a [`Service`], for a
//! project's own models: an [`Overlay`]), [`project`] (`[aws-api] models` of
//! `ssmc.toml`, the reading left to the caller).

pub mod botocore;
pub(crate) mod decode;
pub mod describe;
pub mod names;
pub mod project;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

/// An index into a service's shapes.
pub type ShapeId = u32;

/// The scalar kinds of AWS's models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Integer,
    Long,
    Boolean,
    Double,
    Float,
    Timestamp,
    Blob,
}

impl Scalar {
    /// The scalar of a botocore shape `type` (`"string"`, `"integer"`, …);
    /// `None` for the structured kinds. The catalog and project models both
    /// use botocore's names, so both decode through this.
    pub fn from_botocore(kind: &str) -> Option<Scalar> {
        Some(match kind {
            "string" => Scalar::String,
            "integer" => Scalar::Integer,
            "long" => Scalar::Long,
            "boolean" => Scalar::Boolean,
            "double" => Scalar::Double,
            "float" => Scalar::Float,
            "timestamp" => Scalar::Timestamp,
            "blob" => Scalar::Blob,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Long => "long",
            Scalar::Boolean => "boolean",
            Scalar::Double => "double",
            Scalar::Float => "float",
            Scalar::Timestamp => "timestamp",
            Scalar::Blob => "blob",
        }
    }
}

/// One member of a structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub shape: ShapeId,
    pub required: bool,
}

/// What a shape is.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    Structure {
        members: Vec<Member>,
        /// Exactly one member may be set.
        union: bool,
        /// A free-form JSON document (any value).
        document: bool,
    },
    List {
        member: ShapeId,
        min: Option<f64>,
        max: Option<f64>,
    },
    Map {
        key: ShapeId,
        value: ShapeId,
    },
    Scalar {
        kind: Scalar,
        enumeration: Option<Vec<String>>,
        /// For strings and blobs a length; for numbers a value.
        min: Option<f64>,
        max: Option<f64>,
    },
}

/// A named shape of a service model.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub name: String,
    pub kind: ShapeKind,
}

/// One API operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The canonical name (`DescribeInstances`).
    pub name: String,
    /// The boto3 method (`describe_instances`), by botocore's own transform.
    pub method: String,
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub input_streams: bool,
    pub output_streams: bool,
    pub deprecated: bool,
    /// botocore's parameter aliases for this operation: (modelled member,
    /// alias), such as EC2's (`Filter`, `Filters`). botocore renames the alias
    /// to the member before sending, so SSM accepts either name.
    pub aliases: Vec<(String, String)>,
}

impl Operation {
    /// The modelled member a request parameter stands for: `name` itself, or
    /// the member `name` is botocore's alias of.
    pub fn member_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.aliases
            .iter()
            .find(|(_, alias)| alias == name)
            .map_or(name, |(member, _)| member.as_str())
    }
}

/// One service's decoded model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// The boto3 client name (`ec2`, `s3`, `ssm`).
    pub name: String,
    pub api_version: String,
    pub operations: Vec<Operation>,
    pub shapes: Vec<Shape>,
}

impl Service {
    pub fn shape(&self, id: ShapeId) -> Option<&Shape> {
        self.shapes.get(id as usize)
    }

    /// The operation with this exact canonical name.
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.name == name)
    }
}

/// An index entry: a service known by name, decoded on first use.
#[derive(Debug)]
pub struct ServiceEntry {
    pub name: String,
    pub api_version: String,
    pub operation_count: usize,
    offset: usize,
    len: usize,
    decoded: OnceLock<Service>,
}

/// Where the catalog came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    pub botocore: String,
    /// `YYYY-MM-DD`: the newest file date in the botocore wheel.
    pub date: String,
    pub wheel_sha256: String,
}

/// The whole catalog: an index of services over the compressed bodies.
#[derive(Debug)]
pub struct ApiCatalog {
    pub provenance: Provenance,
    services: Vec<ServiceEntry>,
    body: &'static [u8],
}

impl ApiCatalog {
    /// Reads the index of `bytes`; a malformed catalog is an empty one.
    pub fn from_bytes(bytes: &'static [u8]) -> ApiCatalog {
        decode::index(bytes).unwrap_or_else(|| ApiCatalog {
            provenance: Provenance::default(),
            services: Vec::new(),
            body: &[],
        })
    }

    /// Every service, sorted by client name.
    pub fn services(&self) -> &[ServiceEntry] {
        &self.services
    }

    /// The service with this exact client name, decoded.
    pub fn service(&self, name: &str) -> Option<&Service> {
        let entry = self.services.iter().find(|s| s.name == name)?;
        Some(self.decoded(entry))
    }

    /// The decoded model of an index entry (decoded once, then cached).
    pub fn decoded<'a>(&'a self, entry: &'a ServiceEntry) -> &'a Service {
        entry.decoded.get_or_init(|| {
            let bytes = entry
                .offset
                .checked_add(entry.len)
                .and_then(|end| self.body.get(entry.offset..end));
            bytes
                .and_then(|b| decode::service(&entry.name, &entry.api_version, b))
                .unwrap_or_else(|| Service {
                    name: entry.name.clone(),
                    api_version: entry.api_version.clone(),
                    ..Service::default()
                })
        })
    }
}

/// Services a project adds to the embedded catalog, or replaces in it, by
/// boto3 client name (`[aws-api] models` of `ssmc.toml`: botocore
/// `service-2.json` files, converted by [`botocore::service_from_json`]).
/// Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    services: std::sync::Arc<Vec<Service>>,
}

impl Overlay {
    /// An overlay of `services`; a later service of a client name replaces an earlier one.
    pub fn new(services: Vec<Service>) -> Overlay {
        let mut kept: Vec<Service> = Vec::with_capacity(services.len());
        for s in services {
            kept.retain(|k| k.name != s.name);
            kept.push(s);
        }
        Overlay {
            services: std::sync::Arc::new(kept),
        }
    }

    pub fn services(&self) -> &[Service] {
        &self.services
    }

    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }
}

/// The embedded catalog (the index is read on first use).
pub fn catalog() -> &'static ApiCatalog {
    static CATALOG: OnceLock<ApiCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| ApiCatalog::from_bytes(ssmc_stdlib::AWS_API_CATALOG))
}
