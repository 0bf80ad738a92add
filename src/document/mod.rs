//! The document model shared by all writers, and Markdown → model.

mod compose;
mod markdown;
mod model;
#[cfg(test)]
pub(crate) mod samples;
mod structure;

pub use compose::{
    compose_application, compose_file, Application, Closing, CONTENTS_LEVELS, CONTENTS_TITLE,
    HAND_DATE_LINE,
};
pub use markdown::{parse_markdown, DocumentError, Metadata, Parsed};
pub use model::*;
