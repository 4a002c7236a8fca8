//! The documents a runbook may call that are not part of the project
//! (`[documents] paths` of `ssmc.toml`: a team's shared documents, checked
//! out beside the project or saved with `aws ssm get-document`), read inside
//! the root only; the core turns each into a signature.
//!
//! A path is a file or a folder (its `*.json`, `*.yaml` and `*.yml` files,
//! not its subfolders). A file is either a GetDocument response (named by its
//! `Name`) or an SSM document (named by its file stem, as the project's raw
//! documents are). These files are not checked or linted: they lend their
//! signatures only.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::read::{self as doc_read, Format};
use ssmc_core::documents::{catalog, Documents, Signature};
use ssmc_core::span::FileId;

use crate::limits::MAX_DOCUMENT_BYTES;
use crate::read::{read_capped, resolve};
use crate::Project;

/// More files than this under `[documents] paths` is refused: a guard
/// against a path that names a huge folder by mistake.
pub const MAX_DOCUMENT_FILES: usize = 10_000;

/// The signatures of the documents `project` lists, in path order; an error
/// names the file (or path) and its fault.
pub fn document_signatures(project: &Project) -> Result<Documents, String> {
    let files = document_files(project)?;
    let mut signatures = Vec::with_capacity(files.len());
    for file in &files {
        let text = read_capped(file, MAX_DOCUMENT_BYTES)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        let signature =
            signature_of(file, &text).map_err(|e| format!("{}: {e}", file.display()))?;
        signatures.push(signature);
    }
    Ok(Documents::new(signatures).with_namespace(project.config.document_namespace.clone()))
}

/// The files `[documents] paths` names, in path order (a folder's sorted),
/// each resolved inside the root (for reading, and for cache keys).
pub fn document_files(project: &Project) -> Result<Vec<PathBuf>, String> {
    let paths = &project.config.document_paths;
    let root = &project.root;
    let mut files: Vec<PathBuf> = Vec::new();
    for rel in paths {
        let path = resolve(root, root, rel).map_err(|e| {
            // The shared resolver speaks of `file(…)`, relative to the runbook.
            let e = if e.starts_with("an absolute path") {
                "an absolute path; write it relative to the folder of ssmc.toml".to_string()
            } else {
                e
            };
            format!("`[documents] paths` entry `{rel}`: {e}")
        })?;
        if path.is_dir() {
            files.extend(documents_in(root, &path, rel)?);
        } else {
            files.push(path);
        }
        if files.len() > MAX_DOCUMENT_FILES {
            return Err(format!(
                "`[documents] paths` names more than {MAX_DOCUMENT_FILES} files; list the folders of documents only"
            ));
        }
    }
    Ok(files)
}

/// The document files directly in `folder`, sorted, each resolved inside
/// `root` (a link that leaves the project is an error, as `file(…)`'s are).
fn documents_in(root: &Path, folder: &Path, rel: &str) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(folder).map_err(|e| format!("`[documents] paths` entry `{rel}`: {e}"))?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| format_of(Path::new(name)).is_some())
        .collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let path = resolve(root, folder, &name)
            .map_err(|e| format!("`[documents] paths` entry `{rel}`, file `{name}`: {e}"))?;
        if path.is_file() {
            out.push(path);
        }
        if out.len() > MAX_DOCUMENT_FILES {
            break;
        }
    }
    Ok(out)
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension().and_then(|e| e.to_str())?;
    Format::from_path_ext(&ext.to_ascii_lowercase())
}

/// One file's signature: a GetDocument response, else an SSM document named
/// by the file stem.
fn signature_of(path: &Path, text: &str) -> Result<Signature, String> {
    let format = format_of(path).ok_or("not a .json, .yaml or .yml file")?;
    if format == Format::Json && is_get_document(text) {
        return catalog::from_get_document(text);
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("the file name is not UTF-8")?;
    // Spans point into this file, which is not in any source map: a
    // placeholder id, never looked up.
    let doc = doc_read::read_document(FileId(u32::MAX), stem, text, format).map_err(|d| {
        let first = d.first().map_or(String::new(), |d| d.message.clone());
        format!("not an SSM document: {first}")
    })?;
    let mut signature = Signature::of_document(stem, &doc);
    signature.origin = ssmc_core::documents::Origin::Aws;
    for p in &mut signature.params {
        p.span = None;
    }
    Ok(signature)
}

/// A JSON object with a string `Content`: what `aws ssm get-document` prints.
fn is_get_document(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("Content").map(serde_json::Value::is_string))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let project = Project::discover(dir.path());
        (dir, project)
    }

    #[test]
    fn folders_and_files_lend_their_signatures_by_name() {
        let get_document = r#"{"Name": "Team-Restart", "DocumentType": "Command", "DocumentFormat": "JSON",
            "Content": "{\"schemaVersion\": \"2.2\", \"parameters\": {\"Service\": {\"type\": \"String\"}}, \"mainSteps\": [{\"action\": \"aws:runShellScript\", \"name\": \"R\", \"inputs\": {\"runCommand\": [\"systemctl restart {{ Service }}\"]}}]}"}"#;
        let raw = "schemaVersion: '0.3'\nparameters:\n  Minutes:\n    type: String\n    default: '5'\nmainSteps:\n  - name: W\n    action: aws:sleep\n    inputs: {Duration: PT5M}\n";
        let (_dir, project) = project_with(&[
            (
                "ssmc.toml",
                "[documents]\npaths = [\"vendor\", \"one/Team-Wait.yaml\"]\n",
            ),
            ("vendor/restart.json", get_document),
            ("vendor/notes.txt", "not a document"),
            ("one/Team-Wait.yaml", raw),
        ]);
        let docs = document_signatures(&project).expect("read");
        let names: Vec<&str> = docs.project().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Team-Restart", "Team-Wait"]);
        let restart = docs.get("Team-Restart").expect("signature");
        assert_eq!(restart.doc_type, "Command");
        assert!(restart.param("Service").is_some_and(|p| p.required()));
        let wait = docs.get("Team-Wait").expect("signature");
        assert!(wait.param("Minutes").is_some_and(|p| !p.required()));
    }

    #[test]
    fn a_path_outside_the_project_or_a_broken_file_is_an_error_naming_it() {
        let (_dir, project) =
            project_with(&[("ssmc.toml", "[documents]\npaths = [\"../elsewhere\"]\n")]);
        let err = document_signatures(&project).expect_err("outside");
        assert!(
            err.contains("`../elsewhere`") && err.contains("leaves the project"),
            "{err}"
        );

        let (_dir, project) =
            project_with(&[("ssmc.toml", "[documents]\npaths = [\"/etc/passwd\"]\n")]);
        let err = document_signatures(&project).expect_err("absolute");
        assert!(err.contains("relative to the folder of ssmc.toml"), "{err}");

        let (_dir, project) = project_with(&[
            ("ssmc.toml", "[documents]\npaths = [\"docs\"]\n"),
            ("docs/bad.yaml", "schemaVersion: [unclosed\n"),
        ]);
        let err = document_signatures(&project).expect_err("broken");
        assert!(err.contains("bad.yaml"), "{err}");
    }

    #[test]
    #[cfg(unix)]
    fn a_link_out_of_the_project_inside_a_listed_folder_is_refused() {
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("secret.json"), "{}").expect("write");
        let (dir, project) = project_with(&[("ssmc.toml", "[documents]\npaths = [\"docs\"]\n")]);
        std::fs::create_dir(dir.path().join("docs")).expect("mkdir");
        std::os::unix::fs::symlink(
            outside.path().join("secret.json"),
            dir.path().join("docs/x.json"),
        )
        .expect("symlink");
        let err = document_signatures(&project).expect_err("link out");
        assert!(err.contains("leaves the project"), "{err}");
    }
}
