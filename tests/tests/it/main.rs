//! The one integration-test binary over `tests/fixtures`.

mod import;
