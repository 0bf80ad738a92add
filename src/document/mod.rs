//! The document model shared by all writers, and Markdown → model.

mod markdown;
mod model;

pub use markdown::{parse_markdown, DocumentError, BULLETS};
pub use model::*;
