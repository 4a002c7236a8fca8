//! The one integration-test binary.

mod codegen;
