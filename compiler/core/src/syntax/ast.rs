//! The untyped syntax tree of a `.rbk` file, with a byte span on every node.
//!
//! Input: tokens from the lexer. Output: this tree plus syntax diagnostics.
//! Invariant: the tree keeps enough to print the source back in canonical form
//! (the formatter) and to lower it exactly (principle 2: values keep their JSON
//! type, strings keep their style). Comments are not in the tree: they are
//! trivia in [`SourceFileAst::comments`], placed back by position.
//! Where the parser recovered from an error it inserts an `Error` node and the
//! later phases skip it silently (the error was already reported).

use crate::span::Span;

/// A name as written (`Restart`, `` `end` ``); `text` is without backticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
    /// Written in backticks (needed when the name is a keyword or starts with a digit).
    pub escaped: bool,
}

/// A `//` or `////` comment (not a doc comment). `text` includes the slashes.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// A run of `///` lines. `text` is each line minus `///` and one leading
/// space, joined with `\n` (a lone `///` is an empty line).
#[derive(Debug, Clone, PartialEq)]
pub struct DocComment {
    pub text: String,
    pub span: Span,
}

/// One parsed `.rbk` file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceFileAst {
    pub items: Vec<Item>,
    /// Every `//` comment in source order (trivia for the formatter).
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Document(Document),
    Action(ActionDecl),
    /// Unparseable text at the top level; already reported.
    Error(Span),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// `command`: schemaVersion 2.2 by default (1.2 and 2.0 with `schema`).
    Command,
    /// `automation`: schemaVersion 0.3.
    Automation,
}

/// `@explicit_next` and other `@name` or `@name(args)` attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: Name,
    pub args: Vec<Expr>,
    pub span: Span,
}

/// `automation Name { … }` or `command Name { … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub docs: Option<DocComment>,
    pub attrs: Vec<Attribute>,
    pub kind: DocKind,
    pub kind_span: Span,
    /// An identifier or a string (`"AWS-RestartEC2Instance"`); the value is the name.
    pub name: Name,
    pub items: Vec<DocItem>,
    /// The whole document, keyword to closing brace.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "items are built once per file; boxing would complicate every match"
)]
pub enum DocItem {
    /// `schema "0.3"`.
    Schema(StringLit),
    /// `assume_role <expr>`.
    AssumeRole(Expr),
    /// `description "…"` (when `///` cannot say it exactly).
    Description(StringLit),
    /// `defaults { clause … }`.
    Defaults(Defaults),
    /// `raw { key: value, … }` merged verbatim into the document object.
    Raw(MapLit),
    Param(Param),
    Var(Var),
    /// `files { "x.zip": { … } }` verbatim.
    Files(MapLit),
    /// `tags { K: "V" }`: deployment metadata, never emitted into the document.
    Tags(MapLit),
    /// `attachment "x.zip" = file("dist/x.zip")`.
    Attachment(Attachment),
    /// `outputs [Step.Out, …]`.
    Outputs(OutputsList),
    /// A step or a structured statement (if/guard/match).
    Step(Step),
    /// A schema 1.2 `plugin aws:x { … }` (an entry of `runtimeConfig`).
    Plugin(Plugin),
    /// Unparseable text inside a document; already reported.
    Error(Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Defaults {
    pub clauses: Vec<Clause>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutputsList {
    /// Each entry is normally a `Step.Output` reference; a string is emitted verbatim.
    pub entries: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub name: StringLit,
    pub value: Expr,
    pub span: Span,
}

/// A type as written: `String`, `AWS::EC2::Instance::Id`, `List<AWS::IAM::Role::Arn>`,
/// or a string literal for a type the checker does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// The type's text exactly as it is emitted (`List<AWS::S3::Bucket::Name>`).
    pub text: String,
    /// Written as a string literal.
    pub quoted: bool,
    pub span: Span,
}

/// `param Name: Type [secret] [= default] [{ attrs }]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub docs: Option<DocComment>,
    pub name: Name,
    pub ty: TypeExpr,
    /// `secret`: a Secret parameter (emitted as its type; the checker tracks the flow).
    pub secret: Option<Span>,
    pub default: Option<Expr>,
    /// AWS attribute names verbatim (`allowedValues`, `description`, `raw`, …) in source order.
    pub attrs: Option<MapLit>,
    pub span: Span,
}

/// `var Name: Type [= default] [{ attrs }]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Var {
    pub docs: Option<DocComment>,
    pub name: Name,
    pub ty: TypeExpr,
    pub default: Option<Expr>,
    pub attrs: Option<MapLit>,
    pub span: Span,
}

/// `plugin aws:runPowerShellScript { properties: [...] }` (schema 1.2).
#[derive(Debug, Clone, PartialEq)]
pub struct Plugin {
    pub docs: Option<DocComment>,
    pub action: ActionName,
    pub body: MapLit,
    pub span: Span,
}

/// `aws:runCommand` as written after `=` (or a string for an odd name).
#[derive(Debug, Clone, PartialEq)]
pub struct ActionName {
    pub text: String,
    pub span: Span,
}

/// A statement inside a document or a block: a step, or structured flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub docs: Option<DocComment>,
    /// `step Name = …`; `None` for an unnamed `if`/`guard`/`match` statement,
    /// whose branch step gets a deterministic name when lowered.
    pub name: Option<Name>,
    pub body: StepBody,
    /// Clauses after the body, in source order.
    pub clauses: Vec<Clause>,
    /// From `step` (or the doc comment) to the last clause.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StepBody {
    /// `aws:x [when <precondition>] { inputs }`, with `do { … }` for `aws:loop`.
    Action(ActionStep),
    /// `branch { when C -> X … else -> Y }`.
    Branch(BranchStep),
    /// `if C { … } else if C2 { … } else { … }`.
    If(IfStep),
    /// `guard C else end` / `guard C else goto X`.
    Guard(GuardStep),
    /// `match V { "a" -> X, else -> Z }`.
    Match(MatchStep),
    /// Unparseable step body; already reported.
    Error(Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionStep {
    pub action: ActionName,
    /// Command documents: `when platform linux` or `when A == B`.
    pub precondition: Option<Precondition>,
    /// The inputs map: `None` when the step has no `inputs` key at all (AWS's
    /// own documents have such steps), `Some` of an empty map for `{}`.
    pub inputs: Option<MapLit>,
    /// `do { steps }`: the body of an `aws:loop` (its `Steps` input).
    pub loop_body: Option<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Precondition {
    /// `when platform linux|windows|macos` (the platform word as written).
    Platform { platform: Name, span: Span },
    /// `when A == B` → `StringEquals: [A, B]`.
    Equals { left: Expr, right: Expr, span: Span },
    /// `when raw { … }`: the precondition object verbatim.
    Raw(MapLit),
}

/// A `{ … }` block of statements (an `if` arm or a loop body).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub steps: Vec<Step>,
    /// Unparseable statements inside the block, already reported.
    pub errors: Vec<Span>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BranchStep {
    pub choices: Vec<BranchChoice>,
    /// `else -> X`: the branch's `Default`.
    pub default: Option<Name>,
    pub span: Span,
}

/// `when <cond> -> Target [raw { … }]`.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchChoice {
    pub condition: Cond,
    pub target: Name,
    /// Extra keys merged into this choice object.
    pub raw: Option<MapLit>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IfStep {
    pub condition: Cond,
    pub then_block: IfArm,
    /// `else if` arms in order.
    pub else_ifs: Vec<(Cond, IfArm)>,
    pub else_arm: Option<ElseArm>,
    pub span: Span,
}

/// The body of an `if` arm: a block of steps, or `{ goto X }` (no step).
#[derive(Debug, Clone, PartialEq)]
pub enum IfArm {
    Block(Block),
    Goto { target: Name, span: Span },
}

#[derive(Debug, Clone, PartialEq)]
pub enum ElseArm {
    /// `else { … }` or `else { goto X }`.
    Arm(IfArm),
    /// `else end`: no Default, `isEnd: true` on the branch.
    End(Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct GuardStep {
    pub condition: Cond,
    pub otherwise: GuardElse,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GuardElse {
    End(Span),
    Goto(Name),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatchStep {
    pub subject: Expr,
    /// `"a" -> X` arms, each a literal and a target.
    pub arms: Vec<(Expr, Name)>,
    pub default: Option<Name>,
    pub span: Span,
}

/// Where a failure or cancel goes.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowTarget {
    Abort(Span),
    Continue(Span),
    Goto(Name),
    /// A string literal emitted verbatim (with a warning).
    Literal(StringLit),
}

/// A step clause, one per AWS step property.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `goto X` → `nextStep`.
    Goto { target: Name, span: Span },
    /// `end` → `isEnd: true`; `end false`, `end "true"` → that value.
    End { value: Option<Expr>, span: Span },
    /// `on_failure abort|continue|goto X|"…"` → `onFailure`.
    OnFailure { target: FlowTarget, span: Span },
    /// `on_cancel abort|goto X|"…"` → `onCancel`.
    OnCancel { target: FlowTarget, span: Span },
    /// `timeout 10m|600|"600"` → `timeoutSeconds`.
    Timeout { value: Expr, span: Span },
    /// `attempts 3` → `maxAttempts`.
    Attempts { value: Expr, span: Span },
    /// `critical true|false|"false"` → `isCritical`.
    Critical { value: Expr, span: Span },
    /// `outputs { N: Type = "$.sel", … }` → `outputs`.
    Outputs {
        outputs: Vec<OutputDecl>,
        span: Span,
    },
    /// `description "…"` → `description`.
    Description { text: StringLit, span: Span },
    /// `raw { … }` → any other key.
    Raw(MapLit),
}

impl Clause {
    pub fn span(&self) -> Span {
        match self {
            Clause::Goto { span, .. }
            | Clause::End { span, .. }
            | Clause::OnFailure { span, .. }
            | Clause::OnCancel { span, .. }
            | Clause::Timeout { span, .. }
            | Clause::Attempts { span, .. }
            | Clause::Critical { span, .. }
            | Clause::Outputs { span, .. }
            | Clause::Description { span, .. } => *span,
            Clause::Raw(map) => map.span,
        }
    }
}

/// `Name: Type = "$.selector"` or `Name = "$.selector"` (no `Type` key).
#[derive(Debug, Clone, PartialEq)]
pub struct OutputDecl {
    pub docs: Option<DocComment>,
    pub name: Name,
    pub ty: Option<TypeExpr>,
    pub selector: Expr,
    pub span: Span,
}

/// `{ key: value, … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLit {
    pub entries: Vec<MapEntry>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapEntry {
    pub key: Key,
    pub value: Expr,
    pub span: Span,
}

/// A map key: an identifier or a string literal (`"odd key"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub quoted: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    /// An integer literal, kept as written (`600`, `-1`).
    Int(i64),
    /// A float literal; `text` is the source spelling (`60.0`), kept so it stays a float.
    Float {
        value: f64,
        text: String,
    },
    /// A duration (`90s`, `1h30m`) in whole seconds.
    Duration {
        seconds: u64,
        text: String,
    },
    String(StringLit),
    List(Vec<Expr>),
    Map(MapLit),
    /// A bare reference in value position: `P`, `Step.Out`, `var.X`, `global.REGION`.
    Ref(Reference),
    /// `ssm("/p")`, `ssm_secure("/p")`, `file("x.sh")`.
    Call {
        func: Name,
        args: Vec<Expr>,
    },
    /// `lines """…"""` or `lines file("x")`: a StringList of the text's lines.
    Lines(Box<Expr>),
    /// A condition in value position (`LoopCondition: X == "y"`).
    Cond(Box<Cond>),
    /// Unparseable value; already reported.
    Error,
}

/// A bare reference; `parts` are the dotted segments as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub parts: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringStyle {
    /// `"…"` with JSON escapes.
    Quoted,
    /// `#"…"#` (the number of `#`s): no escapes.
    Raw(u8),
    /// `"""` block (raw, indentation removed).
    Block,
    /// `#"""` … `"""#` block (the number of `#`s).
    RawBlock(u8),
}

/// A string literal: its decoded value and how it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct StringLit {
    pub value: String,
    pub style: StringStyle,
    /// Prefixed with `lit`: `{{ … }}` inside is not a reference.
    pub lit: bool,
    pub span: Span,
}

/// Branch and loop conditions.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// `a == b`, `a != b`, `a > b`, … (the operator picks the AWS operator).
    Compare {
        left: Expr,
        op: CmpOp,
        right: Expr,
        span: Span,
    },
    /// `a.EqualsIgnoreCase("x")` and the other AWS-named operators.
    Method {
        subject: Expr,
        method: Name,
        arg: Expr,
        span: Span,
    },
    /// `!c` → `Not`.
    Not {
        inner: Box<Cond>,
        span: Span,
    },
    /// `c && d && …` → one `And`.
    And {
        items: Vec<Cond>,
        span: Span,
    },
    /// `c || d || …` → one `Or`.
    Or {
        items: Vec<Cond>,
        span: Span,
    },
    /// `( c )`: a nested node; kept so `(a && b) && c` round-trips.
    Paren {
        inner: Box<Cond>,
        span: Span,
    },
    /// `raw { … }`: the choice/condition object verbatim.
    Raw(MapLit),
    Error(Span),
}

impl Cond {
    pub fn span(&self) -> Span {
        match self {
            Cond::Compare { span, .. }
            | Cond::Method { span, .. }
            | Cond::Not { span, .. }
            | Cond::And { span, .. }
            | Cond::Or { span, .. }
            | Cond::Paren { span, .. }
            | Cond::Error(span) => *span,
            Cond::Raw(map) => map.span,
        }
    }
}

/// AWS's named branch operators, written as methods in conditions
/// (`a.EqualsIgnoreCase("x")`): the one list the parser, the lowering and the
/// importer share.
pub const CONDITION_OPERATORS: &[&str] = &[
    "StringEquals",
    "EqualsIgnoreCase",
    "StartsWith",
    "EndsWith",
    "Contains",
    "NumericEquals",
    "NumericGreater",
    "NumericLesser",
    "NumericGreaterOrEquals",
    "NumericLesserOrEquals",
    "BooleanEquals",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
}

/// `action "aws:x" for automation { input … output … }` or `extern action …`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionDecl {
    pub docs: Option<DocComment>,
    pub attrs: Vec<Attribute>,
    /// `extern action`: declared by a user for an action the catalog lacks.
    pub is_extern: bool,
    pub name: StringLit,
    /// `for automation`, `for command`, or both (`for automation, command`).
    pub kinds: Vec<(DocKind, Span)>,
    pub members: Vec<ActionMember>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ActionMember {
    /// `input Name: Type [required] [{ allowedValues: […], … }]`.
    Input(InputDecl),
    /// `input ..`: any other input key is accepted (pass-through actions).
    AnyInput(Span),
    /// `output Name: Type`.
    Output(OutputSig),
    Error(Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct InputDecl {
    pub docs: Option<DocComment>,
    pub name: Name,
    pub ty: TypeExpr,
    pub required: Option<Span>,
    pub attrs: Option<MapLit>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutputSig {
    pub docs: Option<DocComment>,
    pub name: Name,
    pub ty: TypeExpr,
    pub span: Span,
}
