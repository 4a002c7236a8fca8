// Which documents the language client hands to `ssmc lsp`: `.rbk` runbooks
// always; with the `ssmc.ssmDocuments` setting, also JSON and YAML files on
// disk (the server answers only those that are SSM documents, by content).
// Off by default so the user's YAML/JSON extension stays the only one
// serving those files (no second formatter or outline to choose between).

export interface Filter {
  scheme: string;
  language: string;
}

export function documentSelector(ssmDocuments: boolean): Filter[] {
  const selector: Filter[] = [
    { scheme: "file", language: "ssmc" },
    { scheme: "untitled", language: "ssmc" },
  ];
  if (ssmDocuments) {
    selector.push({ scheme: "file", language: "yaml" }, { scheme: "file", language: "json" });
  }
  return selector;
}
