// SHIM
//! Temporary re-exports while src/ui moves to the new homes (removed in this change).
#![allow(missing_docs, unused_imports)]
pub use crate::search::coded::*;
