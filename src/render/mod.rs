//! Rendering: profile + variant → Tera context → Markdown text, one document at a time.
//!
//! Templates are embedded in the binary (`templates/`) and can be overridden from a folder
//! given with `--templates`. Both trees are loaded into one Tera instance under the prefixes
//! `user/` and `builtin/`; Tera's fallback prefixes then search the user's tree first, and a
//! variant's `{% extends "base/…" %}` finds the user's base before ours.

mod context;
mod escape;
mod filters;

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

pub use context::{build_context, build_context_for, licence_context, LicenceContext};
pub use escape::escape_markdown;

static BUILTIN_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

const TEMPLATE_SUFFIX: &str = ".md.tera";

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot read template folder {}: {source}", dir.display())]
    TemplateDir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("no template `{name}` for variant `{variant}`")]
    Missing { name: String, variant: String },
    #[error("cannot build the template context: {0}")]
    Context(String),
    #[error(transparent)]
    Variant(#[from] crate::variant::VariantError),
}

/// A loaded template set, reusable for any number of documents and profiles.
pub struct Renderer {
    tera: tera::Tera,
    /// The user's `--templates` folder, also searched for `<variant>/variant.yaml`.
    user_dir: Option<PathBuf>,
}

impl Renderer {
    /// Loads the embedded templates and, if given, the user's override folder.
    pub fn new(user_dir: Option<&Path>) -> Result<Renderer, RenderError> {
        let mut tera = tera::Tera::new();
        tera.set_fallback_prefixes(["user/", "builtin/"])
            .map_err(|e| template_error("(setup)", &e))?;
        tera.autoescape_on([TEMPLATE_SUFFIX]);
        tera.set_escape_fn(escape::escape_markdown_to);
        filters::register(&mut tera);

        let mut sources: Vec<(String, String)> = Vec::new();
        collect_builtin(&BUILTIN_TEMPLATES, &mut sources);
        if let Some(dir) = user_dir {
            collect_user(dir, dir, &mut sources)?;
        }
        sources.sort();
        tera.add_raw_templates(sources)
            .map_err(|e| template_error("(loading)", &e))?;
        Ok(Renderer {
            tera,
            user_dir: user_dir.map(Path::to_path_buf),
        })
    }

    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// Renders `name` (e.g. `business_plan.md.tera`) for `variant`, falling back to `base/`.
    pub fn render(
        &self,
        name: &str,
        variant: &str,
        context: &tera::Context,
    ) -> Result<String, RenderError> {
        let candidates = [format!("{variant}/{name}"), format!("base/{name}")];
        let chosen = candidates
            .iter()
            .find(|c| self.tera.contains_template(c))
            .ok_or_else(|| RenderError::Missing {
                name: name.to_string(),
                variant: variant.to_string(),
            })?;
        self.tera
            .render(chosen, context)
            .map_err(|e| template_error(chosen, &e))
    }
}

/// A file of the built-in templates folder, e.g. `zhejiang/variant.yaml` (variant data lives
/// beside the variant's templates, so both are embedded by the same `include_dir!`).
pub fn builtin_file(path: &str) -> Option<&'static str> {
    BUILTIN_TEMPLATES
        .get_file(path)
        .and_then(|file| file.contents_utf8())
}

/// Whether the built-in `templates/<folder>/` holds templates of its own.
pub fn builtin_has_templates(folder: &str) -> bool {
    BUILTIN_TEMPLATES.get_dir(folder).is_some_and(|dir| {
        dir.files()
            .any(|f| f.path().to_string_lossy().ends_with(TEMPLATE_SUFFIX))
    })
}

fn template_error(name: &str, err: &tera::Error) -> RenderError {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str("\n  caused by: ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    RenderError::Template {
        name: name.to_string(),
        message,
    }
}

fn collect_builtin(dir: &Dir<'_>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if path.ends_with(TEMPLATE_SUFFIX) {
            if let Some(text) = file.contents_utf8() {
                out.push((format!("builtin/{path}"), text.to_string()));
            }
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, out);
    }
}

fn collect_user(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String)>,
) -> Result<(), RenderError> {
    let io = |source| RenderError::TemplateDir {
        dir: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_user(root, &path, out)?;
        } else if path.to_string_lossy().ends_with(TEMPLATE_SUFFIX) {
            let text =
                std::fs::read_to_string(&path).map_err(|source| RenderError::TemplateDir {
                    dir: path.clone(),
                    source,
                })?;
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((format!("user/{relative}"), text));
        }
    }
    Ok(())
}
