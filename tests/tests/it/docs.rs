//! Project documents stay true: every path that ARCHITECTURE.md names in
//! backticks exists (contributor docs naming paths that no longer exist are
//! the drift seen in other tools).

use ssmc_tests::repo_root;

#[test]
fn architecture_paths_exist() {
    let text = std::fs::read_to_string(repo_root().join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md exists");
    let mut checked = 0;
    let mut missing = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        // Odd parts are inside backticks; a path has a slash and no spaces.
        let is_path = i % 2 == 1
            && part.contains('/')
            && !part.contains(' ')
            && !part.starts_with("aws:")
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c));
        if is_path {
            checked += 1;
            if !repo_root().join(part.trim_end_matches('/')).exists() {
                missing.push(part.to_string());
            }
        }
    }
    assert!(
        checked >= 10,
        "expected ARCHITECTURE.md to name paths, found {checked}"
    );
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}
