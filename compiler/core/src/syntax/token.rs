//! Tokens of a `.rbk` source, produced by [`super::lexer`].
//!
//! Input: nothing (plain data). Output: the token type the parser matches on.
//! Invariant: keywords are not tokens: the language's keywords are contextual, so
//! `step` lexes as `Ident("step")` and the parser decides from the position.
//! Token text is a [`Text`], a shared string: the parser clones tokens at every
//! lookahead and every failed alternative it records, and a clone must not allocate.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use super::ast::StringStyle;

/// The text of a token: an immutable string whose clone is a reference-count
/// increment (`Rc<str>`), read as a `&str`. `Debug` prints like a `String`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Rc<str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Rc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Rc::from(s))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A decoded string literal as the lexer found it.
#[derive(Debug, Clone, PartialEq)]
pub struct StrTok {
    pub value: Text,
    pub style: StringStyle,
    /// Prefixed with `lit`.
    pub lit: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// `[A-Za-z_][A-Za-z0-9_]*`, including contextual keywords.
    Ident(Text),
    /// `` `name` ``: the text without backticks.
    Backticked(Text),
    /// A JSON number as written (optional leading `-`).
    Number(Text),
    /// `45s`, `1h30m`.
    Duration {
        seconds: u64,
        text: Text,
    },
    Str(StrTok),
    /// A run of `///` lines; the doc text (see `ast::DocComment`).
    DocComment(Text),
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Colon,
    ColonColon,
    Eq,
    Arrow,
    Dot,
    DotDot,
    At,
    Lt,
    Gt,
    EqEq,
    Ne,
    Ge,
    Le,
    AndAnd,
    OrOr,
    Bang,
    Newline,
    /// Text the lexer (or the bracket pass) already reported; the parser stays quiet about it.
    Error,
}

impl Tok {
    pub fn is_opener(&self) -> bool {
        matches!(self, Tok::LBrace | Tok::LBracket | Tok::LParen)
    }

    pub fn is_closer(&self) -> bool {
        matches!(self, Tok::RBrace | Tok::RBracket | Tok::RParen)
    }

    /// The closer that matches an opener.
    pub fn closer_of(&self) -> Option<Tok> {
        match self {
            Tok::LBrace => Some(Tok::RBrace),
            Tok::LBracket => Some(Tok::RBracket),
            Tok::LParen => Some(Tok::RParen),
            _ => None,
        }
    }

    pub fn is_ident(&self, word: &str) -> bool {
        matches!(self, Tok::Ident(s) if **s == *word)
    }
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = match self {
            Tok::Ident(s) => return write!(f, "`{s}`"),
            Tok::Backticked(s) => return write!(f, "`` `{s}` ``"),
            Tok::Number(s) => return write!(f, "number `{s}`"),
            Tok::Duration { text, .. } => return write!(f, "duration `{text}`"),
            Tok::Str(_) => "a string",
            Tok::DocComment(_) => "a doc comment",
            Tok::LBrace => "`{`",
            Tok::RBrace => "`}`",
            Tok::LBracket => "`[`",
            Tok::RBracket => "`]`",
            Tok::LParen => "`(`",
            Tok::RParen => "`)`",
            Tok::Comma => "`,`",
            Tok::Colon => "`:`",
            Tok::ColonColon => "`::`",
            Tok::Eq => "`=`",
            Tok::Arrow => "`->`",
            Tok::Dot => "`.`",
            Tok::DotDot => "`..`",
            Tok::At => "`@`",
            Tok::Lt => "`<`",
            Tok::Gt => "`>`",
            Tok::EqEq => "`==`",
            Tok::Ne => "`!=`",
            Tok::Ge => "`>=`",
            Tok::Le => "`<=`",
            Tok::AndAnd => "`&&`",
            Tok::OrOr => "`||`",
            Tok::Bang => "`!`",
            Tok::Newline => "a line break",
            Tok::Error => "invalid text",
        };
        f.write_str(p)
    }
}
