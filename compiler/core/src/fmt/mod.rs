//! TODO(owner): module header.
