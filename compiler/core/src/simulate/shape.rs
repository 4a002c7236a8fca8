//! Mocked API responses and botocore's output shapes: a mock is judged
//! against the operation's output shape (a member that does not exist, a
//! value of the wrong type, an enum value the model does not list), and an
//! unmocked call answers a sample built from the shape.
//!
//! Input: a step's `Service` and `Api` (any spelling SSM accepts,
//! `awsapi::names`) and a JSON value. Invariants: recursive shapes are
//! sampled to a bounded depth and size; nothing here panics on any model.

use serde_json::{Map, Value as Json};

use crate::awsapi::{self, names, Operation, Scalar, Service, ShapeId, ShapeKind};

/// Sampling stops this deep (recursive shapes such as IAM policies' nest forever).
const MAX_DEPTH: usize = 8;
/// Values a sample may hold at most (EC2's `DescribeInstances` has hundreds of members).
const MAX_NODES: usize = 4000;

/// The service and operation of a step's resolved inputs (`Service`, `Api`).
pub fn operation_of(inputs: &Json) -> Option<(&'static Service, &'static Operation)> {
    let service = inputs.get("Service")?.as_str()?;
    let api = inputs.get("Api")?.as_str()?;
    let cat = awsapi::catalog();
    let entry = names::service(cat, service)?;
    let svc = cat.decoded(entry);
    let (op, _) = names::operation(svc, api)?;
    Some((svc, op))
}

/// A sample response of the step's operation, built from its output shape
/// (`{}` for an operation without output); `None` for an unknown operation.
pub fn sample_response(inputs: &Json) -> Option<Json> {
    let (svc, op) = operation_of(inputs)?;
    Some(match op.output {
        Some(id) => {
            let mut budget = MAX_NODES;
            sample(svc, id, "", 0, &mut budget)
        }
        None => Json::Object(Map::new()),
    })
}

fn sample(svc: &Service, id: ShapeId, member: &str, depth: usize, budget: &mut usize) -> Json {
    if *budget == 0 || depth > MAX_DEPTH {
        return Json::Null;
    }
    *budget -= 1;
    let Some(shape) = svc.shape(id) else {
        return Json::Null;
    };
    match &shape.kind {
        ShapeKind::Structure { document: true, .. } => Json::Object(Map::new()),
        ShapeKind::Structure { members, union, .. } => {
            let mut out = Map::new();
            for m in members.iter().take(if *union { 1 } else { usize::MAX }) {
                let v = sample(svc, m.shape, &m.name, depth + 1, budget);
                if !v.is_null() {
                    out.insert(m.name.clone(), v);
                }
            }
            Json::Object(out)
        }
        ShapeKind::List { member: elem, .. } => {
            let v = sample(svc, *elem, member, depth + 1, budget);
            Json::Array(if v.is_null() { Vec::new() } else { vec![v] })
        }
        ShapeKind::Map { value, .. } => {
            let mut out = Map::new();
            let v = sample(svc, *value, member, depth + 1, budget);
            if !v.is_null() {
                out.insert("key".to_string(), v);
            }
            Json::Object(out)
        }
        ShapeKind::Scalar {
            kind,
            enumeration,
            min,
            ..
        } => match kind {
            Scalar::String => match enumeration.as_ref().and_then(|e| e.first()) {
                Some(first) => Json::String(first.clone()),
                None => Json::String(format!(
                    "sample-{}",
                    if member.is_empty() { "value" } else { member }
                )),
            },
            Scalar::Integer | Scalar::Long => Json::from(min.map_or(1, |m| m.max(1.0) as i64)),
            Scalar::Double | Scalar::Float => Json::from(min.map_or(1.0, |m| m.max(1.0))),
            Scalar::Boolean => Json::Bool(true),
            Scalar::Timestamp => Json::String("2026-01-01T00:00:00Z".to_string()),
            Scalar::Blob => Json::String(String::new()),
        },
    }
}

/// One way a mocked response does not fit the output shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// Where, as a selector from the response root (`Reservations[0].Instances`).
    pub path: String,
    pub message: String,
}

/// Every way `value` does not fit the output shape of `op` (at most 20).
pub fn misfits(svc: &Service, op: &Operation, value: &Json) -> Vec<Misfit> {
    let mut out = Vec::new();
    match op.output {
        Some(id) => fit(svc, id, value, "", true, &mut out),
        None => {
            if value.as_object().is_some_and(|m| !m.is_empty()) {
                out.push(Misfit {
                    path: String::new(),
                    message: format!("`{}` returns no data", op.name),
                });
            }
        }
    }
    out.truncate(20);
    out
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_string()
    } else {
        format!("{path}.{member}")
    }
}

fn fit(svc: &Service, id: ShapeId, value: &Json, path: &str, root: bool, out: &mut Vec<Misfit>) {
    if out.len() >= 20 {
        return;
    }
    let Some(shape) = svc.shape(id) else {
        return;
    };
    let wrong = |expected: &str| Misfit {
        path: path.to_string(),
        message: format!(
            "expected {expected} (`{}`), found {}",
            shape.name,
            type_name(value)
        ),
    };
    match &shape.kind {
        ShapeKind::Structure { document: true, .. } => {}
        ShapeKind::Structure { members, .. } => {
            let Some(map) = value.as_object() else {
                return out.push(wrong("a map"));
            };
            for (k, v) in map {
                if root && k == "ResponseMetadata" {
                    continue;
                }
                match members.iter().find(|m| &m.name == k) {
                    Some(m) => fit(svc, m.shape, v, &join(path, k), false, out),
                    None => {
                        let names = members.iter().map(|m| m.name.as_str());
                        let hint = crate::diagnostic::did_you_mean(k, names)
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        out.push(Misfit {
                            path: join(path, k),
                            message: format!("`{k}` is not a member of `{}`{hint}", shape.name),
                        });
                    }
                }
            }
        }
        ShapeKind::List { member, .. } => {
            let Some(items) = value.as_array() else {
                return out.push(wrong("a list"));
            };
            for (i, item) in items.iter().enumerate() {
                fit(svc, *member, item, &format!("{path}[{i}]"), false, out);
            }
        }
        ShapeKind::Map { value: v, .. } => {
            let Some(map) = value.as_object() else {
                return out.push(wrong("a map"));
            };
            for (k, item) in map {
                fit(svc, *v, item, &join(path, k), false, out);
            }
        }
        ShapeKind::Scalar {
            kind, enumeration, ..
        } => {
            let ok = match kind {
                Scalar::String | Scalar::Blob => value.is_string(),
                Scalar::Integer | Scalar::Long => value.is_i64() || value.is_u64(),
                Scalar::Double | Scalar::Float => value.is_number(),
                Scalar::Boolean => value.is_boolean(),
                Scalar::Timestamp => value.is_string() || value.is_number(),
            };
            if !ok {
                return out.push(wrong(kind.name()));
            }
            if let (Some(values), Some(s)) = (enumeration, value.as_str()) {
                if !values.iter().any(|v| v == s) {
                    let hint =
                        crate::diagnostic::did_you_mean(s, values.iter().map(String::as_str))
                            .map(|x| format!("; did you mean `{x}`?"))
                            .unwrap_or_default();
                    out.push(Misfit {
                        path: path.to_string(),
                        message: format!("`{s}` is not a value of `{}`{hint}", shape.name),
                    });
                }
            }
        }
    }
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(n) if n.is_f64() => "a number",
        Json::Number(_) => "an integer",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "a map",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ec2_describe_instances() -> (&'static Service, &'static Operation) {
        operation_of(&json!({"Service": "ec2", "Api": "DescribeInstances"}))
            .expect("in the catalog")
    }

    #[test]
    fn a_mock_that_does_not_fit_is_reported_with_its_path() {
        let (svc, op) = ec2_describe_instances();
        let good = json!({"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Name": "running"}}]}]});
        assert_eq!(misfits(svc, op, &good), Vec::new());
        let bad = json!({"Reservations": [{"Instances": [{"InstanceId": 5, "State": {"Name": "runing"}, "Statee": 1}]}]});
        let found: Vec<String> = misfits(svc, op, &bad)
            .into_iter()
            .map(|m| format!("{}: {}", m.path, m.message))
            .collect();
        assert_eq!(
            found,
            [
                "Reservations[0].Instances[0].InstanceId: expected string (`String`), found an integer",
                "Reservations[0].Instances[0].State.Name: `runing` is not a value of `InstanceStateName`; did you mean `running`?",
                "Reservations[0].Instances[0].Statee: `Statee` is not a member of `Instance`; did you mean `State`?",
            ]
        );
    }

    #[test]
    fn samples_fit_their_own_shape_and_are_bounded() {
        let (svc, op) = ec2_describe_instances();
        let sample = sample_response(&json!({"Service": "ec2", "Api": "DescribeInstances"}))
            .expect("a sample");
        assert_eq!(misfits(svc, op, &sample), Vec::new());
        assert!(sample.to_string().len() < 1_000_000);
    }
}
