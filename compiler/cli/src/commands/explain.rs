//! `ssmc explain CODE`: a code's documentation (by code or name), from the
//! one code registry: lint rules and compiler codes alike.

use ssmc_core::codes::{self, docs};

use super::{EXIT_FAILURE, EXIT_OK};

pub fn run(rule: &str) -> u8 {
    if rule == "aws" || rule.starts_with("aws:") {
        return explain_aws(
            rule.strip_prefix("aws")
                .unwrap_or("")
                .trim_start_matches(':'),
        );
    }
    if let Some(code) = codes::find(rule) {
        out!("{}", docs::explain(code));
        return EXIT_OK;
    }
    errln!("error: no code or rule `{rule}`");
    let all = codes::all();
    let names = all.iter().map(|c| c.name());
    if let Some(best) = ssmc_core::diagnostic::did_you_mean(rule, names) {
        errln!("help: did you mean `{best}`?");
    } else {
        errln!("help: `ssmc explain` takes a code (E1010, SSM301) or a name (unknown-parameter, plaintext-secret); see docs/rules.md");
    }
    EXIT_FAILURE
}

/// `ssmc explain aws` (the catalog's provenance), `aws:SERVICE` (its
/// operations), `aws:SERVICE:API` (the operation's parameters).
fn explain_aws(what: &str) -> u8 {
    use ssmc_core::awsapi::{self, names};
    let cat = awsapi::catalog();
    let p = &cat.provenance;
    let (service, api) = match what.split_once(':') {
        Some((s, a)) => (s, Some(a)),
        None => (what, None),
    };
    if service.is_empty() {
        outln!(
            "AWS API catalog: botocore {} ({}), {} services, wheel sha256 {}",
            p.botocore,
            p.date,
            cat.services().len(),
            p.wheel_sha256
        );
        outln!("\n`ssmc explain aws:SERVICE` lists a service's APIs; see docs/aws-api.md.");
        return EXIT_OK;
    }
    let Some(entry) = names::service(cat, service) else {
        errln!(
            "error: no AWS service `{service}` in botocore {}",
            p.botocore
        );
        if let Some(s) = names::suggest_service(cat, service) {
            errln!("help: did you mean `{s}`?");
        }
        return EXIT_FAILURE;
    };
    let svc = cat.decoded(entry);
    let Some(api) = api else {
        outln!(
            "{} (API version {}), {} operations:",
            svc.name,
            svc.api_version,
            svc.operations.len()
        );
        for op in &svc.operations {
            outln!("  {} ({})", op.name, op.method);
        }
        return EXIT_OK;
    };
    let Some((op, _)) = names::operation(svc, api) else {
        errln!("error: `{}` has no API `{api}`", svc.name);
        if let Some(s) = names::suggest_operation(svc, api) {
            errln!("help: did you mean `{s}`?");
        }
        return EXIT_FAILURE;
    };
    outln!("{}.{} (boto3 `{}`)", svc.name, op.name, op.method);
    print_members(svc, op.input, "parameters");
    print_members(svc, op.output, "response");
    EXIT_OK
}

fn print_members(svc: &ssmc_core::awsapi::Service, id: Option<u32>, title: &str) {
    use ssmc_core::awsapi::ShapeKind;
    let members = match id.and_then(|i| svc.shape(i)).map(|s| &s.kind) {
        Some(ShapeKind::Structure { members, .. }) => members.as_slice(),
        _ => &[],
    };
    outln!("{title}:");
    for m in members {
        let shape = svc.shape(m.shape).map_or("?", |s| s.name.as_str());
        let req = if m.required { " (required)" } else { "" };
        outln!("  {}: {shape}{req}", m.name);
    }
}
