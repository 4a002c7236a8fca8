//! `ssmc check [PATHS] [--no-cache]`: parse and type-check every `.rbk`;
//! print diagnostics. An unchanged project is answered from the result cache
//! (`crate::cache`; one entry for the whole run, since every file's
//! declarations reach every other file).

use std::path::PathBuf;

use ssmc_core::{Diagnostic, FileId};

use super::{
    counts, load_sources, paths_or_cwd, plural, report, Loaded, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK,
};
use crate::cache::{self, Cache, Deps, Recording};
use crate::files::{project_root, ProjectLoader};

pub fn run(paths: &[PathBuf], use_cache: bool) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut loaded = match load_sources(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let root = project_root(
        paths
            .first()
            .map_or(std::path::Path::new("."), PathBuf::as_path),
    );
    let loader = ProjectLoader {
        root,
        paths: loaded.paths.clone(),
    };
    let diagnostics = match diagnostics(&mut loaded, &loader, use_cache) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    report(&diagnostics, &loaded.sources);
    let n = loaded.ids.len();
    super::status(format_args!(
        "checked {n} {}: {}",
        plural(n, "file"),
        counts(&diagnostics)
    ));
    if diagnostics.iter().any(Diagnostic::is_error) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// Every diagnostic of the run: from the cache when nothing it depends on
/// changed, else from a compile (then stored).
fn diagnostics(
    loaded: &mut Loaded,
    loader: &ProjectLoader,
    use_cache: bool,
) -> Result<Vec<Diagnostic>, String> {
    let (models, models_key) = crate::awsmodels::load_keyed(&loader.root)?;
    let cache = use_cache.then(|| {
        Cache::open(
            &loader.root,
            "check",
            cache::run_key("check", &[&models_key.to_le_bytes()]),
        )
    });
    // The user files, in order (so their ids are the same on a hit).
    let mut parts: Vec<&[u8]> = Vec::new();
    for &id in &loaded.ids {
        if let Some(f) = loaded.sources.get(id) {
            parts.push(f.name.as_bytes());
            parts.push(f.text.as_bytes());
        }
    }
    let entry_key = format!("{:016x}", cache::hash_bytes(&parts));
    let (mut catalog, stdlib_diags) = ssmc_core::catalog::load_stdlib(&mut loaded.sources);
    // Ids below this are the user files and the stdlib, the same on every run
    // with the same inputs; a diagnostic pointing past them is not stored.
    let stable = u32::try_from(loaded.sources.files().count()).unwrap_or(0);
    if let Some(hit) = cache
        .as_ref()
        .and_then(|c| c.get("run", &entry_key))
        .and_then(|v| cache::load(v, &FileId))
    {
        return Ok(hit);
    }
    catalog.aws_models = models;
    let deps = Deps::default();
    let resolve = |from: FileId, path: &str| loader.dependency(from, path);
    let recording = Recording {
        inner: loader,
        resolve: &resolve,
        deps: &deps,
    };
    let result = ssmc_core::pipeline::compile_with_catalog(
        &mut loaded.sources,
        &loaded.ids,
        &recording,
        catalog,
        stdlib_diags,
    );
    if let Some(mut cache) = cache {
        let stored = cache::store(&result.diagnostics, &|f: FileId| {
            (f.0 < stable).then_some(f.0)
        });
        if let Some(value) = stored {
            cache.put("run".to_string(), entry_key, deps, value);
            cache.save();
        }
    }
    Ok(result.diagnostics)
}
