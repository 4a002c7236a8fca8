//! `ssmc explain RULE`: a lint rule's documentation (by code or name).

use ssmc_core::lint::{docs, registry};

use super::{EXIT_FAILURE, EXIT_OK};

pub fn run(rule: &str) -> u8 {
    if let Some(entry) = registry::find(rule) {
        print!("{}", docs::explain(entry));
        return EXIT_OK;
    }
    if let Some(c) = ssmc_core::check::codes::ALL
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(rule) || c.name == rule)
    {
        println!("{} {}: {}", c.code, c.name, c.summary);
        println!("\nA checker diagnostic (`ssmc check`); see docs/language.md.");
        return EXIT_OK;
    }
    eprintln!("error: no lint rule `{rule}`");
    let names = registry::RULES.iter().map(|r| r.name());
    if let Some(best) = ssmc_core::diagnostic::did_you_mean(rule, names) {
        eprintln!("help: did you mean `{best}`?");
    } else {
        eprintln!("help: `ssmc explain` takes a code (SSM301) or a name (plaintext-secret); see docs/rules.md");
    }
    EXIT_FAILURE
}
