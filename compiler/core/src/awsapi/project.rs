//! A project's own AWS API models: `[aws-api] models` of `ssmc.toml`, shared
//! by the CLI and the language server.
//!
//! Input: the `ssmc.toml` text and a reader the caller supplies (the core does
//! no I/O: the caller decides which files may be read, the project folder for
//! the CLI, the workspace folder for the language server). Output: an
//! [`Overlay`] of the listed botocore `service-2.json` files, or one message
//! naming the file and its fault.
//!
//! A model's client name is its file name without `.json` (`models/newsvc.json`
//! → `newsvc`), or, in botocore's own layout `NAME/VERSION/service-2.json`,
//! the `NAME` folder.

use super::{botocore, Overlay};
use std::path::Path;

/// `newsvc.json` → `newsvc`; `…/newsvc/2026-01-01/service-2.json` → `newsvc`.
pub fn client_name(path: &str) -> Option<String> {
    let path = Path::new(path);
    let stem = path.file_stem()?.to_str()?;
    let name = if stem == "service-2" {
        path.parent()?.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    (!name.is_empty() && name != "..").then(|| name.to_string())
}

/// The models `paths` (`[aws-api] models` of the typed `ssmc.toml`,
/// `project::config`) name. `read(path)` gives the text of a listed path
/// (as written, relative to the folder of `ssmc.toml`) or why it cannot; the
/// messages are prefixed with `shown(path)`, the path as the caller shows it.
pub fn load(
    paths: &[String],
    read: &mut dyn FnMut(&str) -> Result<String, String>,
    shown: &dyn Fn(&str) -> String,
) -> Result<Overlay, String> {
    let mut services = Vec::with_capacity(paths.len());
    for rel in paths {
        let at = shown(rel);
        let name = client_name(rel)
            .ok_or_else(|| format!("{at}: cannot tell the client name from the file name"))?;
        let text = read(rel).map_err(|e| format!("{at}: {e}"))?;
        let svc = botocore::service_from_json(&name, &text).map_err(|e| format!("{at}: {e}"))?;
        services.push(svc);
    }
    Ok(Overlay::new(services))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_paths_and_names_clients() {
        assert_eq!(client_name("models/newsvc.json").as_deref(), Some("newsvc"));
        assert_eq!(
            client_name("models/ec2/2026-01-01/service-2.json").as_deref(),
            Some("ec2")
        );
        assert_eq!(client_name("service-2.json"), None);
    }

    #[test]
    fn a_fault_names_the_file() {
        let config = &["m/x.json".to_string()];
        let shown = |p: &str| format!("/p/{p}");
        let e = load(config, &mut |_| Ok("{".to_string()), &shown).unwrap_err();
        assert!(e.starts_with("/p/m/x.json: not valid JSON"), "{e}");
        let e = load(config, &mut |_| Err("no such file".to_string()), &shown).unwrap_err();
        assert_eq!(e, "/p/m/x.json: no such file");
        let ok = load(
            config,
            &mut |_| Ok(r#"{"shapes": {}, "operations": {"Ping": {}}}"#.to_string()),
            &shown,
        )
        .unwrap();
        assert_eq!(ok.services().first().map(|s| s.name.as_str()), Some("x"));
    }
}
