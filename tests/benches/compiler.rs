//! criterion benches of the compiler's phases: parse, check (the whole
//! `ssmc check` pipeline and the checker alone), lint, codegen and import,
//! on generated runbooks (`ssmc_tests::gen`) and on `examples/`.
//!
//! `cargo bench -p ssmc-tests --bench compiler` measures;
//! `cargo test -p ssmc-tests --bench compiler` runs each bench once, in the
//! debug build (CI does that so they cannot rot).
//! Throughput is in bytes of source, so criterion prints MB/s.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ssmc_core::catalog::{self, Catalog};
use ssmc_core::codegen::{self, read, Format};
use ssmc_core::lint::source::{lint_raw, lint_rbk};
use ssmc_core::lint::LintConfig;
use ssmc_core::lower::{self, NoFiles};
use ssmc_core::{check, fmt, import, model, pipeline, syntax, FileId, SourceMap};
use ssmc_tests::gen;

/// One input set: named sources.
struct Input {
    name: &'static str,
    files: Vec<(String, String)>,
}

impl Input {
    fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, t)| t.len() as u64).sum()
    }
}

fn inputs() -> Vec<Input> {
    let mut rng = gen::Rng::new(1);
    let large = gen::automation(&mut rng, "Large", 3000);
    let many = gen::corpus(2, 200, 40)
        .into_iter()
        .map(|f| (f.name, f.text))
        .collect();
    let examples = ssmc_tests::files_in("examples", "rbk")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (p.display().to_string(), text)
        })
        .collect();
    vec![
        Input {
            name: "gen-3000-steps",
            files: vec![("large.rbk".to_string(), large)],
        },
        Input {
            name: "gen-200-files",
            files: many,
        },
        Input {
            name: "examples",
            files: examples,
        },
    ]
}

/// Sources in a map, with their ids, and the stdlib catalog.
fn load(input: &Input) -> (SourceMap, Vec<FileId>) {
    let mut sources = SourceMap::new();
    let ids = input
        .files
        .iter()
        .map(|(n, t)| sources.add(n.clone(), t))
        .collect();
    (sources, ids)
}

/// The lowered documents of an input (for the phases after lowering).
fn documents(input: &Input) -> (Catalog, Vec<model::Document>) {
    let (mut sources, ids) = load(input);
    let result = pipeline::compile(&mut sources, &ids, &NoFiles);
    let docs = result.files.into_iter().flat_map(|f| f.documents).collect();
    (result.catalog, docs)
}

fn benches(c: &mut Criterion) {
    let all = inputs();
    let mut stdlib = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut stdlib);

    {
        let mut g = c.benchmark_group("startup");
        g.bench_function("load_stdlib", |b| {
            b.iter(|| {
                let mut s = SourceMap::new();
                black_box(catalog::load_stdlib(&mut s))
            })
        });
        g.finish();
    }

    for input in &all {
        let (sources, ids) = load(input);
        let texts: Vec<(FileId, std::sync::Arc<str>)> = ids
            .iter()
            .filter_map(|&id| sources.get(id).map(|f| (id, f.text.clone())))
            .collect();
        let (doc_catalog, docs) = documents(input);
        let json: Vec<(String, String)> = docs
            .iter()
            .map(|d| (d.name.clone(), codegen::emit(d, Format::Json)))
            .collect();
        let json_bytes: u64 = json.iter().map(|(_, t)| t.len() as u64).sum();

        let mut g = c.benchmark_group(input.name);
        g.sample_size(10);
        g.throughput(Throughput::Bytes(input.bytes()));
        g.bench_function("parse", |b| {
            b.iter(|| {
                for (id, text) in &texts {
                    black_box(syntax::parse(*id, text));
                }
            })
        });
        g.bench_function("check (whole pipeline)", |b| {
            // A fresh source map each time, as each `ssmc check` run has.
            b.iter_batched(
                || load(input),
                |(mut s, ids)| black_box(pipeline::compile(&mut s, &ids, &NoFiles)),
                BatchSize::LargeInput,
            )
        });
        g.bench_function("lower", |b| {
            let parsed: Vec<_> = texts
                .iter()
                .map(|(id, t)| (*id, syntax::parse(*id, t)))
                .collect();
            b.iter(|| {
                for (id, p) in &parsed {
                    black_box(lower::lower_file_full(&p.ast, *id, &doc_catalog, &NoFiles));
                }
            })
        });
        g.bench_function("checker only", |b| {
            b.iter(|| {
                for d in &docs {
                    black_box(check::check_document(d, &doc_catalog));
                }
            })
        });
        g.bench_function("lint .rbk", |b| {
            let config = LintConfig::default();
            b.iter(|| {
                for (id, text) in &texts {
                    black_box(lint_rbk(*id, text, &catalog, &config, &NoFiles));
                }
            })
        });
        g.bench_function("codegen json+yaml", |b| {
            b.iter(|| {
                for d in &docs {
                    black_box(codegen::emit(d, Format::Json));
                    black_box(codegen::emit(d, Format::Yaml));
                }
            })
        });
        g.throughput(Throughput::Bytes(json_bytes));
        g.bench_function("lint .json", |b| {
            let config = LintConfig::default();
            b.iter(|| {
                for (i, (name, text)) in json.iter().enumerate() {
                    let id = FileId(i as u32);
                    black_box(lint_raw(
                        id,
                        name,
                        text,
                        Format::Json,
                        &doc_catalog,
                        &config,
                    ));
                }
            })
        });
        g.bench_function("import (read, fold, print)", |b| {
            b.iter(|| {
                for (i, (name, text)) in json.iter().enumerate() {
                    let Ok(doc) = read::read_document(FileId(i as u32), name, text, Format::Json)
                    else {
                        continue;
                    };
                    let imported = import::import_document(&doc, &doc_catalog);
                    black_box(fmt::format_file(&imported.ast, None));
                }
            })
        });
        g.finish();
    }
}

criterion_group!(compiler, benches);
criterion_main!(compiler);
