use ssmc_core::*;
#[test]
fn scratch() {
    let mut sm = SourceMap::new();
    let mut cat = catalog::Catalog::default();
    for (name, text) in ssmc_stdlib::SOURCES {
        let id = sm.add(*name, text);
        let p = syntax::parse(id, &sm.get(id).unwrap().text.clone());
        assert!(p.diagnostics.is_empty(), "{name}: {:?}", p.diagnostics);
        let d = catalog::load_decls(&p.ast.items, &mut cat);
        assert!(d.is_empty(), "{d:?}");
    }
    let mut paths: Vec<_> = std::fs::read_dir("../../examples").unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().map_or(false, |e| e == "rbk")).collect();
    paths.extend(std::fs::read_dir("../../tests/fixtures/codegen").unwrap().map(|e| e.unwrap().path()));
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let id = sm.add(path.display().to_string(), &text);
        let p = syntax::parse(id, &sm.get(id).unwrap().text.clone());
        for d in &p.diagnostics { eprintln!("PARSE {}: {} {} at {}", path.display(), d.code, d.message, sm.get(id).unwrap().lines.line_col(d.primary.span.start).line + 1); }
        let (docs, diags) = lower::lower_file(&p.ast, id, &cat, &lower::NoFiles);
        for d in &diags { eprintln!("LOWER {}: {} {} at {}", path.display(), d.code, d.message, sm.get(id).unwrap().lines.line_col(d.primary.span.start).line + 1); }
        for doc in &docs { for d in check::check_document(doc, &cat) { eprintln!("CHECK {}: {:?} {} {} at {}", path.display(), d.severity, d.code, d.message, sm.get(d.primary.span.file).map_or(0, |f| f.lines.line_col(d.primary.span.start).line + 1)); } }
    }
}
