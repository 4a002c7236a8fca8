//! The project documents a runbook may start by name, for `ssmc iam` to
//! derive a child automation's own needs.
//!
//! Input: the runbook's path. Output: the documents of the project's `.rbk`
//! files and of `[documents] paths` (raw SSM documents, named by file stem);
//! with no `ssmc.toml`, the `.rbk` files of the runbook's own folder. Files
//! that do not compile or read are left out: their documents are then
//! "not a document of this project" in the derivation's notes, never guessed.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::{read, Format};
use ssmc_core::model::{Document, Step};
use ssmc_core::{pipeline, SourceMap};
use ssmc_project::{document_files, walk, Project, ProjectLoader};

use crate::files::read_text;

/// Whether any step (in loops too) starts an automation: only then are the
/// project's documents read.
pub fn starts_automations(doc: &Document) -> bool {
    fn any(steps: &[Step]) -> bool {
        steps.iter().any(|s| {
            s.action_str() == "aws:executeAutomation" || s.loop_steps.as_deref().is_some_and(any)
        })
    }
    doc.steps.as_deref().is_some_and(any)
}

/// The documents of the project holding `path` (see the module comment).
pub fn project_documents(path: &Path, sources: &mut SourceMap) -> Vec<Document> {
    let project = Project::discover(path);
    let configured = project.root.join("ssmc.toml").is_file();
    let sources_rbk: Vec<PathBuf> = if configured {
        walk(std::slice::from_ref(&project.root), &project, &["rbk"])
            .map(|w| w.files.into_iter().map(|f| f.path).collect())
            .unwrap_or_default()
    } else {
        folder_rbk(path)
    };
    let mut docs = compiled(&project, &sources_rbk, sources);
    if configured {
        for file in document_files(&project).unwrap_or_default() {
            docs.extend(raw_document(&file, sources));
        }
    }
    docs
}

/// The `.rbk` files directly in the folder of `path`, sorted.
fn folder_rbk(path: &Path) -> Vec<PathBuf> {
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "rbk"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The documents the `.rbk` files compile to (all of them at once, so that
/// their imports resolve as `ssmc check` resolves them).
fn compiled(project: &Project, files: &[PathBuf], sources: &mut SourceMap) -> Vec<Document> {
    let mut loader = ProjectLoader::new(&project.root);
    let mut ids = Vec::new();
    for file in files {
        let Ok(text) = read_text(file) else {
            continue;
        };
        let id = sources.add(file.display().to_string(), &text);
        loader.set_path(id, file.clone());
        ids.push(id);
    }
    if ids.is_empty() {
        return Vec::new();
    }
    let result = pipeline::compile(sources, &ids, &loader);
    result.files.into_iter().flat_map(|f| f.documents).collect()
}

/// A raw SSM document of `[documents] paths`, named by its file stem.
fn raw_document(file: &Path, sources: &mut SourceMap) -> Option<Document> {
    let format = Format::from_path_ext(&file.to_string_lossy())?;
    let text = read_text(file).ok()?;
    let name = file.file_stem()?.to_string_lossy().into_owned();
    let id = sources.add(file.display().to_string(), &text);
    read::read_document(id, &name, &text, format).ok()
}
