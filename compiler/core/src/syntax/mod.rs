//! Lexing and parsing of `.rbk` sources into [`ast`].

pub mod ast;
pub mod refs;
