//! The company profile: loading (YAML with precise errors) and the serde model.

pub mod ids;
mod load;
pub mod model;
pub mod spans;
pub(crate) mod starter;
mod yaml_guard;

use std::fmt;
use std::path::PathBuf;

pub use load::{
    load_profile, nearest, normalize_newlines, parse_profile, read_profile_text, MAX_PROFILE_BYTES,
};
pub use model::Profile;

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("cannot read profile {}: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("profile {} is {bytes} bytes; a profile is at most {limit} bytes", file.display())]
    TooLarge {
        file: PathBuf,
        bytes: u64,
        limit: u64,
    },
    #[error("{}", SyntaxDisplay { file, line: *line, column: *column, path, message, hint })]
    Syntax {
        file: PathBuf,
        line: usize,
        column: usize,
        /// YAML path such as `company.shareholders[1].share` (empty at the top level).
        path: String,
        message: String,
        hint: String,
    },
}

struct SyntaxDisplay<'a> {
    file: &'a PathBuf,
    line: usize,
    column: usize,
    path: &'a str,
    message: &'a str,
    hint: &'a str,
}

impl fmt::Display for SyntaxDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, "`{}`: ", self.path)?;
        }
        write!(f, "{}\n  hint: {}", self.message, self.hint)
    }
}

/// The example profile (`profiles/example.yaml`) as the unit tests of every step use it.
#[cfg(test)]
pub(crate) fn example() -> Profile {
    parse_profile(
        include_str!("../../profiles/example.yaml"),
        std::path::Path::new("example.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}
