//! The document model shared by all writers, and Markdown → model.

mod markdown;
mod model;
#[cfg(test)]
pub(crate) mod samples;

pub use markdown::{parse_markdown, DocumentError, BULLETS};
pub use model::*;
