//! Unit tests of the linter.
