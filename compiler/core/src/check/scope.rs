//! The names a document defines: parameters, variables, steps (loop bodies
//! included, in the same order as the flow graph's nodes) and step outputs.
//!
//! Input: a document and the catalog. Output: lookup tables; nothing reported
//! here (the checks that own each name report its problems). An
//! `aws:executeAwsApi` output without a declared `Type` has its selector's
//! result type (the declared `Type`, when there is one, is what SSM converts
//! to, so it stays the reference's type).

use std::collections::HashMap;

use crate::catalog::{ActionSig, Catalog};
use crate::check::awsapi::outputs;
use crate::model::{Document, Node, Parameter, Step};
use crate::types::Ty;

/// The Maintenance Window pseudo-parameters SSM fills in for tasks.
pub(crate) const PSEUDO_PARAMS: &[&str] = &[
    "TARGET_ID",
    "TARGET_TYPE",
    "RESOURCE_ID",
    "RESOURCE_TYPE",
    "WINDOW_ID",
    "WINDOW_TASK_ID",
    "WINDOW_TARGET_ID",
    "WINDOW_EXECUTION_ID",
    "TASK_EXECUTION_ID",
    "INVOCATION_ID",
    "OWNER_INFORMATION",
    "LOGGING_S3_BUCKET_NAME",
    "LOGGING_S3_KEY_PREFIX",
    "LOGGING_S3_REGION",
];

/// `{{ global:X }}` names.
pub(crate) const GLOBALS: &[&str] = &["ACCOUNT_ID", "REGION", "AWS_PARTITION", "DATE", "DATE_TIME"];

/// `{{ automation:X }}` names.
pub(crate) const AUTOMATION_VARS: &[&str] = &["EXECUTION_ID"];

/// A parameter or variable.
pub(crate) struct Sym<'a> {
    pub name: &'a str,
    /// `Ty::Error` when the type is missing or unknown (reported once, by `params`).
    pub ty: Ty,
    pub secret: bool,
}

pub(crate) struct StepEntry<'a> {
    pub step: &'a Step,
    /// The loop step (index into `steps`) whose body holds this step.
    pub parent: Option<usize>,
    pub sig: Option<&'a ActionSig>,
    /// Outputs of an `aws:executeAwsApi` step without a declared `Type`,
    /// typed by their selector's result in the API's response.
    pub inferred: Vec<(&'a str, Ty)>,
}

pub(crate) struct Scope<'a> {
    pub params: Vec<Sym<'a>>,
    pub vars: Vec<Sym<'a>>,
    pub steps: Vec<StepEntry<'a>>,
    /// The first of `params`, `vars` and `steps` of each name: looking a name
    /// up by a scan made a document of thousands of steps quadratic.
    first_param: HashMap<&'a str, usize>,
    first_var: HashMap<&'a str, usize>,
    first_step: HashMap<&'a str, usize>,
}

/// The index of the first of `names` of each name.
fn first_of<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut first = HashMap::new();
    for (i, name) in names.enumerate() {
        first.entry(name).or_insert(i);
    }
    first
}

/// What `Step.Out` resolves to.
pub(crate) enum OutputLookup {
    Found(Ty),
    /// The step's action is unknown: anything goes (already reported).
    Unchecked,
    /// Not produced; the names that are.
    Missing(Vec<String>),
}

const MAX_DEPTH: usize = 128;

impl<'a> Scope<'a> {
    pub fn build(doc: &'a Document, catalog: &'a Catalog) -> Scope<'a> {
        let syms = |list: &'a Option<Vec<Parameter>>| -> Vec<Sym<'a>> {
            list.iter()
                .flatten()
                .map(|p| Sym {
                    name: &p.name.name,
                    ty: param_ty(p),
                    secret: p.secret,
                })
                .collect()
        };
        let params = syms(&doc.parameters);
        let vars = syms(&doc.variables);
        let mut scope = Scope {
            first_param: first_of(params.iter().map(|p| p.name)),
            first_var: first_of(vars.iter().map(|p| p.name)),
            params,
            vars,
            steps: Vec::new(),
            first_step: HashMap::new(),
        };
        if let Some(steps) = &doc.steps {
            scope.collect(steps, None, catalog, 0);
        }
        scope.first_step = first_of(scope.steps.iter().map(|s| s.step.name_str()));
        scope
    }

    fn collect(
        &mut self,
        steps: &'a [Step],
        parent: Option<usize>,
        catalog: &'a Catalog,
        depth: usize,
    ) {
        for step in steps {
            let id = self.steps.len();
            self.steps.push(StepEntry {
                step,
                parent,
                sig: catalog.action(step.action_str()),
                inferred: inferred_outputs(step, catalog),
            });
            if let Some(body) = &step.loop_steps {
                if depth < MAX_DEPTH {
                    self.collect(body, Some(id), catalog, depth + 1);
                }
            }
        }
    }

    pub fn param(&self, name: &str) -> Option<&Sym<'a>> {
        self.params.get(*self.first_param.get(name)?)
    }

    pub fn var(&self, name: &str) -> Option<&Sym<'a>> {
        self.vars.get(*self.first_var.get(name)?)
    }

    /// The first step named `name`.
    pub fn step(&self, name: &str) -> Option<usize> {
        self.first_step.get(name).copied()
    }

    /// The outputs step `index` produces, with their types.
    pub fn outputs_of(&self, index: usize) -> Option<Vec<(String, Ty)>> {
        let entry = self.steps.get(index)?;
        let step = entry.step;
        let mut out: Vec<(String, Ty)> = declared_outputs(step)
            .into_iter()
            .map(|(n, t)| {
                let inferred = entry.inferred.iter().find(|(i, _)| *i == n);
                let t = inferred.map_or(t, |(_, ty)| ty.clone());
                (n.to_string(), t)
            })
            .collect();
        let sig = entry.sig?;
        if step.loop_steps.is_some() || step.action_str() == "aws:loop" {
            let item = step
                .inputs
                .as_ref()
                .and_then(|i| i.get("IteratorDataType"))
                .and_then(Node::as_str)
                .map_or(Ty::String, Ty::parse);
            out.push(("CurrentIteration".into(), Ty::Integer));
            out.push(("CurrentIteratorValue".into(), item));
        }
        if step.action_str() == "aws:branch" {
            // The step a branch chose; AWS-owned runbooks read `{{ Branch.NextStep }}`.
            out.push(("NextStep".into(), Ty::String));
        }
        if step.action_str() == "aws:executeScript" {
            out.push(("Payload".into(), Ty::StringMap));
            out.push(("OutputPayload".into(), Ty::String));
        }
        out.extend(sig.outputs.iter().map(|o| (o.name.clone(), o.ty.clone())));
        Some(out)
    }

    pub fn output(&self, index: usize, name: &str) -> OutputLookup {
        match self.outputs_of(index) {
            None => OutputLookup::Unchecked,
            Some(outs) => match outs.iter().find(|(n, _)| n == name) {
                Some((_, ty)) => OutputLookup::Found(ty.clone()),
                None => OutputLookup::Missing(outs.into_iter().map(|(n, _)| n).collect()),
            },
        }
    }
}

/// A parameter's or variable's type; `Ty::Error` when absent or not a known SSM type.
pub(crate) fn param_ty(p: &Parameter) -> Ty {
    let Some(text) = p.ty.as_ref().and_then(Node::as_str) else {
        return Ty::Error;
    };
    if crate::check::params::is_known_type(text) {
        Ty::parse(text)
    } else {
        Ty::Error
    }
}

/// The selector-typed outputs without a `Type` of an `aws:executeAwsApi` step.
fn inferred_outputs<'a>(step: &'a Step, catalog: &Catalog) -> Vec<(&'a str, Ty)> {
    if step.action_str() != "aws:executeAwsApi" {
        return Vec::new();
    }
    let (Some(list), Some(inputs)) = (step.outputs.as_ref().and_then(Node::as_list), &step.inputs)
    else {
        return Vec::new();
    };
    list.iter()
        .filter(|o| o.get("Type").is_none())
        .filter_map(|o| {
            let name = o.get("Name")?.as_str()?;
            let sel = o.get("Selector")?;
            let ty = outputs::inferred_output_ty(&catalog.aws_models, inputs, sel)?;
            Some((name, ty))
        })
        .collect()
}

/// The `outputs` entries a step declares: `(Name, Type)` (`String` when no Type).
pub(crate) fn declared_outputs(step: &Step) -> Vec<(&str, Ty)> {
    let Some(list) = step.outputs.as_ref().and_then(Node::as_list) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|o| {
            let name = o.get("Name")?.as_str()?;
            let ty = o
                .get("Type")
                .and_then(Node::as_str)
                .map_or(Ty::String, |t| match Ty::parse(t) {
                    Ty::Unknown(_) => Ty::Error,
                    ty => ty,
                });
            Some((name, ty))
        })
        .collect()
}
