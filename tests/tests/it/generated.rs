//! The benchmark generator (`ssmc_tests::gen`) makes runbooks that compile
//! with zero diagnostics, so that benches and scaling runs measure the
//! normal path, not error reporting.

use ssmc_core::lower::NoFiles;
use ssmc_core::pipeline;
use ssmc_core::SourceMap;
use ssmc_tests::gen;

fn compile_all(files: &[gen::GenFile]) -> String {
    let mut sources = SourceMap::new();
    let ids: Vec<_> = files
        .iter()
        .map(|f| sources.add(f.name.clone(), &f.text))
        .collect();
    let result = pipeline::compile(&mut sources, &ids, &NoFiles);
    assert_eq!(result.files.len(), files.len());
    ssmc_tests::describe(&result.diagnostics, &sources)
}

#[test]
fn generated_runbooks_check_clean() {
    // Many seeds and sizes, so that every construct and most mixes occur.
    let files = gen::corpus(42, 60, 60);
    assert!(files.iter().any(|f| f.text.contains("\ncommand ")));
    assert!(files.iter().any(|f| f.text.contains("\nautomation ")));
    assert_eq!(compile_all(&files), "");
}

#[test]
fn one_large_generated_runbook_checks_clean() {
    let mut rng = gen::Rng::new(9);
    let text = gen::automation(&mut rng, "Large", 3000);
    let steps = text
        .lines()
        .filter(|l| l.trim_start().starts_with("step "))
        .count();
    assert!(steps >= 3000, "only {steps} steps");
    for construct in [
        "aws:loop",
        "match Environment",
        "guard ",
        "} else {",
        "aws:runCommand",
    ] {
        assert!(text.contains(construct), "no {construct}");
    }
    let file = gen::GenFile {
        name: "large.rbk".into(),
        text,
    };
    assert_eq!(compile_all(&[file]), "");
}
