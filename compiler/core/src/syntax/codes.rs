//! The stable codes of syntax diagnostics (`E00xx`), one per kind of mistake.
//!
//! Invariant: a code is never reused for another kind; removed kinds leave a gap.

crate::define_codes! {
    group: Syntax;
    /// ## What it does
    ///
    /// A character that cannot start any token of the language, outside a string or a comment (`$`, `;`, `?`, …).
    ///
    /// ## Why is this bad?
    ///
    /// The file is not a runbook: `ssmc build` writes no document for it. Often a character left from shell or JSON text (`${…}` or a `;`) that belongs inside a string.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" };
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    UNEXPECTED_CHAR = "E0001", "unexpected-char", Error, "a character that cannot start any token";
    /// ## What it does
    ///
    /// A `"…"` or `#"…"#` string that is not closed on the line it opens (quoted strings never span lines).
    ///
    /// ## Why is this bad?
    ///
    /// Everything up to the end of the line would become the string's text, so the value SSM receives is not the one written. Text over several lines is a `"""` block string.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep {
    ///     Duration: "PT1S
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep {
    ///     Duration: "PT1S"
    ///   }
    /// }
    /// ```
    UNTERMINATED_STRING = "E0002", "unterminated-string", Error, "a `\"…\"` or `#\"…\"#` string not closed on its line";
    /// ## What it does
    ///
    /// A backslash escape in a `"…"` string that JSON does not define (only `\" \\ \/ \b \f \n \r \t \uXXXX` exist), or a `\u` escape that is not four hex digits or a lone surrogate.
    ///
    /// ## Why is this bad?
    ///
    /// Quoted strings use JSON's escapes, and this one means nothing there, so the text SSM would receive cannot be known. A Windows path's backslashes are the usual cause; a raw string `#"…"#` keeps them as written.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Paths {
    ///   step Run = aws:runPowerShellScript { runCommand: ["dir C:\Temp"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Paths {
    ///   step Run = aws:runPowerShellScript { runCommand: [#"dir C:\Temp"#] }
    /// }
    /// ```
    BAD_ESCAPE = "E0003", "bad-escape", Error, "a `\\x` escape JSON does not define, or a broken `\\uXXXX`";
    /// ## What it does
    ///
    /// A line of a `"""` block string that does not start with the indentation of the closing `"""`.
    ///
    /// ## Why is this bad?
    ///
    /// The closing delimiter's indentation is removed from every line; a line indented less has no such prefix, so the script text SSM runs could not be told from the layout of the runbook. The error points at the line.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Script {
    ///   step Run = aws:runShellScript {
    ///     runCommand: lines """
    ///         echo one
    ///       echo two
    ///         """,
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Script {
    ///   step Run = aws:runShellScript {
    ///     runCommand: lines """
    ///       echo one
    ///       echo two
    ///       """,
    ///   }
    /// }
    /// ```
    BAD_BLOCK_INDENT = "E0004", "bad-block-indent", Error, "a block string line that does not start with the closing delimiter's indentation";
    /// ## What it does
    ///
    /// A NUL byte or another control character (other than tab and line breaks) anywhere in a source file, comments included.
    ///
    /// ## Why is this bad?
    ///
    /// The character is invisible in an editor and in a review, but it would reach the document SSM runs (a script, a command line). A character a runbook needs is written as an escape (`"\u0007"`), which everyone can see.
    ///
    /// The examples write the invisible character as `<U+0007>` (this page would not show it); the test of these examples puts the character itself in its place.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S<U+0007>" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    CONTROL_CHAR = "E0005", "control-char", Error, "a NUL byte or another control character in the source";
    /// ## What it does
    ///
    /// A `{`, `[` or `(` that is never closed. The error points at the opening bracket.
    ///
    /// ## Why is this bad?
    ///
    /// Where the construct was meant to end cannot be known, so nothing after it can be read as the author meant: no document is built.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S"
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    UNCLOSED_DELIMITER = "E0006", "unclosed-delimiter", Error, "a `{`, `[` or `(` that is never closed";
    /// ## What it does
    ///
    /// A `}`, `]` or `)` with no open bracket to close.
    ///
    /// ## Why is this bad?
    ///
    /// A stray closer usually means a bracket earlier was closed too soon, so the steps after it are outside the document they were written in: no document is built.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }}
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    UNMATCHED_CLOSER = "E0007", "unmatched-closer", Error, "a `}`, `]` or `)` with nothing open to close";
    /// ## What it does
    ///
    /// Brackets, or a run of `!`, nested deeper than 128 levels.
    ///
    /// ## Why is this bad?
    ///
    /// No SSM document needs such depth, and reading it without a limit would let one hostile file exhaust the stack of `ssmc` or of the editor's language server. Split the value into smaller parts.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Deep {
    ///   step Wait = aws:sleep { Duration: "PT1S" } raw { x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Deep {
    ///   step Wait = aws:sleep { Duration: "PT1S" } raw { x: [[]] }
    /// }
    /// ```
    TOO_DEEP = "E0008", "too-deep", Error, "brackets (or `!`) nested deeper than the limit";
    /// ## What it does
    ///
    /// An identifier where a keyword is expected that is spelt close to one (`automaton` for `automation`, `on_failur` for `on_failure`); the help names the keyword.
    ///
    /// ## Why is this bad?
    ///
    /// The construct cannot be read at all, so no document is built; the nearby keyword is almost always what was meant.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automaton Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    UNKNOWN_KEYWORD = "E0009", "unknown-keyword", Error, "an identifier where a keyword was expected, close to one of them";
    /// ## What it does
    ///
    /// A token the grammar does not allow where it stands; the message says what was expected.
    ///
    /// ## Why is this bad?
    ///
    /// The text is not a runbook, so no document is built. A common cause is writing an AWS key with JSON habits (`timeout = 10m`, `"inputs": {…}`) where the language has a clause.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout = 10m
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout 10m
    /// }
    /// ```
    UNEXPECTED_TOKEN = "E0010", "unexpected-token", Error, "a token the grammar does not allow at that place";
    /// ## What it does
    ///
    /// The file ends in the middle of a construct while no bracket is open: a doc comment with attributes, or attributes alone, with no document or action declaration after them.
    ///
    /// ## Why is this bad?
    ///
    /// The last construct is incomplete, so no document can be built from it; a truncated file or an unfinished edit is the usual cause.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    ///
    /// /// Restarts the web tier.
    /// @explicit_next
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    UNEXPECTED_EOF = "E0011", "unexpected-eof", Error, "the file ends in the middle of a construct";
    /// ## What it does
    ///
    /// `&&` and `||` in one condition without parentheses.
    ///
    /// ## Why is this bad?
    ///
    /// The condition becomes nested `And`/`Or` choice objects of an `aws:branch`; which operator groups first decides which steps run. `&&` binds tighter, as in most languages, but readers disagree often enough that the language asks for parentheses.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   param Force: Boolean = false
    ///   step Check = if Env == "prod" && Force == true || Env == "dev" {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   param Force: Boolean = false
    ///   step Check = if (Env == "prod" && Force == true) || Env == "dev" {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    MIXED_AND_OR = "E0012", "mixed-and-or", Error, "`&&` and `||` in one condition without parentheses";
    /// ## What it does
    ///
    /// A malformed number or duration: letters glued to digits (`2ndStep`, `10x`), a leading zero (`007`), a duration whose units are out of order (`d`, `h`, `m`, `s`), repeated or followed by digits (`10m5`), or a number or duration too large to hold.
    ///
    /// ## Why is this bad?
    ///
    /// A duration is emitted as its whole number of seconds (`10m` → `600`); a malformed one has no such number, so the `timeoutSeconds` or input SSM would receive cannot be known.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Wait {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout 10m5
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Wait {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout 10m5s
    /// }
    /// ```
    BAD_NUMBER = "E0013", "bad-number", Error, "a malformed number or duration";
    /// ## What it does
    ///
    /// A `"""` block string with text after its opening `"""` on the same line, or one that is never closed.
    ///
    /// ## Why is this bad?
    ///
    /// The content of a block string starts on the line after `"""` and its indentation is set by the closing line; without either, the script text SSM would run cannot be known.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Script {
    ///   step Run = aws:runShellScript {
    ///     runCommand: lines """echo one
    ///       """,
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Script {
    ///   step Run = aws:runShellScript {
    ///     runCommand: lines """
    ///       echo one
    ///       """,
    ///   }
    /// }
    /// ```
    BAD_BLOCK_STRING = "E0014", "bad-block-string", Error, "a `\"\"\"` block string that is not closed, or has text after its opening `\"\"\"`";
    /// ## What it does
    ///
    /// A plain value where a condition is required (after `if`, `guard`, or `when` in a `branch`), such as a bare parameter. (A condition where a value is required is `E0201`.)
    ///
    /// ## Why is this bad?
    ///
    /// An `aws:branch` choice needs an operator (`StringEquals`, `BooleanEquals`, …) and a value to compare; a bare value has neither, so no choice can be emitted.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    EXPECTED_CONDITION = "E0015", "expected-condition", Error, "a value where a condition is required (or the reverse)";
    /// ## What it does
    ///
    /// A backticked name that is not closed on its line, or an empty one (```` `` ````).
    ///
    /// ## Why is this bad?
    ///
    /// The name cannot be known, so neither the step nor the references to it can be emitted; no document is built.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step `2ndWait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step `2ndWait` = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    BAD_BACKTICK_NAME = "E0016", "bad-backtick-name", Error, "an unclosed `` ` `` name or an empty one";
    /// ## What it does
    ///
    /// A method call in a condition (`Env.Equals("prod")`) that is not one of the operators of an `aws:branch` choice: `StringEquals`, `EqualsIgnoreCase`, `StartsWith`, `EndsWith`, `Contains`, `NumericEquals`, `NumericGreater`, `NumericLesser`, `NumericGreaterOrEquals`, `NumericLesserOrEquals`, `BooleanEquals`.
    ///
    /// ## Why is this bad?
    ///
    /// The method becomes the operator key of the choice; SSM validates each choice's operator when the runbook is created and knows only these, so it would reject the document.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env.Equals("prod") {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env.StringEquals("prod") {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    UNKNOWN_METHOD = "E0017", "unknown-method", Error, "a method call that is not one of the AWS condition operators";
    /// ## What it does
    ///
    /// A bidirectional control character (U+202A–U+202E, U+2066–U+2069) anywhere in a source or document, comments included.
    ///
    /// ## Why is this bad?
    ///
    /// Such a character changes the order in which an editor or a code review shows the line, so the text a reviewer approves is not the text SSM runs ("Trojan Source", CVE-2021-42574). Runbooks run with broad permissions, so a line must read as it runs.
    ///
    /// The examples write the character as `<U+202E>` (on this page it would reorder the line too); the test of these examples puts the character itself in its place.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Clean {
    ///   step Run = aws:runShellScript { runCommand: ["rm -rf /tmp/cache <U+202E> && echo done"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Clean {
    ///   step Run = aws:runShellScript { runCommand: ["rm -rf /tmp/cache && echo done"] }
    /// }
    /// ```
    BIDI_CONTROL = "E0018", "bidi-control", Error, "a bidirectional control character (Trojan Source) in a source or document";
}
