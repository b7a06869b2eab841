// SHIM
//! Temporary re-exports while src/ui moves to the new homes (removed in this change).
#![allow(missing_docs, unused_imports)]
pub use crate::agreement::class_step;
pub use crate::format::StepView;
pub use crate::notes::lessons::*;
pub use crate::workspace::present::*;
