//! Templates: the Tera set-up that turns a template context (`crate::context`) into the
//! Markdown text of one document at a time.
//!
//! Templates are embedded in the binary (`templates/`) and can be overridden from a folder
//! given with `--templates`. Both trees are loaded into one Tera instance under the prefixes
//! `user/` and `builtin/`; Tera's fallback prefixes then search the user's tree first, and a
//! variant's `{% extends "base/…" %}` finds the user's base before ours.
//!
//! A user's template is code we run: the folder is walked without following a link back
//! into it, only regular files of bounded size are read, and every render has a budget of
//! time and output (Tera has neither), so a loop of 10^10 iterations or a component that
//! calls itself twice per level ends with an error instead of a hung run.

mod escape;
mod filters;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, OnceLock};
use std::time::{Duration, Instant};

use include_dir::{include_dir, Dir};

pub use escape::escape_markdown;
pub use filters::percent;

static BUILTIN_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

const TEMPLATE_SUFFIX: &str = ".md.tera";

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read template folder {}: {source}", dir.display())]
    TemplateDir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read template {}: {message}", path.display())]
    TemplateFile { path: PathBuf, message: String },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("no template `{name}` for variant `{variant}`")]
    Missing { name: String, variant: String },
    #[error(
        "template {name}: rendering took longer than {seconds} s and was stopped (a loop that \
         runs too often?); ICP_DOCS_RENDER_TIMEOUT sets the limit"
    )]
    TooSlow { name: String, seconds: f64 },
    #[error(
        "template {name}: the document grew past {limit} bytes and was stopped (a loop that \
         runs too often?)"
    )]
    TooLarge { name: String, limit: usize },
}

/// What one document's rendering may cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub time: Duration,
    /// Bytes of Markdown: the largest built-in document is about 60 KB.
    pub bytes: usize,
}

impl Default for Budget {
    /// Five seconds (or `ICP_DOCS_RENDER_TIMEOUT` seconds) and 4 MiB; all built-in documents
    /// render in about a millisecond.
    fn default() -> Budget {
        let seconds = std::env::var("ICP_DOCS_RENDER_TIMEOUT")
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(5.0)
            .min(86_400.0);
        Budget {
            time: Duration::from_secs_f64(seconds),
            bytes: 4 * 1024 * 1024,
        }
    }
}

/// A template folder holds a few dozen small files.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
const MAX_TEMPLATE_FILES: usize = 1000;
const MAX_TEMPLATE_DEPTH: usize = 16;

/// Refuses a `--templates` folder that does not exist or is not a folder.
pub fn require_template_dir(dir: &Path) -> Result<(), TemplateError> {
    let fail = |source| TemplateError::TemplateDir {
        dir: dir.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(dir).map_err(fail)?;
    if !metadata.is_dir() {
        return Err(fail(std::io::Error::other(format!(
            "it is {}, not a folder",
            crate::files::kind_of(&metadata.file_type())
        ))));
    }
    Ok(())
}

/// A loaded template set, reusable for any number of documents and profiles.
pub struct Templates {
    /// Shared with the thread each render runs on.
    tera: Parsing,
    /// The user's `--templates` folder, also searched for `<variant>/variant.yaml`.
    user_dir: Option<PathBuf>,
    budget: Budget,
}

impl Templates {
    /// Loads the embedded templates and, if given, the user's override folder.
    pub fn new(user_dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut tera = tera::Tera::new();
        tera.set_fallback_prefixes(["user/", "builtin/"])
            .map_err(|e| template_error("(setup)", &e))?;
        tera.autoescape_on([TEMPLATE_SUFFIX]);
        tera.set_escape_fn(escape::escape_markdown_to);
        filters::register(&mut tera);

        let mut sources: Vec<(String, String)> = Vec::new();
        collect_builtin(&BUILTIN_TEMPLATES, &mut sources);
        if let Some(dir) = user_dir {
            require_template_dir(dir)?;
            let mut walk = UserWalk {
                root: dir,
                visited: HashSet::new(),
                out: &mut sources,
                files: 0,
            };
            walk.dir(dir, 0)?;
        }
        sources.sort();
        // Parsing the set takes longer than checking a profile, which does not need it:
        // it runs beside the check, and the first render waits for it.
        let parse = move || {
            tera.add_raw_templates(sources)
                .map(|()| Arc::new(tera))
                .map_err(|e| template_error("(loading)", &e))
        };
        let tera = match std::thread::Builder::new()
            .name("templates".to_string())
            .spawn(parse)
        {
            Ok(handle) => Parsing::Running(std::sync::Mutex::new(Some(handle)), OnceLock::new()),
            Err(_) => Parsing::Done(Err("cannot start a thread".to_string())),
        };
        Ok(Templates {
            tera,
            user_dir: user_dir.map(Path::to_path_buf),
            budget: Budget::default(),
        })
    }

    /// The same templates with another budget.
    pub fn with_budget(mut self, budget: Budget) -> Templates {
        self.budget = budget;
        self
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
    ) -> Result<String, TemplateError> {
        let tera = self.tera.get()?;
        let candidates = [format!("{variant}/{name}"), format!("base/{name}")];
        let chosen = candidates
            .iter()
            .find(|c| tera.contains_template(c))
            .ok_or_else(|| TemplateError::Missing {
                name: name.to_string(),
                variant: variant.to_string(),
            })?;
        self.render_within_budget(tera, chosen, context)
    }

    /// Renders on a thread of its own, so that a render that runs out of time can be
    /// abandoned; its writer stops it at the next output once it is.
    fn render_within_budget(
        &self,
        tera: Arc<tera::Tera>,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, TemplateError> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut out = Bounded {
            bytes: Vec::new(),
            limit: self.budget.bytes,
            deadline: Instant::now() + self.budget.time,
            stop: Arc::clone(&stop),
            exceeded: None,
        };
        let (sender, receiver) = mpsc::channel();
        let template = name.to_string();
        let context = context.clone();
        let spawned = std::thread::Builder::new()
            .name("render".to_string())
            .stack_size(8 * 1024 * 1024)
            .spawn(move || {
                let result = tera
                    .render_to(&template, &context, &mut out)
                    .map_err(|e| (out.exceeded, template_error(&template, &e)));
                let _ = sender.send(result.map(|()| out.bytes));
            });
        if let Err(err) = spawned {
            return Err(TemplateError::Template {
                name: name.to_string(),
                message: format!("cannot start rendering: {err}"),
            });
        }
        let too_slow = || TemplateError::TooSlow {
            name: name.to_string(),
            seconds: self.budget.time.as_secs_f64(),
        };
        match receiver.recv_timeout(self.budget.time) {
            Ok(Ok(bytes)) => String::from_utf8(bytes).map_err(|e| TemplateError::Template {
                name: name.to_string(),
                message: e.to_string(),
            }),
            Ok(Err((Some(Exceeded::Time), _))) => Err(too_slow()),
            Ok(Err((Some(Exceeded::Size), _))) => Err(TemplateError::TooLarge {
                name: name.to_string(),
                limit: self.budget.bytes,
            }),
            Ok(Err((None, err))) => Err(err),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                stop.store(true, Ordering::Relaxed);
                Err(too_slow())
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(TemplateError::Template {
                name: name.to_string(),
                message: "rendering failed unexpectedly".to_string(),
            }),
        }
    }
}

/// The thread parsing the template set, until it is joined.
type ParseThread =
    std::sync::Mutex<Option<std::thread::JoinHandle<Result<Arc<tera::Tera>, TemplateError>>>>;

/// The template set while it is parsed on its own thread, and once it is (a failed parse
/// keeps its message).
enum Parsing {
    Running(ParseThread, OnceLock<Result<Arc<tera::Tera>, String>>),
    Done(Result<Arc<tera::Tera>, String>),
}

impl Parsing {
    /// The parsed set, waiting for the parse the first time; a failed parse gives its
    /// error every time.
    fn get(&self) -> Result<Arc<tera::Tera>, TemplateError> {
        let parsed = match self {
            Parsing::Done(parsed) => parsed,
            Parsing::Running(handle, parsed) => parsed.get_or_init(|| {
                let handle = handle.lock().ok().and_then(|mut h| h.take());
                match handle.map(std::thread::JoinHandle::join) {
                    Some(Ok(Ok(tera))) => Ok(tera),
                    Some(Ok(Err(TemplateError::Template { message, .. }))) => Err(message),
                    Some(Ok(Err(other))) => Err(other.to_string()),
                    Some(Err(_)) | None => Err("the parse stopped unexpectedly".to_string()),
                }
            }),
        };
        parsed.clone().map_err(|message| TemplateError::Template {
            name: "(loading)".to_string(),
            message,
        })
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

fn template_error(name: &str, err: &tera::Error) -> TemplateError {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str("\n  caused by: ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    TemplateError::Template {
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

/// Which budget a render ran out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exceeded {
    Time,
    Size,
}

/// A render's output, refusing to grow past its limit or to go on past its deadline.
struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
    deadline: Instant,
    /// Set when the caller gave up waiting.
    stop: Arc<AtomicBool>,
    exceeded: Option<Exceeded>,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) || Instant::now() > self.deadline {
            self.exceeded = Some(Exceeded::Time);
            return Err(std::io::Error::other("out of time"));
        }
        if self.bytes.len() + buf.len() > self.limit {
            self.exceeded = Some(Exceeded::Size);
            return Err(std::io::Error::other("output too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Walks the user's templates folder: links are followed, but never into a folder already
/// seen (no loop), only regular files are read, and the walk is bounded in depth, files and
/// size.
struct UserWalk<'a> {
    root: &'a Path,
    /// Folders seen, by identity.
    visited: HashSet<FolderId>,
    out: &'a mut Vec<(String, String)>,
    files: usize,
}

#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(_: &Path, metadata: &std::fs::Metadata) -> FolderId {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn folder_id(path: &Path, _: &std::fs::Metadata) -> FolderId {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl UserWalk<'_> {
    fn dir(&mut self, dir: &Path, depth: usize) -> Result<(), TemplateError> {
        let io = |source| TemplateError::TemplateDir {
            dir: dir.to_path_buf(),
            source,
        };
        let metadata = std::fs::metadata(dir).map_err(io)?;
        if !self.visited.insert(folder_id(dir, &metadata)) {
            return Ok(()); // a link back to a folder already read
        }
        if depth > MAX_TEMPLATE_DEPTH {
            return Err(io(std::io::Error::other(format!(
                "the templates folder nests deeper than {MAX_TEMPLATE_DEPTH} levels"
            ))));
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(io)?;
        entries.sort();
        for path in entries {
            let is_template = path.to_string_lossy().ends_with(TEMPLATE_SUFFIX);
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.dir(&path, depth + 1)?,
                Ok(_) | Err(_) if is_template => self.file(&path)?,
                // Not a template (or a dangling link that is not one): none of our business.
                _ => {}
            }
        }
        Ok(())
    }

    fn file(&mut self, path: &Path) -> Result<(), TemplateError> {
        use crate::files::{read_limited, Follow};
        let fail = |message: String| TemplateError::TemplateFile {
            path: path.to_path_buf(),
            message,
        };
        self.files += 1;
        if self.files > MAX_TEMPLATE_FILES {
            return Err(fail(format!(
                "the templates folder holds more than {MAX_TEMPLATE_FILES} templates"
            )));
        }
        let bytes = read_limited(path, MAX_TEMPLATE_BYTES, Follow::Symlinks)
            .map_err(|e| fail(format!("it {e}")))?;
        let text = String::from_utf8(bytes).map_err(|_| fail("it is not UTF-8 text".into()))?;
        let relative = path
            .strip_prefix(self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        self.out.push((format!("user/{relative}"), text));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_templates(template: &str) -> (tempfile::TempDir, Templates) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("base")).unwrap();
        std::fs::write(dir.path().join("base/commitment.md.tera"), template).unwrap();
        let renderer = Templates::new(Some(dir.path())).unwrap();
        (dir, renderer)
    }

    fn render(renderer: &Templates) -> Result<String, TemplateError> {
        renderer.render("commitment.md.tera", "zhejiang", &tera::Context::new())
    }

    #[test]
    fn a_silent_endless_loop_runs_out_of_time() {
        let loops = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
        let (_dir, renderer) = user_templates(loops);
        let renderer = renderer.with_budget(Budget {
            time: Duration::from_millis(300),
            bytes: 1024,
        });
        let start = Instant::now();
        let err = render(&renderer).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(2));
        assert!(matches!(err, TemplateError::TooSlow { .. }), "{err}");
        assert!(
            err.to_string().contains("rendering took longer than 0.3 s"),
            "{err}"
        );
    }

    #[test]
    fn output_is_bounded_also_through_components() {
        let boom = "{% component boom(n) %}{% if n > 0 %}{{ <boom n={n - 1} /> }}{{ <boom n={n - 1} /> }}{% else %}xxxxxxxxxxxxxxxx{% endif %}{% endcomponent boom %}{{ <boom n={19} /> }}";
        let (_dir, renderer) = user_templates(boom);
        let renderer = renderer.with_budget(Budget {
            time: Duration::from_secs(30),
            bytes: 64 * 1024,
        });
        let err = render(&renderer).unwrap_err();
        assert_eq!(
            err.to_string(),
            "template base/commitment.md.tera: the document grew past 65536 bytes and was stopped (a loop that runs too often?)"
        );
        // Within budget, the same component renders.
        let (_dir, renderer) = user_templates(&boom.replace("n={19}", "n={3}"));
        assert_eq!(render(&renderer).unwrap(), "x".repeat(16 * 8));
    }

    #[cfg(unix)]
    #[test]
    fn the_walk_survives_link_loops_and_refuses_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base");
        std::fs::create_dir(&base).unwrap();
        std::fs::write(base.join("commitment.md.tera"), "own").unwrap();
        std::os::unix::fs::symlink("..", base.join("up")).unwrap();
        std::os::unix::fs::symlink(".", base.join("here")).unwrap();
        std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        let renderer = Templates::new(Some(dir.path())).unwrap();
        assert_eq!(render(&renderer).unwrap(), "own");

        let fifo = base.join("declaration.md.tera");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = Templates::new(Some(dir.path())).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot read template {}: it is a FIFO, not a regular file",
                fifo.display()
            )
        );
    }

    #[test]
    fn a_missing_templates_folder_is_an_error() {
        let err = Templates::new(Some(Path::new("/nonexistent")))
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .starts_with("cannot read template folder /nonexistent: "),
            "{err}"
        );
    }
}
