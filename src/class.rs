// SHIM
//! Temporary re-exports while src/ui moves to the new homes (removed in this change).
#![allow(missing_docs, unused_imports)]
pub use crate::agreement::density::*;
pub use crate::agreement::triage::{DISCUSSED, discussed_text, is_discussed};
pub use crate::notes::layers::{Coder, YOU, author_of, layer_key};
pub use crate::search::coded::{CodedQuery, coded_by};
pub use crate::workspace::class::*;
