//! criterion bench of the Python checks of `aws:executeScript` steps
//! (docs/scripts.md): every inline script of the shared corpus through
//! `ssmc_core::python::analyse` (parse, handler, names, unused names, modules,
//! boto3 against the catalog, payload contract), one script per iteration.
//!
//! `cargo bench -p ssmc-tests --bench python` measures (release build);
//! `cargo test -p ssmc-tests --bench python` runs it once (CI, 50-bench.sh).
//! Throughput is in scripts, so criterion prints scripts per second: its
//! inverse is the mean cost of one script. Without `../shared/corpus` it
//! measures nothing.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ssmc_core::python::{self, Script};
use ssmc_tests::python_corpus::corpus_scripts;

fn benches(c: &mut Criterion) {
    let all = corpus_scripts();
    if all.is_empty() {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    }
    let bytes: usize = all.iter().map(|s| s.text.len()).sum();
    eprintln!(
        "{} inline Python scripts, {bytes} bytes ({} bytes a script on average)",
        all.len(),
        bytes / all.len()
    );
    let mut group = c.benchmark_group("python");
    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("corpus-scripts", |b| {
        b.iter(|| {
            for s in &all {
                black_box(python::analyse(&Script {
                    text: &s.text,
                    runtime: &s.runtime,
                    handler: s.handler.as_deref(),
                }));
            }
        });
    });
    group.finish();
}

criterion_group!(python, benches);
criterion_main!(python);
