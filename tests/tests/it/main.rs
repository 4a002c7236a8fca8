//! The one integration-test binary of ssmc (one module per area).

mod fmt;
