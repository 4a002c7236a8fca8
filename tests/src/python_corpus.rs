//! Every inline Python script of the shared corpus, as the `python-*` lint
//! rules see them (`ssmc_core::lint::python::scripts`), for the Python bench
//! and the corpus test.

use ssmc_core::codegen::{read, Format};
use ssmc_core::lint::python::scripts;
use ssmc_core::lint::walk::input;
use ssmc_core::span::SourceMap;

/// One `aws:executeScript` step's script, runtime and literal handler.
#[derive(Debug, Clone)]
pub struct CorpusScript {
    pub text: String,
    pub runtime: String,
    pub handler: Option<String>,
}

/// The scripts of every corpus document that reads (none without the corpus).
pub fn corpus_scripts() -> Vec<CorpusScript> {
    let Some(dir) = crate::corpus_dir() else {
        return Vec::new();
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap_or_default();
    let files = manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(6))
        .map(|rel| dir.join(rel));
    let mut out = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let (Ok(text), Some(format)) =
            (std::fs::read_to_string(&path), Format::from_path_ext(&name))
        else {
            continue;
        };
        let mut sources = SourceMap::new();
        let id = sources.add(&name, &text);
        let Ok(node) = read::parse(id, &text, format) else {
            continue;
        };
        let Ok(doc) = read::document_from_node("corpus", &node) else {
            continue;
        };
        for (step, script, runtime) in scripts(&doc) {
            out.push(CorpusScript {
                text: script.as_str().unwrap_or_default().to_string(),
                runtime: runtime.to_string(),
                handler: input(step, "Handler")
                    .and_then(|h| h.as_str())
                    .map(str::to_string),
            });
        }
    }
    out
}
