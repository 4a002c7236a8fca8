//! The chumsky grammar: balanced tokens → [`ast::SourceFileAst`].
//!
//! Input: tokens from `lexer` after the `brackets` pass (every bracket pairs, nesting is
//! capped, so recursion is bounded). Output: the tree and chumsky's `Rich` errors, which
//! `errors` turns into diagnostics.
//! Invariants: the parser never gives up: statements, map entries, list items and
//! trailing junk each have a recovery, so one run reports every independent mistake and
//! the tree holds `Error` nodes where text could not be read. Newlines separate
//! statements; inside value brackets they are skipped (`nl()` before the tokens that may
//! start a line there, never before a token that could end a statement).

use chumsky::error::{EmptyErr, LabelError};
use chumsky::input::MappedInput;
use chumsky::prelude::*;

use super::ast::*;
use super::codes;
use super::token::{StrTok, Text, Tok};
use crate::span::{FileId, Span};

pub type TokSpan = (Tok, SimpleSpan);
pub type In<'t> = MappedInput<'t, Tok, SimpleSpan, &'t [TokSpan]>;
type Ex<E> = extra::Err<E>;
type P<'t, O, E> = Boxed<'t, 't, In<'t>, O, Ex<E>>;

/// Separator between the parts of a custom error message (see `errors`).
pub const SEP: char = '\u{1f}';

/// A custom error: code, message, primary label and help travel in one string.
fn custom<'t, E: GrammarError<'t>>(
    span: SimpleSpan,
    code: crate::codes::Code,
    message: &str,
    label: &str,
    help: &str,
) -> E {
    E::custom(span, code, message, label, help)
}

/// What the grammar needs of its error type. The grammar is built for two:
/// [`Rich`], whose errors `errors` turns into diagnostics, and [`EmptyErr`],
/// which records only that something failed. A parse with `EmptyErr` builds the
/// same tree (errors never steer the grammar) without building, merging and
/// dropping an error at every failed alternative, which is about half a rich
/// parse's instructions; `super::parse` runs it first and re-parses with `Rich`
/// only when it reports an error.
pub trait GrammarError<'t>:
    chumsky::error::Error<'t, In<'t>> + LabelError<'t, In<'t>, &'static str> + 't
{
    fn custom(
        span: SimpleSpan,
        code: crate::codes::Code,
        message: &str,
        label: &str,
        help: &str,
    ) -> Self;
}

impl<'t> GrammarError<'t> for Rich<'t, Tok, SimpleSpan> {
    fn custom(
        span: SimpleSpan,
        code: crate::codes::Code,
        message: &str,
        label: &str,
        help: &str,
    ) -> Self {
        Rich::custom(span, format!("{code}{SEP}{message}{SEP}{label}{SEP}{help}"))
    }
}

impl<'t> GrammarError<'t> for EmptyErr {
    fn custom(
        _span: SimpleSpan,
        _code: crate::codes::Code,
        _message: &str,
        _label: &str,
        _help: &str,
    ) -> Self {
        EmptyErr::default()
    }
}

/// Labels for groups of keywords; `errors` expands them for "did you mean" hints.
pub const L_TOP: &str = "`automation`, `command` or `action`";
pub const L_DOC_ITEM: &str = "a document item (`param`, `step`, …)";
pub const L_STATEMENT: &str = "a statement (`step`, `if`, `guard`, `match`)";
pub const L_CLAUSE: &str = "a clause (`timeout`, `goto`, `on_failure`, …)";
pub const L_STEP_BODY: &str =
    "an action name like `aws:runCommand`, or `branch`, `if`, `guard`, `match`";
pub const L_MEMBER: &str = "`input` or `output`";
pub const L_VALUE: &str = "a value";

pub const TOP_KWS: &[&str] = &["automation", "command", "action", "extern"];
pub const STATEMENT_KWS: &[&str] = &["step", "if", "guard", "match"];
pub const DOC_ITEM_KWS: &[&str] = &[
    "schema",
    "assume_role",
    "description",
    "defaults",
    "raw",
    "param",
    "var",
    "files",
    "tags",
    "attachment",
    "outputs",
    "plugin",
    "step",
    "if",
    "guard",
    "match",
];
/// The first keywords of the keyword items of a document (`doc_item` without statements).
const DOC_KEYWORD_ITEMS: &[&str] = &[
    "schema",
    "assume_role",
    "description",
    "defaults",
    "raw",
    "files",
    "tags",
    "attachment",
    "outputs",
    "plugin",
    "param",
    "var",
];
pub const CLAUSE_KWS: &[&str] = &[
    "goto",
    "end",
    "on_failure",
    "on_cancel",
    "timeout",
    "attempts",
    "critical",
    "outputs",
    "description",
    "raw",
];
pub const STEP_BODY_KWS: &[&str] = &["branch", "if", "guard", "match"];
pub const MEMBER_KWS: &[&str] = &["input", "output"];

pub const METHODS: &[&str] = crate::syntax::ast::CONDITION_OPERATORS;

/// A stack check: chumsky grows the stack (stacker) only at `Recursive` parsers, and
/// in debug builds one nesting level of values spans more frames than its 64 KiB red
/// zone, so the deep parts get extra checkpoints.
fn grow<'t, O: 't, E: GrammarError<'t>>(
    p: impl Parser<'t, In<'t>, O, Ex<E>> + Clone + 't,
) -> P<'t, O, E> {
    let p = p.boxed();
    recursive(move |_| p.clone()).boxed()
}

/// Method-call style for `grow` at the end of a combinator chain.
trait Pipe: Sized {
    fn pipe<R>(self, f: impl FnOnce(Self) -> R) -> R {
        f(self)
    }
}
impl<T> Pipe for T {}

/// Succeeds, consuming nothing, when the next token is one of `words`; put before
/// a `choice` whose every alternative starts with `kw` of one of `words`, labelled
/// right outside. When the token is none of them, this one failure stands for the
/// alternatives' failures: like theirs it is at the token, with that token found,
/// and the label replaces what each alternative expected; so the diagnostics are
/// the same, without building and merging an error for every alternative.
fn starts_with_kw<'t, E: GrammarError<'t>>(
    words: &'static [&'static str],
) -> impl Parser<'t, In<'t>, (), Ex<E>> + Clone {
    any()
        .filter(move |t: &Tok| matches!(t, Tok::Ident(w) if words.contains(&w.as_str())))
        .rewind()
        .ignored()
}

/// Skips any newlines (inside value brackets, after operators).
fn nl<'t, E: GrammarError<'t>>() -> impl Parser<'t, In<'t>, (), Ex<E>> + Clone {
    just(Tok::Newline).repeated()
}

fn kw<'t, E: GrammarError<'t>>(
    word: &'static str,
) -> impl Parser<'t, In<'t>, SimpleSpan, Ex<E>> + Clone {
    just(Tok::Ident(word.into())).map_with(|_, e| e.span())
}

/// One token tree that is not in `stop` (a bracketed group counts as one, stops inside it ignored).
fn skip_tree<'t, E: GrammarError<'t>>(stop: &'static [Tok]) -> P<'t, (), E> {
    let tree = recursive(|tree| {
        let group = |open: Tok, close: Tok| {
            just(open)
                .ignore_then(tree.clone().repeated())
                .then_ignore(just(close))
                .ignored()
        };
        choice((
            group(Tok::LBrace, Tok::RBrace),
            group(Tok::LBracket, Tok::RBracket),
            group(Tok::LParen, Tok::RParen),
            any()
                .filter(|t: &Tok| !t.is_opener() && !t.is_closer())
                .ignored(),
        ))
    });
    any()
        .filter(move |t: &Tok| !stop.contains(t) && !t.is_closer())
        .rewind()
        .ignore_then(tree)
        .boxed()
}

/// Skips to the end of the current statement (next newline or closing brace).
fn skip_statement<'t, E: GrammarError<'t>>() -> P<'t, SimpleSpan, E> {
    skip_tree(&[Tok::Newline])
        .repeated()
        .at_least(1)
        .map_with(|_, e| e.span())
        .boxed()
}

/// The grammar, with spans made into [`Span`]s of `file`.
pub fn file_parser<'t, E: GrammarError<'t>>(file: FileId) -> P<'t, SourceFileAst, E> {
    let sp = move |s: SimpleSpan| Span::new(file, s.start, s.end);

    // ---- names, strings, types ----
    let name = select! {
        Tok::Ident(s) => (s, false),
        Tok::Backticked(s) => (s, true),
    }
    .map_with(move |(text, escaped): (Text, bool), e| Name {
        text: text.into(),
        span: sp(e.span()),
        escaped,
    })
    .labelled("a name")
    .boxed();

    let string = select! { Tok::Str(s) => s }
        .map_with(move |s: StrTok, e| StringLit {
            value: s.value.into(),
            style: s.style,
            lit: s.lit,
            span: sp(e.span()),
        })
        .labelled("a string")
        .boxed();

    let ident_sp: P<'t, (Text, SimpleSpan), E> =
        select! { Tok::Ident(s) = e => (s, e.span()) }.boxed();

    // `aws:runCommand`: identifier, `:`, identifier with nothing between; or a string.
    let action_name = ident_sp
        .clone()
        .then(just(Tok::Colon).map_with(|_, e| e.span()))
        .then(ident_sp.clone())
        .validate(move |((a, c), b), e, emitter| {
            if a.1.end != c.start || c.end != b.1.start {
                emitter.emit(custom(
                    e.span(),
                    codes::UNEXPECTED_TOKEN,
                    "spaces inside an action name",
                    "write the action name without spaces",
                    &format!("write `{}:{}`", a.0, b.0),
                ));
            }
            ActionName {
                text: format!("{}:{}", a.0, b.0),
                span: sp(e.span()),
            }
        })
        .or(string.clone().map(|s| ActionName {
            text: s.value,
            span: s.span,
        }))
        .labelled("an action name like `aws:runCommand`")
        .boxed();

    let ty = recursive(|ty| {
        let list = kw("List")
            .ignore_then(just(Tok::Lt))
            .ignore_then(ty)
            .then_ignore(just(Tok::Gt).labelled("`>` to close `List<`"))
            .map_with(move |inner: TypeExpr, e| TypeExpr {
                text: format!("List<{}>", inner.text),
                quoted: false,
                span: sp(e.span()),
            });
        let path = select! { Tok::Ident(s) => s }
            .separated_by(just(Tok::ColonColon))
            .at_least(1)
            .collect::<Vec<Text>>()
            .map_with(move |parts, e| TypeExpr {
                text: parts.join("::"),
                quoted: false,
                span: sp(e.span()),
            });
        let quoted = string.clone().map(|s| TypeExpr {
            text: s.value,
            quoted: true,
            span: s.span,
        });
        choice((list, path, quoted)).labelled("a type")
    })
    .boxed();

    let doc = select! { Tok::DocComment(s) => s }
        .map_with(move |text: Text, e| DocComment {
            text: text.into(),
            span: sp(e.span()),
        })
        .then_ignore(nl())
        .or_not()
        .boxed();

    // A doc comment with nothing after it to document.
    let dangling_doc = select! { Tok::DocComment(_) = e => e.span() }
        .then_ignore(nl())
        .then_ignore(just(Tok::RBrace).ignored().or(end()).rewind())
        .validate(move |s, _e, emitter| {
            emitter.emit(custom(
                s,
                codes::UNEXPECTED_TOKEN,
                "doc comment documents nothing",
                "nothing follows this doc comment",
                "put it right before the document, param, var, step or output it describes, or make it a `//` comment",
            ));
            s
        })
        .boxed();

    // ---- values and conditions ----
    // `recursive` (not `Recursive::declare`/`define`): a declared parser holds
    // itself through a strong `Rc`, a cycle that leaked about 20 KB per parse
    // (found by fuzzing; docs/robustness.md). `map` and `args` are needed
    // outside, so the closure hands them out.
    let mut map_out: Option<P<'t, MapLit, E>> = None;
    let mut args_out: Option<P<'t, Vec<Expr>, E>> = None;
    let value = recursive(|value| {
        let map = {
            let key = select! {
                Tok::Ident(s) => (s, false),
                Tok::Backticked(s) => (s, false),
                Tok::Str(s) => (s.value, true),
            }
            .map_with(move |(text, quoted): (Text, bool), e| Key {
                text: text.into(),
                quoted,
                span: sp(e.span()),
            })
            .labelled("a key")
            .boxed();
            let entry = key
                .clone()
                .then_ignore(just(Tok::Colon).labelled("`:` after the key"))
                .then_ignore(nl())
                .then(value.clone())
                .map_with(move |(key, value), e| {
                    Some(MapEntry {
                        key,
                        value,
                        span: sp(e.span()),
                    })
                })
                // A broken value: keep the key, skip to the next entry.
                .recover_with(via_parser(
                    key.then_ignore(just(Tok::Colon))
                        .then(
                            skip_tree(&[Tok::Comma])
                                .repeated()
                                .map_with(|_, e| e.span()),
                        )
                        .map_with(move |(key, vspan), e| {
                            Some(MapEntry {
                                key,
                                value: Expr {
                                    kind: ExprKind::Error,
                                    span: sp(vspan),
                                },
                                span: sp(e.span()),
                            })
                        }),
                ))
                // A broken key: drop the entry.
                .recover_with(via_parser(
                    skip_tree(&[Tok::Comma]).repeated().at_least(1).to(None),
                ))
                .boxed();
            just(Tok::LBrace)
                .ignore_then(
                    nl().ignore_then(entry)
                        .separated_by(list_separator())
                        .allow_trailing()
                        .collect::<Vec<_>>(),
                )
                .then_ignore(nl())
                .then_ignore(just(Tok::RBrace).labelled("`,` or `}`"))
                .map_with(move |entries, e| MapLit {
                    entries: entries.into_iter().flatten().collect(),
                    span: sp(e.span()),
                })
                .recover_with(via_parser(nested_delimiters(
                    Tok::LBrace,
                    Tok::RBrace,
                    [(Tok::LBracket, Tok::RBracket), (Tok::LParen, Tok::RParen)],
                    move |s| MapLit {
                        entries: Vec::new(),
                        span: sp(s),
                    },
                )))
                .labelled("a map `{ … }`")
                .pipe(grow)
        };

        let args = just(Tok::LParen)
            .ignore_then(
                nl().ignore_then(value.clone())
                    .separated_by(nl().then(just(Tok::Comma)))
                    .allow_trailing()
                    .collect::<Vec<Expr>>(),
            )
            .then_ignore(nl())
            .then_ignore(just(Tok::RParen).labelled("`,` or `)`"))
            .boxed();

        let cond_unit = {
            let literal = select! {
            Tok::Ident(s) if s == "null" => ExprKind::Null,
            Tok::Ident(s) if s == "true" => ExprKind::Bool(true),
            Tok::Ident(s) if s == "false" => ExprKind::Bool(false),
            Tok::Duration { seconds, text } => ExprKind::Duration { seconds, text: text.into() },
            Tok::Str(s) => ExprKind::String(StringLit { value: s.value.into(), style: s.style, lit: s.lit, span: Span::default() }),
            Tok::Error => ExprKind::Error,
        }
        .or(select! { Tok::Number(n) => n }.validate(|n: Text, e, emitter| number_kind(&n, e.span(), emitter)))
        .map_with(move |mut kind, e| {
            if let ExprKind::String(s) = &mut kind {
                s.span = sp(e.span());
            }
            Unit::V(Expr {
                kind,
                span: sp(e.span()),
            })
        });

            let list = just(Tok::LBracket)
                .ignore_then(
                    nl().ignore_then(value.clone().recover_with(
                        via_parser(skip_tree(&[Tok::Comma]).repeated().at_least(1).map_with(
                            move |_, e| Expr {
                                kind: ExprKind::Error,
                                span: sp(e.span()),
                            },
                        )),
                    ))
                    .separated_by(list_separator())
                    .allow_trailing()
                    .collect::<Vec<Expr>>(),
                )
                .then_ignore(nl())
                .then_ignore(just(Tok::RBracket).labelled("`,` or `]`"))
                .map(ExprKind::List)
                .recover_with(via_parser(nested_delimiters(
                    Tok::LBracket,
                    Tok::RBracket,
                    [(Tok::LBrace, Tok::RBrace), (Tok::LParen, Tok::RParen)],
                    |_| ExprKind::Error,
                )))
                .map_with(move |kind, e| {
                    Unit::V(Expr {
                        kind,
                        span: sp(e.span()),
                    })
                });

            let map_value = map.clone().map_with(move |m, e| {
                Unit::V(Expr {
                    kind: ExprKind::Map(m),
                    span: sp(e.span()),
                })
            });

            let call_expr =
                ident_sp
                    .clone()
                    .then(args.clone())
                    .map_with(move |((f, fspan), args), e| Expr {
                        kind: ExprKind::Call {
                            func: Name {
                                text: f.into(),
                                span: sp(fspan),
                                escaped: false,
                            },
                            args,
                        },
                        span: sp(e.span()),
                    });

            let lines = kw("lines")
                .ignore_then(
                    string
                        .clone()
                        .map(|s| Expr {
                            span: s.span,
                            kind: ExprKind::String(s),
                        })
                        .or(call_expr.clone())
                        .labelled("a string or `file(\"…\")` after `lines`"),
                )
                .map_with(move |inner, e| {
                    Unit::V(Expr {
                        kind: ExprKind::Lines(Box::new(inner)),
                        span: sp(e.span()),
                    })
                });

            let raw_cond = kw("raw")
                .then(just(Tok::LBrace).rewind())
                .ignore_then(map.clone())
                .map(|m| Unit::C(Cond::Raw(m)));

            // `A`, `A.B`, `ssm("/p")`, or `A.B.Method(arg)` (a method condition).
            let reference = name
                .clone()
                .separated_by(just(Tok::Dot))
                .at_least(1)
                .collect::<Vec<Name>>()
                .then(args.clone().or_not())
                .validate(move |(mut parts, args), e, emitter| {
                    let span = sp(e.span());
                    let Some(args) = args else {
                        return Unit::V(Expr {
                            kind: ExprKind::Ref(Reference { parts, span }),
                            span,
                        });
                    };
                    if parts.len() == 1 {
                        let func = parts.pop().expect("invariant: one part");
                        return Unit::V(Expr {
                            kind: ExprKind::Call { func, args },
                            span,
                        });
                    }
                    let method = parts.pop().expect("invariant: two or more parts");
                    let subject_span = parts
                        .first()
                        .map(|f| f.span)
                        .unwrap_or(span)
                        .to(parts.last().map_or(span, |l| l.span));
                    if !METHODS.contains(&method.text.as_str()) {
                        let hint = match crate::diagnostic::did_you_mean(
                            &method.text,
                            METHODS.iter().copied(),
                        ) {
                            Some(m) => format!("did you mean `{m}`?"),
                            None => format!("the condition methods are {}", METHODS.join(", ")),
                        };
                        emitter.emit(custom(
                            SimpleSpan::from(method.span.range()),
                            codes::UNKNOWN_METHOD,
                            &format!("unknown condition method `{}`", method.text),
                            "not an AWS condition operator",
                            &hint,
                        ));
                    }
                    let mut args = args.into_iter();
                    let arg = args.next().unwrap_or(Expr {
                        kind: ExprKind::Error,
                        span,
                    });
                    if args.next().is_some() {
                        emitter.emit(custom(
                            e.span(),
                            codes::UNEXPECTED_TOKEN,
                            &format!("`{}` takes one argument", method.text),
                            "more than one argument",
                            "compare with one value, e.g. `X.StartsWith(\"i-\")`",
                        ));
                    }
                    Unit::C(Cond::Method {
                        subject: Expr {
                            kind: ExprKind::Ref(Reference {
                                parts,
                                span: subject_span,
                            }),
                            span: subject_span,
                        },
                        method,
                        arg,
                        span,
                    })
                });

            // `"text".Contains("x")`: a string literal subject.
            let string_unit = string
                .clone()
                .then(
                    just(Tok::Dot)
                        .ignore_then(name.clone())
                        .then(
                            just(Tok::LParen)
                                .ignore_then(nl())
                                .ignore_then(value.clone())
                                .then_ignore(nl())
                                .then_ignore(just(Tok::RParen)),
                        )
                        .or_not(),
                )
                .map_with(move |(s, method), e| {
                    let subject = Expr {
                        span: s.span,
                        kind: ExprKind::String(s),
                    };
                    match method {
                        None => Unit::V(subject),
                        Some((method, arg)) => Unit::C(Cond::Method {
                            subject,
                            method,
                            arg,
                            span: sp(e.span()),
                        }),
                    }
                });

            let paren = just(Tok::LParen)
                .ignore_then(nl())
                .ignore_then(value.clone())
                .then_ignore(nl())
                .then_ignore(just(Tok::RParen).labelled("`)`"))
                .validate(move |inner: Expr, e, emitter| {
                    let inner = into_cond(inner, emitter);
                    Unit::C(Cond::Paren {
                        inner: Box::new(inner),
                        span: sp(e.span()),
                    })
                });

            choice((
                string_unit,
                literal,
                list,
                map_value,
                lines,
                raw_cond,
                reference,
                paren,
            ))
            .labelled(L_VALUE)
            .pipe(grow)
        };

        let cmp_op = select! {
            Tok::EqEq => CmpOp::Eq,
            Tok::Ne => CmpOp::Ne,
            Tok::Gt => CmpOp::Gt,
            Tok::Lt => CmpOp::Lt,
            Tok::Ge => CmpOp::Ge,
            Tok::Le => CmpOp::Le,
        };
        let compare = cond_unit
            .clone()
            .then(cmp_op.then_ignore(nl()).then(cond_unit.clone()).or_not())
            .map_with(move |(left, rest), e| match rest {
                None => left,
                Some((op, right)) => Unit::C(Cond::Compare {
                    left: left.into_expr(),
                    op,
                    right: right.into_expr(),
                    span: sp(e.span()),
                }),
            });
        let unary = just(Tok::Bang)
            .map_with(|_, e| e.span())
            .repeated()
            .collect::<Vec<SimpleSpan>>()
            .then(compare)
            .validate(move |(bangs, unit), _e, emitter| {
                if bangs.is_empty() {
                    return unit;
                }
                let mut cond = into_cond(unit.into_expr(), emitter);
                for b in bangs.iter().rev() {
                    let span = sp(*b).to(cond.span());
                    cond = Cond::Not {
                        inner: Box::new(cond),
                        span,
                    };
                }
                Unit::C(cond)
            });
        let logic_op = select! { Tok::AndAnd => true, Tok::OrOr => false };
        let chain = unary
            .clone()
            .then(
                logic_op
                    .then_ignore(nl())
                    .then(unary)
                    .repeated()
                    .collect::<Vec<(bool, Unit)>>(),
            )
            .validate(move |(first, rest), e, emitter| {
                if rest.is_empty() {
                    return first.into_expr();
                }
                let span = sp(e.span());
                let mixed = rest.iter().any(|(and, _)| *and) && rest.iter().any(|(and, _)| !*and);
                if mixed {
                    emitter.emit(custom(
                        e.span(),
                        codes::MIXED_AND_OR,
                        "`&&` and `||` mixed without parentheses",
                        "say which goes first",
                        "add parentheses, e.g. `(A && B) || C`",
                    ));
                }
                // `&&` binds tighter: split on `||` into groups of `&&`.
                let mut groups: Vec<Vec<Cond>> = vec![vec![into_cond(first.into_expr(), emitter)]];
                for (and, unit) in rest {
                    let c = into_cond(unit.into_expr(), emitter);
                    if and {
                        if let Some(g) = groups.last_mut() {
                            g.push(c);
                        }
                    } else {
                        groups.push(vec![c]);
                    }
                }
                let mut ors: Vec<Cond> = groups
                    .into_iter()
                    .map(|mut g| {
                        if g.len() == 1 {
                            g.pop().expect("invariant: one item")
                        } else {
                            let span = g
                                .first()
                                .map(Cond::span)
                                .unwrap_or(span)
                                .to(g.last().map_or(span, Cond::span));
                            Cond::And { items: g, span }
                        }
                    })
                    .collect();
                let cond = if ors.len() == 1 {
                    ors.pop().expect("invariant: one item")
                } else {
                    Cond::Or { items: ors, span }
                };
                Expr {
                    kind: ExprKind::Cond(Box::new(cond)),
                    span,
                }
            });
        map_out = Some(map.clone());
        args_out = Some(args.clone());
        chain.labelled(L_VALUE)
    });
    let map = map_out.expect("invariant: set by the recursive definition");
    let args = args_out.expect("invariant: set by the recursive definition");
    let value = value.boxed();

    let cond = value
        .clone()
        .validate(|v, _e, emitter| into_cond(v, emitter))
        .labelled("a condition")
        .boxed();

    // ---- clauses ----
    let flow = choice((
        kw("abort").map(move |s| FlowTarget::Abort(sp(s))),
        kw("continue").map(move |s| FlowTarget::Continue(sp(s))),
        kw("goto").ignore_then(name.clone()).map(FlowTarget::Goto),
        string.clone().map(FlowTarget::Literal),
    ))
    .labelled("`abort`, `continue`, `goto <step>` or a string")
    .boxed();

    let output_decl = doc
        .clone()
        .then(name.clone())
        .then(just(Tok::Colon).ignore_then(ty.clone()).or_not())
        .then_ignore(just(Tok::Eq).labelled("`=` and a selector after the output name"))
        .then(value.clone())
        .map_with(move |(((docs, name), ty), selector), e| OutputDecl {
            docs,
            name,
            ty,
            selector,
            span: sp(e.span()),
        })
        .boxed();

    // `end` takes a value only on its own line, and only a literal bool or string.
    let end_value = select! {
        Tok::Ident(s) if s == "true" => ExprKind::Bool(true),
        Tok::Ident(s) if s == "false" => ExprKind::Bool(false),
        Tok::Str(s) => ExprKind::String(StringLit { value: s.value.into(), style: s.style, lit: s.lit, span: Span::default() }),
    }
    .map_with(move |mut kind, e| {
        if let ExprKind::String(s) = &mut kind {
            s.span = sp(e.span());
        }
        Expr {
            kind,
            span: sp(e.span()),
        }
    });

    // Tried at the start of every line after a step: see `starts_with_kw`.
    let clause = starts_with_kw(CLAUSE_KWS)
        .ignore_then(choice((
            kw("goto")
                .ignore_then(name.clone())
                .map_with(move |target, e| Clause::Goto {
                    target,
                    span: sp(e.span()),
                }),
            kw("end")
                .ignore_then(end_value.or_not())
                .map_with(move |value, e| Clause::End {
                    value,
                    span: sp(e.span()),
                }),
            kw("on_failure")
                .ignore_then(flow.clone())
                .map_with(move |target, e| Clause::OnFailure {
                    target,
                    span: sp(e.span()),
                }),
            kw("on_cancel")
                .ignore_then(flow.clone())
                .map_with(move |target, e| Clause::OnCancel {
                    target,
                    span: sp(e.span()),
                }),
            kw("timeout")
                .ignore_then(value.clone())
                .map_with(move |value, e| Clause::Timeout {
                    value,
                    span: sp(e.span()),
                }),
            kw("attempts")
                .ignore_then(value.clone())
                .map_with(move |value, e| Clause::Attempts {
                    value,
                    span: sp(e.span()),
                }),
            kw("critical")
                .ignore_then(value.clone())
                .map_with(move |value, e| Clause::Critical {
                    value,
                    span: sp(e.span()),
                }),
            kw("outputs")
                .ignore_then(
                    just(Tok::LBrace)
                        .ignore_then(
                            nl().ignore_then(output_decl)
                                .separated_by(list_separator())
                                .allow_trailing()
                                .collect::<Vec<_>>(),
                        )
                        .then_ignore(nl())
                        .then_ignore(just(Tok::RBrace).labelled("`,` or `}`")),
                )
                .map_with(move |outputs, e| Clause::Outputs {
                    outputs,
                    span: sp(e.span()),
                }),
            kw("description")
                .ignore_then(string.clone())
                .map_with(move |text, e| Clause::Description {
                    text,
                    span: sp(e.span()),
                }),
            kw("raw").ignore_then(map.clone()).map(Clause::Raw),
        )))
        .labelled(L_CLAUSE)
        .boxed();

    // Clauses: separated by commas or line breaks; the first token that cannot start one ends the list.
    let clauses = just(Tok::Comma)
        .or(just(Tok::Newline))
        .repeated()
        .ignore_then(clause.clone())
        .repeated()
        .collect::<Vec<Clause>>()
        .boxed();

    // ---- statements ----
    // A statement must end at a line break (or the block's `}`); junk before it is reported.
    let stmt_end = choice((
        just(Tok::Newline).ignored(),
        just(Tok::RBrace).rewind().ignored(),
        end(),
    ))
    .labelled("a line break")
    .recover_with(via_parser(skip_statement().ignored()))
    .boxed();

    // `recursive`, not `declare`/`define`: see `value` above.
    let stmt = recursive(|stmt| {
        let block = just(Tok::LBrace)
            .ignore_then(nl())
            .ignore_then(
                stmt.clone()
                    .map(Ok)
                    .or(dangling_doc.clone().map(Err))
                    .recover_with(via_parser(skip_statement().map(Err)))
                    .then_ignore(stmt_end.clone())
                    .then_ignore(nl())
                    .repeated()
                    .collect::<Vec<Result<Step, SimpleSpan>>>(),
            )
            .then_ignore(just(Tok::RBrace).labelled(L_STATEMENT))
            .map_with(move |items, e| {
                let mut steps = Vec::new();
                let mut errors = Vec::new();
                for it in items {
                    match it {
                        Ok(s) => steps.push(s),
                        Err(s) => errors.push(sp(s)),
                    }
                }
                Block {
                    steps,
                    errors,
                    span: sp(e.span()),
                }
            })
            .boxed();

        let goto_arm = just(Tok::LBrace)
            .ignore_then(nl())
            .ignore_then(kw("goto"))
            .ignore_then(name.clone())
            .then_ignore(nl())
            .then_ignore(just(Tok::RBrace))
            .map_with(move |target, e| IfArm::Goto {
                target,
                span: sp(e.span()),
            });
        let arm = goto_arm.or(block.clone().map(IfArm::Block)).pipe(grow);

        let else_kw = nl().ignore_then(kw("else")).boxed();

        let if_body = kw("if")
            .ignore_then(cond.clone())
            .then(arm.clone())
            .then(
                else_kw
                    .clone()
                    .ignore_then(kw("if"))
                    .ignore_then(cond.clone())
                    .then(arm.clone())
                    .repeated()
                    .collect::<Vec<(Cond, IfArm)>>(),
            )
            .then(
                else_kw
                    .clone()
                    .ignore_then(
                        kw("end")
                            .map(move |s| ElseArm::End(sp(s)))
                            .or(arm.clone().map(ElseArm::Arm))
                            .labelled("a block, `{ goto <step> }` or `end` after `else`"),
                    )
                    .or_not(),
            )
            .map_with(move |(((condition, then_block), else_ifs), else_arm), e| {
                StepBody::If(IfStep {
                    condition,
                    then_block,
                    else_ifs,
                    else_arm,
                    span: sp(e.span()),
                })
            })
            .boxed();

        let guard_body = kw("guard")
            .ignore_then(cond.clone())
            .then_ignore(kw("else").labelled("`else` after the guard's condition"))
            .then(
                kw("end")
                    .map(move |s| GuardElse::End(sp(s)))
                    .or(kw("goto").ignore_then(name.clone()).map(GuardElse::Goto))
                    .labelled("`end` or `goto <step>` after `else`"),
            )
            .map_with(move |(condition, otherwise), e| {
                StepBody::Guard(GuardStep {
                    condition,
                    otherwise,
                    span: sp(e.span()),
                })
            })
            .boxed();

        let arm_sep = just(Tok::Comma).or(just(Tok::Newline)).repeated();
        let else_target = kw("else")
            .ignore_then(just(Tok::Arrow).labelled("`->` after `else`"))
            .ignore_then(name.clone())
            .boxed();

        let match_body = kw("match")
            .ignore_then(value.clone())
            .then_ignore(just(Tok::LBrace))
            .then_ignore(arm_sep.clone())
            .then(
                // `else -> X` is the default, never an arm whose value is `else`.
                kw("else")
                    .not()
                    .ignore_then(value.clone())
                    .then_ignore(just(Tok::Arrow).labelled("`->` after the value"))
                    .then(name.clone())
                    .then_ignore(arm_sep.clone())
                    .repeated()
                    .collect::<Vec<(Expr, Name)>>(),
            )
            .then(else_target.clone().then_ignore(arm_sep.clone()).or_not())
            .then_ignore(just(Tok::RBrace))
            .map_with(move |((subject, arms), default), e| {
                StepBody::Match(MatchStep {
                    subject,
                    arms,
                    default,
                    span: sp(e.span()),
                })
            })
            .boxed();

        let choice_p = kw("when")
            .ignore_then(cond.clone())
            .then_ignore(just(Tok::Arrow).labelled("`->` and a step name after the condition"))
            .then(name.clone())
            .then(kw("raw").ignore_then(map.clone()).or_not())
            .map_with(move |((condition, target), raw), e| BranchChoice {
                condition,
                target,
                raw,
                span: sp(e.span()),
            })
            .boxed();
        let branch_body = kw("branch")
            .ignore_then(just(Tok::LBrace))
            .ignore_then(arm_sep.clone())
            .ignore_then(
                choice_p
                    .then_ignore(arm_sep.clone())
                    .repeated()
                    .collect::<Vec<BranchChoice>>(),
            )
            .then(else_target.then_ignore(arm_sep.clone()).or_not())
            .then_ignore(just(Tok::RBrace).labelled("`when`, `else` or `}`"))
            .map_with(move |(choices, default), e| {
                StepBody::Branch(BranchStep {
                    choices,
                    default,
                    span: sp(e.span()),
                })
            })
            .boxed();

        let operand = string
            .clone()
            .map(|s| Expr {
                span: s.span,
                kind: ExprKind::String(s),
            })
            .or(name
                .clone()
                .separated_by(just(Tok::Dot))
                .at_least(1)
                .collect::<Vec<Name>>()
                .map_with(move |parts, e| Expr {
                    kind: ExprKind::Ref(Reference {
                        parts,
                        span: sp(e.span()),
                    }),
                    span: sp(e.span()),
                }))
            .labelled("a string or a reference")
            .boxed();
        let precondition = kw("when")
            .ignore_then(choice((
                kw("platform")
                    .ignore_then(name.clone())
                    .map_with(move |platform, e| Precondition::Platform {
                        platform,
                        span: sp(e.span()),
                    }),
                kw("raw").ignore_then(map.clone()).map(Precondition::Raw),
                operand
                    .clone()
                    .then_ignore(just(Tok::EqEq).labelled("`==`"))
                    .then(operand)
                    .map_with(move |(left, right), e| Precondition::Equals {
                        left,
                        right,
                        span: sp(e.span()),
                    }),
            )))
            .boxed();

        let action_body = action_name
            .clone()
            .then(precondition.or_not())
            .then(map.clone().labelled("the step's inputs `{ … }`").or_not())
            .then(kw("do").ignore_then(block.clone()).or_not())
            .map(|(((action, precondition), inputs), loop_body)| {
                StepBody::Action(ActionStep {
                    action,
                    precondition,
                    inputs,
                    loop_body,
                })
            })
            .boxed();

        // A word that is neither a step-body keyword nor the start of `prefix:action`:
        // reported once, and the rest of the statement is skipped.
        let unknown_body = ident_sp
        .clone()
        .filter(|(w, _): &(Text, SimpleSpan)| !STEP_BODY_KWS.contains(&w.as_str()))
        .then_ignore(just(Tok::Colon).not())
        .then_ignore(skip_tree(&[Tok::Newline]).repeated())
        .validate(move |(word, wspan), _e, emitter| {
            let err = match crate::diagnostic::did_you_mean(&word, STEP_BODY_KWS.iter().copied()) {
                Some(k) => custom(
                    wspan,
                    codes::UNKNOWN_KEYWORD,
                    &format!("unknown keyword `{word}`: did you mean `{k}`?"),
                    "not a keyword here",
                    "after `step Name =` comes an action name like `aws:runCommand`, or `branch`, `if`, `guard` or `match`",
                ),
                None => custom(
                    wspan,
                    codes::UNEXPECTED_TOKEN,
                    &format!("expected an action name like `aws:runCommand`, found `{word}`"),
                    "not an action name",
                    "an action name is a prefix and a name joined by `:`; `branch`, `if`, `guard` and `match` also start a step body",
                ),
            };
            emitter.emit(err);
            StepBody::Error(sp(wspan))
        });

        // The keyword bodies are tried only at their keyword (see `starts_with_kw`);
        // an action name goes straight on to `action_body`.
        let step_body = choice((
            starts_with_kw(STEP_BODY_KWS).ignore_then(choice((
                branch_body,
                if_body.clone(),
                guard_body.clone(),
                match_body.clone(),
            ))),
            action_body,
            unknown_body,
        ))
        .labelled(L_STEP_BODY)
        .boxed();

        let named_step = kw("step")
            .ignore_then(name.clone().labelled("a step name"))
            .then_ignore(just(Tok::Eq).labelled("`=` after the step name"))
            .then(step_body)
            .map(|(n, b)| (Some(n), b));
        let unnamed = choice((if_body, guard_body, match_body)).map(|b| (None, b));

        doc.clone()
            .then(
                starts_with_kw(STATEMENT_KWS)
                    .ignore_then(named_step.or(unnamed))
                    .labelled(L_STATEMENT),
            )
            .then(clauses)
            .map_with(move |((docs, (name, body)), clauses), e| Step {
                docs,
                name,
                body,
                clauses,
                span: sp(e.span()),
            })
    });

    // ---- document items ----
    let param = kw("param")
        .ignore_then(name.clone().labelled("a parameter name"))
        .then_ignore(just(Tok::Colon).labelled("`:` and a type after the parameter name"))
        .then(ty.clone())
        .then(kw("secret").or_not())
        .then(just(Tok::Eq).ignore_then(value.clone()).or_not())
        .then(map.clone().or_not())
        .boxed();
    let var = kw("var")
        .ignore_then(name.clone().labelled("a variable name"))
        .then_ignore(just(Tok::Colon).labelled("`:` and a type after the variable name"))
        .then(ty.clone())
        .then(just(Tok::Eq).ignore_then(value.clone()).or_not())
        .then(map.clone().or_not())
        .boxed();

    let defaults = kw("defaults")
        .ignore_then(just(Tok::LBrace))
        .ignore_then(
            just(Tok::Comma)
                .or(just(Tok::Newline))
                .repeated()
                .ignore_then(clause)
                .repeated()
                .collect::<Vec<Clause>>(),
        )
        .then_ignore(just(Tok::Comma).or(just(Tok::Newline)).repeated())
        .then_ignore(just(Tok::RBrace).labelled("a clause or `}`"))
        .map_with(move |clauses, e| {
            DocItem::Defaults(Defaults {
                clauses,
                span: sp(e.span()),
            })
        });

    let outputs_list = kw("outputs")
        .ignore_then(
            just(Tok::LBracket)
                .ignore_then(
                    nl().ignore_then(value.clone())
                        .separated_by(list_separator())
                        .allow_trailing()
                        .collect::<Vec<Expr>>(),
                )
                .then_ignore(nl())
                .then_ignore(just(Tok::RBracket).labelled("`,` or `]`")),
        )
        .map_with(move |entries, e| {
            DocItem::Outputs(OutputsList {
                entries,
                span: sp(e.span()),
            })
        });

    // The keyword items below are tried only at their keyword or at a doc comment
    // (which `doc` reads first): see `starts_with_kw`. A statement goes straight on
    // to `stmt` with one failure at its first token instead of twelve.
    let doc_item = any()
        .filter(|t: &Tok| {
            matches!(t, Tok::DocComment(_))
                || matches!(t, Tok::Ident(w) if DOC_KEYWORD_ITEMS.contains(&w.as_str()))
        })
        .rewind()
        .ignore_then(doc.clone())
        .then(choice((
            kw("schema")
                .ignore_then(string.clone())
                .map(DocItem::Schema),
            kw("assume_role")
                .ignore_then(value.clone())
                .map(DocItem::AssumeRole),
            kw("description")
                .ignore_then(string.clone())
                .map(DocItem::Description),
            defaults,
            kw("raw").ignore_then(map.clone()).map(DocItem::Raw),
            kw("files").ignore_then(map.clone()).map(DocItem::Files),
            kw("tags").ignore_then(map.clone()).map(DocItem::Tags),
            kw("attachment")
                .ignore_then(string.clone())
                .then_ignore(just(Tok::Eq).labelled("`=` after the attachment name"))
                .then(value.clone())
                .map_with(move |(name, value), e| {
                    DocItem::Attachment(Attachment {
                        name,
                        value,
                        span: sp(e.span()),
                    })
                }),
            outputs_list,
            kw("plugin")
                .ignore_then(action_name.clone())
                .then(map.clone())
                .map_with(move |(action, body), e| (action, body, e.span()))
                .map(|(action, body, s)| (action, body, s))
                .map(move |(action, body, s)| {
                    DocItem::Plugin(Plugin {
                        docs: None,
                        action,
                        body,
                        span: sp(s),
                    })
                }),
            param.map_with(move |((((name, ty), secret), default), attrs), e| {
                DocItem::Param(Param {
                    docs: None,
                    name,
                    ty,
                    secret: secret.map(sp),
                    default,
                    attrs,
                    span: sp(e.span()),
                })
            }),
            var.map_with(move |(((name, ty), default), attrs), e| {
                DocItem::Var(Var {
                    docs: None,
                    name,
                    ty,
                    default,
                    attrs,
                    span: sp(e.span()),
                })
            }),
        )))
        .map(|(docs, item)| attach_docs(item, docs))
        .or(stmt.clone().map(DocItem::Step))
        .or(dangling_doc.clone().map(move |s| DocItem::Error(sp(s))))
        .labelled(L_DOC_ITEM)
        .boxed();

    let doc_body = just(Tok::LBrace)
        .ignore_then(nl())
        .ignore_then(
            doc_item
                .recover_with(via_parser(
                    skip_statement().map(move |s| DocItem::Error(sp(s))),
                ))
                .then_ignore(stmt_end.clone())
                .then_ignore(nl())
                .repeated()
                .collect::<Vec<DocItem>>(),
        )
        .then_ignore(just(Tok::RBrace).labelled(L_DOC_ITEM))
        .boxed();

    let attribute = just(Tok::At)
        .ignore_then(name.clone().labelled("an attribute name"))
        .then(args.clone().or_not())
        .map_with(move |(name, args), e| Attribute {
            name,
            args: args.unwrap_or_default(),
            span: sp(e.span()),
        })
        .then_ignore(nl())
        .repeated()
        .collect::<Vec<Attribute>>()
        .boxed();

    let doc_name = name
        .clone()
        .or(string.clone().map(|s| Name {
            text: s.value,
            span: s.span,
            escaped: false,
        }))
        .labelled("a document name");

    let document = choice((
        kw("automation").map(|s| (DocKind::Automation, s)),
        kw("command").map(|s| (DocKind::Command, s)),
    ))
    .then(doc_name)
    .then(doc_body)
    .map_with(move |(((kind, kind_span), name), items), e| Document {
        docs: None,
        attrs: Vec::new(),
        kind,
        kind_span: sp(kind_span),
        name,
        items,
        span: sp(e.span()),
    });

    let kind_word = choice((
        kw("automation").map(|s| (DocKind::Automation, s)),
        kw("command").map(|s| (DocKind::Command, s)),
    ))
    .map(move |(k, s)| (k, sp(s)))
    .labelled("`automation` or `command`");

    let member = doc
        .clone()
        .then(choice((
            kw("input")
                .then(just(Tok::DotDot))
                .map_with(move |_, e| ActionMember::AnyInput(sp(e.span()))),
            kw("input")
                .ignore_then(name.clone().labelled("an input name"))
                .then_ignore(just(Tok::Colon).labelled("`:` and a type after the input name"))
                .then(ty.clone())
                .then(kw("required").or_not())
                .then(map.clone().or_not())
                .map_with(move |(((name, ty), required), attrs), e| {
                    ActionMember::Input(InputDecl {
                        docs: None,
                        name,
                        ty,
                        required: required.map(sp),
                        attrs,
                        span: sp(e.span()),
                    })
                }),
            kw("output")
                .ignore_then(name.clone().labelled("an output name"))
                .then_ignore(just(Tok::Colon).labelled("`:` and a type after the output name"))
                .then(ty.clone())
                .map_with(move |(name, ty), e| {
                    ActionMember::Output(OutputSig {
                        docs: None,
                        name,
                        ty,
                        span: sp(e.span()),
                    })
                }),
        )))
        .map(|(docs, m)| match m {
            ActionMember::Input(mut i) => {
                i.docs = docs;
                ActionMember::Input(i)
            }
            ActionMember::Output(mut o) => {
                o.docs = docs;
                ActionMember::Output(o)
            }
            other => other,
        })
        .labelled(L_MEMBER)
        .boxed();

    let action_decl = kw("extern")
        .or_not()
        .then_ignore(kw("action"))
        .then(action_name.clone().map(|a| StringLit {
            value: a.text,
            style: StringStyle::Quoted,
            lit: false,
            span: a.span,
        }))
        // `for …` may be omitted: the declaration is then for automations.
        .then(
            kw("for")
                .ignore_then(
                    kind_word
                        .separated_by(just(Tok::Comma))
                        .at_least(1)
                        .collect::<Vec<_>>(),
                )
                .or_not()
                .map(Option::unwrap_or_default),
        )
        .then(
            just(Tok::LBrace)
                .ignore_then(nl())
                .ignore_then(
                    member
                        .recover_with(via_parser(
                            skip_statement().map(move |s| ActionMember::Error(sp(s))),
                        ))
                        .then_ignore(stmt_end.clone())
                        .then_ignore(nl())
                        .repeated()
                        .collect::<Vec<ActionMember>>(),
                )
                .then_ignore(just(Tok::RBrace).labelled(L_MEMBER)),
        )
        .map_with(move |(((ext, name), kinds), members), e| ActionDecl {
            docs: None,
            attrs: Vec::new(),
            is_extern: ext.is_some(),
            name,
            kinds,
            members,
            span: sp(e.span()),
        });

    let top_item = doc
        .then(attribute)
        .then(
            document
                .map(Item::Document)
                .or(action_decl.map(Item::Action)),
        )
        .map(|((docs, attrs), item)| match item {
            Item::Document(mut d) => {
                d.docs = docs;
                d.attrs = attrs;
                Item::Document(d)
            }
            Item::Action(mut a) => {
                a.docs = docs;
                a.attrs = attrs;
                Item::Action(a)
            }
            other => other,
        })
        .labelled(L_TOP)
        .or(dangling_doc.map(move |s| Item::Error(sp(s))))
        .boxed();

    nl().ignore_then(
        top_item
            .recover_with(via_parser(
                skip_tree(&[Tok::Newline])
                    .repeated()
                    .at_least(1)
                    .map_with(move |_, e| Item::Error(sp(e.span()))),
            ))
            .then_ignore(stmt_end)
            .then_ignore(nl())
            .repeated()
            .collect::<Vec<Item>>(),
    )
    .then_ignore(end())
    .map(|items| SourceFileAst {
        items,
        comments: Vec::new(),
    })
    .boxed()
}

/// Entries of value brackets: `,` (with newlines around it) — or only a line break,
/// which is reported (a missing comma) and then read as if the comma were there.
fn list_separator<'t, E: GrammarError<'t>>() -> P<'t, (), E> {
    nl().then(just(Tok::Comma))
        .ignored()
        .or(just(Tok::Newline)
            .map_with(|_, e| e.span())
            .then_ignore(just(Tok::Newline).repeated())
            .then_ignore(
                any()
                    .filter(|t: &Tok| !t.is_closer() && *t != Tok::Comma)
                    .rewind(),
            )
            .validate(|s: SimpleSpan, _e, emitter| {
                emitter.emit(custom(
                    SimpleSpan::from(s.start..s.start),
                    codes::UNEXPECTED_TOKEN,
                    "expected `,` between entries",
                    "add `,` here",
                    "entries of a map or list are separated by commas (a trailing comma is fine)",
                ));
            }))
        .boxed()
}

fn attach_docs(item: DocItem, docs: Option<DocComment>) -> DocItem {
    match item {
        DocItem::Param(mut p) => {
            p.docs = docs;
            DocItem::Param(p)
        }
        DocItem::Var(mut v) => {
            v.docs = docs;
            DocItem::Var(v)
        }
        DocItem::Plugin(mut p) => {
            p.docs = docs;
            DocItem::Plugin(p)
        }
        other => other,
    }
}

/// A value or a condition, before we know which one the position needs.
#[derive(Debug, Clone)]
enum Unit {
    V(Expr),
    C(Cond),
}

impl Unit {
    fn into_expr(self) -> Expr {
        match self {
            Unit::V(e) => e,
            Unit::C(c) => Expr {
                span: c.span(),
                kind: ExprKind::Cond(Box::new(c)),
            },
        }
    }
}

/// A value where a condition is required is an error (unless already an error).
fn into_cond<'t, E: GrammarError<'t>>(e: Expr, emitter: &mut chumsky::input::Emitter<E>) -> Cond {
    match e.kind {
        ExprKind::Cond(c) => *c,
        ExprKind::Error => Cond::Error(e.span),
        _ => {
            emitter.emit(custom(
                SimpleSpan::from(e.span.range()),
                codes::EXPECTED_CONDITION,
                "expected a condition",
                "this is a value, not a condition",
                "compare it with something, e.g. `X == \"value\"`, or use a method such as `X.StartsWith(\"i-\")`",
            ));
            Cond::Error(e.span)
        }
    }
}

/// `60` → Int, `60.0`/`1e3` → Float; an integer too big for i64 → Float with its text.
fn number_kind<'t, E: GrammarError<'t>>(
    n: &str,
    span: SimpleSpan,
    emitter: &mut chumsky::input::Emitter<E>,
) -> ExprKind {
    let is_int = !n.contains(['.', 'e', 'E']);
    if is_int {
        if let Ok(i) = n.parse::<i64>() {
            return ExprKind::Int(i);
        }
    }
    match n.parse::<f64>() {
        Ok(value) if value.is_finite() => ExprKind::Float {
            value,
            text: n.to_string(),
        },
        _ => {
            emitter.emit(custom(
                span,
                codes::BAD_NUMBER,
                &format!("number `{n}` is out of range"),
                "too large",
                "write a smaller number, or a string",
            ));
            ExprKind::Error
        }
    }
}
