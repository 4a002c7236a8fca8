//! Lexing and parsing of `.rbk` sources into [`ast`].

pub mod ast;
