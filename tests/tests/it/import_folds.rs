//! The importer's local fold check against the whole-document one it
//! replaced (issue 18: one whole lowering per fold made importing n branches
//! quadratic). Both must choose the same folds: the imported runbooks are
//! compared byte for byte on the import fixtures, the corpus (when present),
//! the generated random documents and generated chains of branch shapes.

use super::import::{fixture_dir, fixtures, format_of, manifest_files, random_document};
use serde_json::{json, Value as J};
use ssmc_core::codegen::read;
use ssmc_core::import::{self, FoldCheck};
use ssmc_core::syntax::ast::{Item, SourceFileAst};
use ssmc_core::{catalog, fmt, SourceMap};
use ssmc_tests::corpus_dir;

/// The runbook imported from `text` with each fold check; `None` when the
/// text is not a document.
fn both(stem: &str, text: &str, format: read::Format) -> Option<(String, String)> {
    let mut sources = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut sources);
    let file = sources.add(format!("{stem}.{}", format.extension()), text);
    let text = sources.get(file).map(|f| f.text.to_string())?;
    let doc = read::read_document(file, stem, &text, format).ok()?;
    let print = |check| {
        let imported = import::import_document_with(&doc, &catalog, check);
        let ast: SourceFileAst = imported.ast;
        let mut text = fmt::format_file(&ast, None);
        for d in &imported.diagnostics {
            text.push_str(&format!("\n// {} {}", d.code, d.message));
        }
        let externs = SourceFileAst {
            items: imported
                .extern_actions
                .into_iter()
                .map(Item::Action)
                .collect(),
            comments: Vec::new(),
        };
        text + &fmt::format_file(&externs, None)
    };
    Some((print(FoldCheck::Local), print(FoldCheck::Whole)))
}

/// A small deterministic generator (the same as `import.rs`'s, seeded apart).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n.max(1) as u64).unwrap_or(0)
    }
}

fn sleep(name: &str, extra: &[(&str, J)]) -> J {
    let mut step = json!({ "name": name, "action": "aws:sleep", "inputs": { "Duration": "PT1S" } });
    if let Some(m) = step.as_object_mut() {
        for (k, v) in extra {
            m.insert((*k).to_string(), v.clone());
        }
    }
    step
}

fn choice(value: &str, to: &str) -> J {
    json!({ "Variable": "{{ Mode }}", "StringEquals": value, "NextStep": to })
}

/// A chain of `n` branch shapes picked by `seed`: `if … else` diamonds,
/// `if` without `else`, guards ending or jumping, three-way matches, a
/// branch inside an arm, and jumps out of an arm to a later shape.
fn shapes(seed: u64, n: usize) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
    let mut steps = Vec::new();
    for i in 0..n {
        let (b, y, z, j) = (
            format!("B{i}"),
            format!("Y{i}"),
            format!("Z{i}"),
            format!("J{i}"),
        );
        let later = format!("J{}", (i + 1 + rng.below(3)).min(n - 1));
        let branch = |choices: Vec<J>, default: Option<&str>| {
            let mut inputs = json!({ "Choices": choices });
            if let (Some(d), Some(m)) = (default, inputs.as_object_mut()) {
                m.insert("Default".into(), json!(d));
            }
            json!({ "name": b, "action": "aws:branch", "inputs": inputs })
        };
        match rng.below(6) {
            0 => {
                steps.push(branch(vec![choice("a", &y)], Some(&z)));
                steps.push(sleep(&y, &[("nextStep", json!(j))]));
                steps.push(sleep(&z, &[]));
            }
            1 => {
                steps.push(branch(vec![choice("a", &y)], Some(&j)));
                steps.push(sleep(&y, &[]));
            }
            2 => {
                let mut g = branch(vec![choice("a", &j)], None);
                if let Some(m) = g.as_object_mut() {
                    m.insert("isEnd".into(), json!(true));
                }
                steps.push(g);
            }
            3 => {
                steps.push(branch(vec![choice("a", &y), choice("b", &z)], Some(&later)));
                steps.push(sleep(&y, &[("nextStep", json!(j))]));
                steps.push(sleep(&z, &[("nextStep", json!(later))]));
            }
            4 => {
                // A branch inside the then arm.
                let inner = format!("C{i}");
                steps.push(branch(vec![choice("a", &inner)], Some(&z)));
                steps.push(json!({ "name": inner, "action": "aws:branch",
                    "inputs": { "Choices": [choice("b", &y)], "Default": j } }));
                steps.push(sleep(&y, &[("nextStep", json!(j))]));
                steps.push(sleep(&z, &[]));
            }
            _ => {
                steps.push(branch(vec![choice("a", &y)], Some(&z)));
                steps.push(sleep(&y, &[("nextStep", json!(later))]));
                steps.push(sleep(&z, &[("onFailure", json!(format!("step:{later}")))]));
            }
        }
        steps.push(sleep(&j, &[]));
    }
    let doc = json!({
        "schemaVersion": "0.3",
        "parameters": { "Mode": { "type": "String" } },
        "mainSteps": steps,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[test]
fn the_local_fold_check_imports_as_the_whole_one() {
    let mut inputs: Vec<(String, String, read::Format)> = Vec::new();
    let dir = fixture_dir();
    for path in fixtures(&dir)
        .into_iter()
        .chain(fixtures(&dir.join("faulty")))
    {
        let text = std::fs::read_to_string(&path).expect("fixture");
        inputs.push((path.display().to_string(), text, format_of(&path)));
    }
    if let Some(corpus) = corpus_dir() {
        for path in manifest_files(&corpus) {
            let text = std::fs::read_to_string(&path).expect("corpus document");
            inputs.push((path.display().to_string(), text, format_of(&path)));
        }
    }
    for seed in 0..300 {
        inputs.push((
            format!("random {seed}"),
            random_document(seed),
            read::Format::Json,
        ));
    }
    for seed in 0..60 {
        inputs.push((
            format!("shapes {seed}"),
            shapes(seed, 12),
            read::Format::Json,
        ));
    }
    let mut compared = 0;
    let mut folded = 0;
    for (name, text, format) in &inputs {
        let Some((local, whole)) = both("Doc", text, *format) else {
            continue;
        };
        assert_eq!(local, whole, "{name}: the fold checks disagree");
        compared += 1;
        folded += usize::from(
            local.contains(" = if ") || local.contains(" = guard ") || local.contains(" = match "),
        );
    }
    // The comparison saw folds, not just flat documents.
    assert!(compared >= 370, "{compared} compared");
    assert!(folded >= 60, "{folded} with a fold");
}
