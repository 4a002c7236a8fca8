//! What an open document's analysis keeps: the server holds one per open
//! document, so each copy here is paid once per open runbook (issue 21:
//! 100 open 3,000-line runbooks must stay under 500 MB).

use std::path::Path;
use std::sync::Arc;

use ssmc_core::lower::NoFiles;

use super::*;

const LIB: &str = "command Restart {\n  param Service: String\n  step R = aws:runShellScript { runCommand: [\"true\"] }\n}\n";

const USER: &str = "automation Main {\n  param Id: String\n  step S = aws:runCommand { InstanceIds: [Id], DocumentName: \"Restart\", Parameters: { Service: \"web\" } }\n}\n";

#[test]
fn an_analysis_keeps_one_copy_of_its_text_and_no_lowered_documents() {
    let a = Analysis::new("file:///w/user.rbk", "\u{feff}automation Main {\r\n  param Id: String\r\n  step S = aws:sleep { Duration: \"PT1S\" }\r\n}\r\n", &NoFiles);
    let file = a.sources.get(a.file).expect("its file in the source map");
    // The normalised text (BOM and CRs gone) is the source map's own.
    assert!(Arc::ptr_eq(&a.text, &file.text));
    assert!(!a.text.contains('\r') && a.text.starts_with("automation"));
    // Lowered documents are not kept for a `.rbk` source; the tree is.
    assert!(a.documents.is_empty());
    assert!(a.parsed_clean);
    let symbols = a.symbols();
    let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Main"]);
}

#[test]
fn a_neighbours_signatures_are_shared_with_the_analyses_that_see_them() {
    let surroundings = Surroundings::of(&[ContextFile {
        name: "file:///w/lib.rbk",
        text: LIB,
    }]);
    let place = Place {
        path: Path::new("file:///w/user.rbk"),
        surroundings: &surroundings,
        models: &Overlay::default(),
        documents: &Documents::default(),
        lint: &LintSettings::default(),
        external: None,
    };
    let a = Analysis::in_project("file:///w/user.rbk", USER, &NoFiles, place);
    let lent = &surroundings.neighbours[0].1.signatures[0];
    let seen = a
        .catalog
        .documents
        .claimants("Restart")
        .first()
        .expect("the neighbour's document is callable");
    assert!(Arc::ptr_eq(lent, seen), "a reference, not a copy");
    // And it types the call: a parameter the document lacks is an error.
    let bad = USER.replace("Service:", "Servise:");
    let b = Analysis::in_project("file:///w/user.rbk", &bad, &NoFiles, place);
    assert!(
        b.diagnostics.iter().any(|d| d.message.contains("Servise")),
        "{:?}",
        b.diagnostics
    );
    assert!(
        a.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        a.diagnostics
    );
}
