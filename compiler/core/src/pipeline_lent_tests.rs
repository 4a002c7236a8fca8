//! [`Neighbour::changes_since`]: what a file lends, compared without places.

use super::*;

const LENDER: &str = "/// Waits.\nautomation Wait {\n  param Minutes: String = \"1\"\n  step S = aws:sleep { Duration: \"PT1M\" }\n}\n";
const ACTION: &str =
    "extern action \"aws:custom\" for automation {\n  input ..\n  output Done: String\n}\n";

fn of(text: &str) -> Neighbour {
    Neighbour::of(FileId(1), text)
}

#[test]
fn an_edit_that_only_moves_places_changes_nothing_lent() {
    let before = of(&format!("{ACTION}{LENDER}"));
    // Lines added above both, and a step body changed: every span moves.
    let moved = format!(
        "// a comment\n\n{ACTION}\n{}",
        LENDER.replace("PT1M", "PT2M")
    );
    let after = of(&moved);
    assert_ne!(
        before.documents[0].1, after.documents[0].1,
        "the test must move spans"
    );
    assert_eq!(after.changes_since(&before), LentChange::default());
    assert!(after.changes_since(&before).is_empty());
}

#[test]
fn a_parameter_renamed_changes_that_document_only() {
    let before = of(LENDER);
    let after = of(&LENDER.replace("Minutes", "Seconds"));
    let change = after.changes_since(&before);
    assert!(!change.actions);
    assert_eq!(change.documents.into_iter().collect::<Vec<_>>(), ["Wait"]);
}

#[test]
fn a_document_added_removed_or_renamed_is_named() {
    let one = of(LENDER);
    let renamed = of(&LENDER.replace("automation Wait", "automation Pause"));
    let change = renamed.changes_since(&one);
    assert_eq!(
        change.documents.into_iter().collect::<Vec<_>>(),
        ["Pause", "Wait"]
    );
    let none = Neighbour::default();
    assert_eq!(
        one.changes_since(&none)
            .documents
            .into_iter()
            .collect::<Vec<_>>(),
        ["Wait"]
    );
    assert_eq!(
        none.changes_since(&one)
            .documents
            .into_iter()
            .collect::<Vec<_>>(),
        ["Wait"]
    );
    // A syntax error elsewhere in the file: it lends no documents any more.
    let broken = of(&format!("{LENDER}automation {{\n"));
    assert_eq!(
        broken
            .changes_since(&one)
            .documents
            .into_iter()
            .collect::<Vec<_>>(),
        ["Wait"]
    );
}

#[test]
fn an_action_declaration_changed_or_its_doc_comment_is_an_action_change() {
    let before = of(ACTION);
    assert!(!of(&format!("\n\n{ACTION}")).changes_since(&before).actions);
    assert!(
        of(&ACTION.replace("Done", "Finished"))
            .changes_since(&before)
            .actions
    );
    assert!(
        of(&format!("/// Custom.\n{ACTION}"))
            .changes_since(&before)
            .actions
    );
    assert!(Neighbour::default().changes_since(&before).actions);
}
