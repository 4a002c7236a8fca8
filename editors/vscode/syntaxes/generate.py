#!/usr/bin/env python3
"""Writes the TextMate grammars of the .rbk language from this one source.

Input: nothing (the rules are below). Output: `ssmc.tmLanguage.json` and
`ssmc-interpolation.injection.tmLanguage.json` beside this file; with
`--check`, writes nothing and exits 1 when either file differs from what
this script would write (CI runs that, so the JSON never drifts).

Why a generator: the embedded-script rules exist once per script language
(shell, PowerShell, Python) and once per string form (`\"\"\"`, `#\"\"\"`,
with and without `lit`); writing those by hand in JSON invites copies that
drift apart. Regexes are raw Python strings, so they read as Oniguruma sees
them.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
BACKTICK = r"`[A-Za-z0-9_.\-]+`"
NAME = rf"(?:{IDENT}|{BACKTICK})"
ACTION = rf"{IDENT}:{IDENT}"
TYPE = rf"(?:AWS(?:::{IDENT})+|List<[^>\n]*>+|{IDENT})"
METHODS = (
    "EqualsIgnoreCase|StringEquals|StartsWith|EndsWith|Contains|NumericEquals|"
    "NumericGreaterOrEquals|NumericLesserOrEquals|NumericGreater|NumericLesser|BooleanEquals"
)
MW_PSEUDO = (
    "TARGET_ID|TARGET_TYPE|RESOURCE_ID|RESOURCE_TYPE|WINDOW_ID|WINDOW_TASK_ID|"
    "WINDOW_TARGET_ID|WINDOW_EXECUTION_ID|TASK_EXECUTION_ID|INVOCATION_ID|"
    "LOGGING_S3_BUCKET_NAME|LOGGING_S3_KEY_PREFIX|LOGGING_S3_REGION"
)

# Script languages: key (used in rule names), the embedded scope that
# package.json maps to a VS Code language id, and the grammar to include.
LANGS = {
    "shell": ("meta.embedded.block.shellscript", "source.shell"),
    "powershell": ("meta.embedded.block.powershell", "source.powershell"),
    "python": ("meta.embedded.block.python", "source.python"),
}


def block_string_rules(lang):
    """The four block-string forms whose content is highlighted as `lang`."""
    embedded, source = LANGS[lang]
    rules = []
    for raw in (True, False):
        for lit in (True, False):
            # Group 1 is always `lit` (empty when absent), so the raw form's
            # `#` run is always group 2 for the end's back-reference.
            pre = r"\b(lit)" if lit else r"(?<![A-Za-z0-9_])()"
            open_ = r'(#+)(""")' if raw else r'(""")'
            close = r'^\s*(""")(\2)' if raw else r'^\s*(""")'
            caps = {"1": {"name": "storage.modifier.lit.ssmc"}}
            if raw:
                caps["2"] = {"name": "string.quoted.triple.raw.ssmc punctuation.definition.string.begin.ssmc"}
                caps["3"] = {"name": "string.quoted.triple.ssmc punctuation.definition.string.begin.ssmc"}
            else:
                caps["2"] = {"name": "string.quoted.triple.ssmc punctuation.definition.string.begin.ssmc"}
            end_caps = {"1": {"name": "string.quoted.triple.ssmc punctuation.definition.string.end.ssmc"}}
            if raw:
                end_caps["2"] = {"name": "string.quoted.triple.raw.ssmc punctuation.definition.string.end.ssmc"}
            rules.append(
                {
                    "begin": pre + open_ + r"\s*$",
                    "beginCaptures": caps,
                    "end": close,
                    "endCaptures": end_caps,
                    "patterns": [
                        {
                            # A `while` rule (as Markdown's fenced code blocks
                            # use) is checked at the start of every line and
                            # pops whatever the script grammar left open (an
                            # unclosed `if`, a quote), so the closing line
                            # always ends the script.
                            "begin": r"(^|\G)",
                            "while": r'(^|\G)(?!\s*"""#)' if raw else r'(^|\G)(?!\s*""")',
                            "contentName": embedded + (" meta.literal.ssmc" if lit else ""),
                            "patterns": [{"include": source}],
                        }
                    ],
                }
            )
    return rules


def braces(lang):
    """A `{ … }` map whose block strings (at any depth) are `lang` scripts."""
    return {
        "begin": r"\{",
        "beginCaptures": {"0": {"name": "punctuation.section.braces.begin.ssmc"}},
        "end": r"\}",
        "endCaptures": {"0": {"name": "punctuation.section.braces.end.ssmc"}},
        "patterns": [
            {"include": f"#script-strings-{lang}"},
            {"include": f"#braces-{lang}"},
            {"include": "$self"},
        ],
    }


def head(action_regex):
    """`step NAME = ACTION` or `plugin ACTION` (Command 1.2), for one action."""
    return (
        rf"(?:\b(step)\s+({NAME})\s*(=)\s*|\b(plugin)\s+)({action_regex})(?![A-Za-z0-9_])",
        {
            "1": {"name": "storage.type.step.ssmc"},
            "2": {"name": "entity.name.function.step.ssmc"},
            "3": {"name": "keyword.operator.assignment.ssmc"},
            "4": {"name": "storage.type.plugin.ssmc"},
            "5": {"name": "support.function.action.ssmc"},
        },
    )


def step_region(name, action_regex, inner):
    """From an action step's head to the `}` closing its inputs map.

    The end `(?<=\\})` matches right after the inputs map (consumed by
    `inner`) closes; text before the map (a `when` precondition) uses the
    ordinary rules.
    """
    begin, caps = head(action_regex)
    return {
        "name": f"meta.step.{name}.ssmc",
        "begin": begin,
        "beginCaptures": caps,
        "end": r"(?<=\})",
        "patterns": [{"include": "#comments"}, {"include": inner}, {"include": "$self"}],
    }


def selector_region(key, value_regex, lang):
    """From `key: "value"` to the end of the enclosing map: scripts are `lang`."""
    return {
        "begin": rf"\b({key})\s*(:)\s*(\")({value_regex})(\")",
        "beginCaptures": {
            "1": {"name": "variable.other.property.key.ssmc"},
            "2": {"name": "punctuation.separator.key-value.ssmc"},
            "3": {"name": "string.quoted.double.ssmc punctuation.definition.string.begin.ssmc"},
            "4": {"name": "string.quoted.double.ssmc"},
            "5": {"name": "string.quoted.double.ssmc punctuation.definition.string.end.ssmc"},
        },
        "end": r"(?=\})",
        "patterns": [
            {"include": f"#script-strings-{lang}"},
            {"include": f"#braces-{lang}"},
            {"include": "$self"},
        ],
    }


def inputs_map(patterns):
    return {
        "begin": r"\{",
        "beginCaptures": {"0": {"name": "punctuation.section.braces.begin.ssmc"}},
        "end": r"\}",
        "endCaptures": {"0": {"name": "punctuation.section.braces.end.ssmc"}},
        "patterns": patterns + [{"include": "$self"}],
    }


def interpolation():
    return {
        "name": "meta.interpolation.ssmc",
        "match": (
            r"(\{\{)\s*(?:"
            r"(variable|global|automation|ssm-secure|ssm|resolve)(:)([^}\n]*?)"
            r"|([A-Za-z0-9_]+)(?:(\.)([A-Za-z0-9_]+))?"
            r")\s*(\}\})"
        ),
        "captures": {
            "1": {"name": "punctuation.section.interpolation.begin.ssmc"},
            "2": {"name": "support.type.prefix.ssmc"},
            "3": {"name": "punctuation.separator.prefix.ssmc"},
            "4": {"name": "variable.other.ssmc"},
            "5": {"name": "variable.other.ssmc"},
            "6": {"name": "punctuation.accessor.ssmc"},
            "7": {"name": "variable.other.property.ssmc"},
            "8": {"name": "punctuation.section.interpolation.end.ssmc"},
        },
    }


def string_rules():
    escapes = [
        {"name": "constant.character.escape.ssmc", "match": r'\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})'},
        {"name": "invalid.illegal.escape.ssmc", "match": r"\\."},
    ]
    interp = [{"include": "#interpolation"}]
    begin_q = {"0": {"name": "punctuation.definition.string.begin.ssmc"}}
    end_q = {"0": {"name": "punctuation.definition.string.end.ssmc"}}
    lit_cap = {"1": {"name": "storage.modifier.lit.ssmc"}, "2": {"name": "punctuation.definition.string.begin.ssmc"}}
    rules = []
    for lit in (True, False):
        pre = r"\b(lit)" if lit else r"(?<![A-Za-z0-9_])()"
        extra = " meta.literal.ssmc" if lit else ""
        inner = [] if lit else interp
        # Raw block strings `#"""` … `"""#` (several `#` allowed).
        rules.append(
            {
                "name": "string.quoted.triple.raw.ssmc" + extra,
                "begin": pre + r'((#+)""")\s*$',
                "beginCaptures": lit_cap,
                "end": r'^\s*("""\3)',
                "endCaptures": {"1": {"name": "punctuation.definition.string.end.ssmc"}},
                "patterns": inner,
            }
        )
        # Block strings `"""` … `"""`.
        rules.append(
            {
                "name": "string.quoted.triple.ssmc" + extra,
                "begin": pre + r'(""")\s*$',
                "beginCaptures": lit_cap,
                "end": r'^\s*(""")',
                "endCaptures": {"1": {"name": "punctuation.definition.string.end.ssmc"}},
                "patterns": inner,
            }
        )
        # Raw strings `#"…"#`: no escapes, one line.
        rules.append(
            {
                "name": "string.quoted.raw.ssmc" + extra,
                "begin": pre + r'((#+)")',
                "beginCaptures": lit_cap,
                "end": r'("\3)|$',
                "endCaptures": {"1": {"name": "punctuation.definition.string.end.ssmc"}},
                "patterns": inner,
            }
        )
        # Quoted strings `"…"` with JSON escapes, one line.
        rules.append(
            {
                "name": "string.quoted.double.ssmc" + extra,
                "begin": pre + r'(")',
                "beginCaptures": lit_cap,
                "end": r'(")|$',
                "endCaptures": {"1": {"name": "punctuation.definition.string.end.ssmc"}},
                "patterns": escapes + inner,
            }
        )
    return rules


def grammar():
    repo = {}
    repo["comments"] = {
        "patterns": [
            {
                "name": "comment.line.documentation.ssmc",
                "begin": r"(///)(?!/)",
                "beginCaptures": {"1": {"name": "punctuation.definition.comment.ssmc"}},
                "end": r"$",
                "patterns": [{"name": "markup.inline.raw.ssmc", "match": r"`[^`]*`"}],
            },
            {
                "name": "comment.line.double-slash.ssmc",
                "begin": r"(//)",
                "beginCaptures": {"1": {"name": "punctuation.definition.comment.ssmc"}},
                "end": r"$",
                "patterns": [
                    {
                        "match": r"\b(ssmc)(:)\s*(allow)(\()([A-Za-z0-9_\-, ]*)(\))",
                        "captures": {
                            "1": {"name": "keyword.other.directive.ssmc"},
                            "3": {"name": "keyword.other.directive.ssmc"},
                            "5": {"name": "entity.name.tag.rule.ssmc"},
                        },
                    }
                ],
            },
        ]
    }
    repo["interpolation"] = interpolation()
    repo["strings"] = {"patterns": string_rules()}
    for lang in LANGS:
        repo[f"script-strings-{lang}"] = {"patterns": block_string_rules(lang)}
        repo[f"braces-{lang}"] = braces(lang)

    # Actions whose scripts have a known language.
    repo["script-steps"] = {
        "patterns": [
            step_region("shell", r"aws:runShellScript", "#braces-shell"),
            step_region("powershell", r"aws:runPowerShellScript", "#braces-powershell"),
            step_region(
                "runcommand",
                r"aws:runCommand|aws:sendCommand",
                "#runcommand-inputs",
            ),
            step_region("executescript", r"aws:executeScript", "#executescript-inputs"),
        ]
    }
    repo["runcommand-inputs"] = inputs_map(
        [
            selector_region("DocumentName", r"AWS-RunShellScript", "shell"),
            selector_region("DocumentName", r"AWS-RunPowerShellScript", "powershell"),
        ]
    )
    repo["executescript-inputs"] = inputs_map(
        [
            selector_region("Runtime", r"PowerShell[^\"]*", "powershell"),
            selector_region("Runtime", r"python[^\"]*", "python"),
            {"include": "#script-strings-python"},
        ]
    )

    repo["attributes"] = {
        "match": rf"(@)({IDENT})",
        "captures": {
            "0": {"name": "meta.attribute.ssmc"},
            "1": {"name": "punctuation.definition.attribute.ssmc"},
            "2": {"name": "entity.name.function.attribute.ssmc"},
        },
    }
    repo["document"] = {
        "match": rf"\b(automation|command)\s+({NAME}|\"[^\"\n]*\")(?=\s*\{{)",
        "captures": {
            "1": {"name": "storage.type.document.ssmc"},
            "2": {"name": "entity.name.type.document.ssmc"},
        },
    }
    repo["action-declaration"] = {
        "patterns": [
            {
                "match": rf"\b(?:(extern)\s+)?(action)\s+(\"[^\"\n]*\")(?:\s+(for)\s+((?:automation|command)(?:\s*,\s*(?:automation|command))*))?",
                "captures": {
                    "1": {"name": "storage.modifier.extern.ssmc"},
                    "2": {"name": "storage.type.action.ssmc"},
                    "3": {"name": "entity.name.function.action.ssmc"},
                    "4": {"name": "keyword.other.for.ssmc"},
                    "5": {"name": "constant.language.kind.ssmc"},
                },
            },
            {
                "match": r"\b(input)\s+(\.\.)",
                "captures": {
                    "1": {"name": "storage.type.input.ssmc"},
                    "2": {"name": "keyword.operator.rest.ssmc"},
                },
            },
            {
                "match": rf"^\s*(input|output)\s+({NAME})\s*(:)\s*({TYPE})(?:\s+(required)\b)?",
                "captures": {
                    "1": {"name": "storage.type.member.ssmc"},
                    "2": {"name": "variable.other.member.ssmc"},
                    "3": {"name": "punctuation.separator.type.ssmc"},
                    "4": {"name": "support.type.ssmc"},
                    "5": {"name": "storage.modifier.required.ssmc"},
                },
            },
        ]
    }
    repo["declarations"] = {
        "patterns": [
            {
                "match": rf"\b(param|var)\s+({NAME})\s*(:)\s*(?:({TYPE})|(\"[^\"\n]*\"))?(?:\s+(secret)\b)?",
                "captures": {
                    "1": {"name": "storage.type.declaration.ssmc"},
                    "2": {"name": "variable.parameter.ssmc"},
                    "3": {"name": "punctuation.separator.type.ssmc"},
                    "4": {"name": "support.type.ssmc"},
                    "5": {"name": "support.type.ssmc"},
                    "6": {"name": "storage.modifier.secret.ssmc"},
                },
            },
            {
                # A step output `Name: Type = "$.selector"` (`=` but not `==`).
                "match": rf"({NAME})\s*(:)\s*({TYPE})\s*(?==(?!=))",
                "captures": {
                    "1": {"name": "variable.other.member.output.ssmc"},
                    "2": {"name": "punctuation.separator.type.ssmc"},
                    "3": {"name": "support.type.ssmc"},
                },
            },
            {
                "match": rf"\b(attachment)\b",
                "name": "keyword.other.document.ssmc",
            },
        ]
    }
    repo["steps"] = {
        "patterns": [
            {
                "match": rf"\b(step)\s+({NAME})\s*(=)\s*(?:({ACTION})(?![A-Za-z0-9_])|(\"[^\"\n]*\"))?",
                "captures": {
                    "1": {"name": "storage.type.step.ssmc"},
                    "2": {"name": "entity.name.function.step.ssmc"},
                    "3": {"name": "keyword.operator.assignment.ssmc"},
                    "4": {"name": "support.function.action.ssmc"},
                    "5": {"name": "support.function.action.ssmc"},
                },
            },
            {
                "match": rf"\b(plugin)\s+({ACTION}|\"[^\"\n]*\")",
                "captures": {
                    "1": {"name": "storage.type.plugin.ssmc"},
                    "2": {"name": "support.function.action.ssmc"},
                },
            },
            {
                # Jump targets: `goto X`, `-> X`.
                "match": rf"\b(goto)\s+({NAME})",
                "captures": {
                    "1": {"name": "keyword.control.goto.ssmc"},
                    "2": {"name": "entity.name.label.step.ssmc"},
                },
            },
            {
                "match": rf"(->)\s*({NAME})",
                "captures": {
                    "1": {"name": "keyword.operator.arrow.ssmc"},
                    "2": {"name": "entity.name.label.step.ssmc"},
                },
            },
            {
                "match": r"\b(platform)\s+(linux|windows|macos)\b",
                "captures": {
                    "1": {"name": "keyword.other.platform.ssmc"},
                    "2": {"name": "constant.language.platform.ssmc"},
                },
            },
            {
                "match": r"\b(on_failure|on_cancel)\s+(abort|continue)\b",
                "captures": {
                    "1": {"name": "keyword.other.clause.ssmc"},
                    "2": {"name": "constant.language.flow.ssmc"},
                },
            },
        ]
    }
    repo["keys"] = {
        # `key:` in a map (not `::` of a type, not an action name `a:b`).
        "match": rf"({IDENT})\s*(:)(?![:A-Za-z_])",
        "captures": {
            "1": {"name": "variable.other.property.key.ssmc"},
            "2": {"name": "punctuation.separator.key-value.ssmc"},
        },
    }
    repo["keywords"] = {
        "patterns": [
            {"name": "keyword.control.ssmc", "match": r"\b(if|else|guard|match|when|goto|end|branch|do)\b"},
            {
                "name": "keyword.other.clause.ssmc",
                "match": r"\b(on_failure|on_cancel|timeout|attempts|critical|outputs|description|raw)\b",
            },
            {
                "name": "keyword.other.document.ssmc",
                "match": r"\b(schema|assume_role|defaults|files|tags|attachment)\b",
            },
            {"name": "storage.type.ssmc", "match": r"\b(automation|command|param|var|step|plugin|action|input|output)\b"},
            {"name": "storage.modifier.ssmc", "match": r"\b(secret|extern|required)\b"},
            {"name": "support.function.builtin.ssmc", "match": r"\b(ssm_secure|ssm|file)(?=\s*\()"},
            {"name": "support.function.builtin.ssmc", "match": r"\blines\b"},
            {"name": "constant.language.ssmc", "match": r"\b(true|false|null)\b"},
        ]
    }
    repo["builtins"] = {
        "patterns": [
            {
                "match": r"\b(global)(\.)(ACCOUNT_ID|REGION|AWS_PARTITION|DATE_TIME|DATE)\b",
                "captures": {
                    "1": {"name": "variable.language.ssmc"},
                    "2": {"name": "punctuation.accessor.ssmc"},
                    "3": {"name": "variable.language.ssmc"},
                },
            },
            {
                "match": r"\b(automation)(\.)(EXECUTION_ID)\b",
                "captures": {
                    "1": {"name": "variable.language.ssmc"},
                    "2": {"name": "punctuation.accessor.ssmc"},
                    "3": {"name": "variable.language.ssmc"},
                },
            },
            {
                "match": rf"\b(var)(\.)({IDENT})",
                "captures": {
                    "1": {"name": "variable.language.ssmc"},
                    "2": {"name": "punctuation.accessor.ssmc"},
                    "3": {"name": "variable.other.ssmc"},
                },
            },
            {"name": "variable.language.pseudo.ssmc", "match": rf"\b({MW_PSEUDO})\b"},
            {
                "match": rf"(\.)({METHODS})(?=\s*\()",
                "captures": {
                    "1": {"name": "punctuation.accessor.ssmc"},
                    "2": {"name": "support.function.operator.ssmc"},
                },
            },
        ]
    }
    repo["types"] = {
        "patterns": [
            {"name": "support.type.aws.ssmc", "match": rf"\bAWS(?:::{IDENT})+"},
            {
                "match": r"\b(List)(<)",
                "captures": {"1": {"name": "support.type.ssmc"}, "2": {"name": "punctuation.definition.generic.ssmc"}},
            },
        ]
    }
    repo["numbers"] = {
        "patterns": [
            {
                "name": "constant.numeric.duration.ssmc",
                "match": r"(?<![A-Za-z0-9_.])(?:\d+d(?:\d+h)?(?:\d+m)?(?:\d+s)?|\d+h(?:\d+m)?(?:\d+s)?|\d+m(?:\d+s)?|\d+s)(?![A-Za-z0-9_])",
            },
            {
                "name": "constant.numeric.float.ssmc",
                "match": r"(?<![A-Za-z0-9_.])-?\d+(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)(?![A-Za-z0-9_])",
            },
            {"name": "constant.numeric.integer.ssmc", "match": r"(?<![A-Za-z0-9_.])-?\d+(?![A-Za-z0-9_.])"},
        ]
    }
    repo["operators"] = {
        "patterns": [
            {"name": "keyword.operator.arrow.ssmc", "match": r"->"},
            {"name": "keyword.operator.comparison.ssmc", "match": r"==|!=|>=|<=|>|<"},
            {"name": "keyword.operator.logical.ssmc", "match": r"&&|\|\||!"},
            {"name": "keyword.operator.assignment.ssmc", "match": r"="},
            {"name": "punctuation.separator.comma.ssmc", "match": r","},
            {"name": "punctuation.accessor.ssmc", "match": r"\."},
            {"name": "punctuation.separator.colon.ssmc", "match": r":"},
        ]
    }
    repo["brackets"] = {
        "patterns": [
            {
                "begin": r"\{",
                "beginCaptures": {"0": {"name": "punctuation.section.braces.begin.ssmc"}},
                "end": r"\}",
                "endCaptures": {"0": {"name": "punctuation.section.braces.end.ssmc"}},
                "patterns": [{"include": "$self"}],
            },
            {"name": "punctuation.section.brackets.begin.ssmc", "match": r"\["},
            {"name": "punctuation.section.brackets.end.ssmc", "match": r"\]"},
            {"name": "punctuation.section.parens.begin.ssmc", "match": r"\("},
            {"name": "punctuation.section.parens.end.ssmc", "match": r"\)"},
        ]
    }
    repo["names"] = {
        "patterns": [
            {"name": "variable.other.quoted.ssmc", "match": BACKTICK},
            {"name": "variable.other.ssmc", "match": rf"\b{IDENT}\b"},
        ]
    }
    order = [
        "comments",
        "attributes",
        "strings",
        "document",
        "action-declaration",
        "script-steps",
        "declarations",
        "steps",
        "builtins",
        "keys",
        "keywords",
        "types",
        "numbers",
        "operators",
        "brackets",
        "names",
    ]
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "SSM Runbook",
        "scopeName": "source.ssmc",
        "fileTypes": ["rbk"],
        "comment": "Generated by syntaxes/generate.py; edit that, then run it.",
        "patterns": [{"include": f"#{k}"} for k in order],
        "repository": repo,
    }


def injection():
    # `{{ … }}` references inside embedded scripts (also inside the script's
    # own strings and comments), except in `lit` strings.
    selector = ", ".join(f"L:{embedded} -meta.literal.ssmc" for embedded, _ in LANGS.values())
    return {
        "scopeName": "source.ssmc.interpolation-injection",
        "comment": "Generated by syntaxes/generate.py; edit that, then run it.",
        "injectionSelector": selector,
        "patterns": [{"include": "source.ssmc#interpolation"}],
    }


def main():
    outputs = {
        HERE / "ssmc.tmLanguage.json": grammar(),
        HERE / "ssmc-interpolation.injection.tmLanguage.json": injection(),
    }
    check = "--check" in sys.argv[1:]
    stale = []
    for path, data in outputs.items():
        text = json.dumps(data, indent=2) + "\n"
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(path.name)
        else:
            path.write_text(text)
    if stale:
        print(f"out of date (run syntaxes/generate.py): {', '.join(stale)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
