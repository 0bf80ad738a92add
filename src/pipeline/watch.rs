//! `generate --watch`: run again whenever the profile or an override template is saved.
//!
//! A watch is on a folder's inode, so it dies with the folder: every watched folder is
//! checked again after each burst of events, and one that disappeared is watched through its
//! nearest existing ancestor until it is back (then watched again, and the run repeated).
//! The parent of each profile's folder is watched too, so that the folder's removal,
//! renaming or recreation is seen at all. Events under the output folder (and our own
//! temporary files anywhere) are ignored: with `--templates .` and the output inside, the
//! run must not trigger itself.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// Editors save in bursts (write, rename, chmod): events closer than this are one change.
const SETTLE: Duration = Duration::from_millis(150);

#[derive(Debug, thiserror::Error)]
#[error("cannot watch {}: {message}", path.display())]
pub struct WatchError {
    pub path: PathBuf,
    pub message: String,
}

/// Something the user should know while watching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A watched file or folder no longer exists.
    Missing(PathBuf),
    /// It exists again (and the documents are generated again).
    Back(PathBuf),
    /// The file system watcher reported an error.
    Error(String),
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Missing(path) => write!(
                f,
                "{} no longer exists; waiting for it to come back",
                path.display()
            ),
            Notice::Back(path) => write!(f, "{} is back", path.display()),
            Notice::Error(message) => write!(f, "watching: {message}"),
        }
    }
}

/// What to watch.
#[derive(Debug, Clone, Default)]
pub struct WatchSpec {
    /// Profiles: each is watched through its folder (editors replace files by renaming).
    pub files: Vec<PathBuf>,
    /// Folders watched with everything under them (the `--templates` folder).
    pub dirs: Vec<PathBuf>,
    /// Folders whose events never count (the output folder).
    pub ignore: Vec<PathBuf>,
}

/// Calls `on_change` each time one of the spec's files (or anything under one of its dirs)
/// changes, until `on_change` returns false; `on_notice` hears about paths that disappear
/// and come back.
pub fn watch(
    spec: &WatchSpec,
    mut on_change: impl FnMut() -> bool,
    mut on_notice: impl FnMut(Notice),
) -> Result<(), WatchError> {
    let (sender, receiver) = mpsc::channel();
    let watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .map_err(|e| WatchError {
        path: PathBuf::new(),
        message: e.to_string(),
    })?;
    let mut state = State::new(spec, watcher);
    state.refresh(&mut |_| {});
    if let Some(target) = state.targets.iter().find(|t| t.point.is_none()) {
        return Err(WatchError {
            path: target.path.clone(),
            message: "neither it nor any folder above it can be watched".to_string(),
        });
    }
    loop {
        let Ok(first) = receiver.recv() else {
            return Ok(());
        };
        let mut changed = false;
        let mut event = Some(first);
        // Let the burst settle, then run once.
        while let Some(received) = event.take() {
            match received {
                Ok(e) => changed |= state.relevant(&e),
                Err(err) => on_notice(Notice::Error(err.to_string())),
            }
            event = receiver.recv_timeout(SETTLE).ok();
        }
        let came_back = state.refresh(&mut on_notice);
        if (changed || came_back) && !on_change() {
            return Ok(());
        }
    }
}

/// A folder we want watched, and what is watched for it now.
struct Target {
    path: PathBuf,
    recursive: bool,
    /// Where it can be watched now: the folder, or its nearest existing ancestor, with its
    /// identity.
    point: Option<(PathBuf, Identity)>,
}

struct State {
    watcher: RecommendedWatcher,
    targets: Vec<Target>,
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    ignore: Vec<PathBuf>,
    /// Targets and files currently missing (said once).
    missing: HashSet<PathBuf>,
    /// Watched paths: (path, recursive, identity).
    watched: Vec<(PathBuf, bool, Identity)>,
}

impl State {
    fn new(spec: &WatchSpec, watcher: RecommendedWatcher) -> State {
        let files: Vec<PathBuf> = spec.files.iter().map(|f| absolute(f)).collect();
        let dirs: Vec<PathBuf> = spec.dirs.iter().map(|d| absolute(d)).collect();
        let mut targets: Vec<Target> = Vec::new();
        let mut add = |path: PathBuf, recursive: bool| {
            if !targets
                .iter()
                .any(|t| t.path == path && t.recursive == recursive)
            {
                targets.push(Target {
                    path,
                    recursive,
                    point: None,
                });
            }
        };
        for file in &files {
            if let Some(folder) = file.parent() {
                add(folder.to_path_buf(), false);
                if let Some(parent) = folder.parent() {
                    add(parent.to_path_buf(), false);
                }
            }
        }
        for dir in &dirs {
            add(dir.clone(), true);
        }
        State {
            watcher,
            targets,
            files,
            dirs,
            ignore: spec.ignore.iter().map(|d| absolute(d)).collect(),
            missing: HashSet::new(),
            watched: Vec::new(),
        }
    }

    /// Whether an event is about a profile, a template or a watched folder itself.
    fn relevant(&self, event: &notify::Event) -> bool {
        !event.kind.is_access()
            && event.paths.iter().any(|p| {
                let p = absolute(p);
                let ours = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    crate::output::is_temp_name(n) || n == crate::output::manifest::MANIFEST_FILE
                });
                if ours {
                    return false;
                }
                self.files.contains(&p)
                    || (!self.ignore.iter().any(|d| p.starts_with(d))
                        && (self.dirs.iter().any(|d| p.starts_with(d))
                            || self.targets.iter().any(|t| t.path == p)))
            })
    }

    /// Watches each target where it can be watched now; true when one came back.
    fn refresh(&mut self, on_notice: &mut dyn FnMut(Notice)) -> bool {
        let mut came_back = false;
        // What should be watched now: one watch per path (several targets may share their
        // nearest ancestor), recursive if any target wants it.
        let mut wanted: Vec<(PathBuf, bool, Identity)> = Vec::new();
        for target in &mut self.targets {
            target.point = watch_point(&target.path);
            if let Some((at, id)) = &target.point {
                let recursive = target.recursive && *at == target.path;
                match wanted.iter_mut().find(|(p, _, _)| p == at) {
                    Some(entry) => entry.1 |= recursive,
                    None => wanted.push((at.clone(), recursive, *id)),
                }
            }
        }
        for old in std::mem::take(&mut self.watched) {
            if wanted.contains(&old) {
                self.watched.push(old);
            } else {
                let _ = self.watcher.unwatch(&old.0);
            }
        }
        for entry in wanted {
            if self.watched.contains(&entry) {
                continue;
            }
            let mode = if entry.1 {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            match self.watcher.watch(&entry.0, mode) {
                Ok(()) => self.watched.push(entry),
                Err(err) => on_notice(Notice::Error(format!("{}: {err}", entry.0.display()))),
            }
        }
        let present: Vec<(PathBuf, bool)> = self
            .targets
            .iter()
            .map(|t| {
                (
                    t.path.clone(),
                    t.point.as_ref().is_some_and(|(p, _)| *p == t.path),
                )
            })
            .chain(self.files.iter().map(|f| (f.clone(), f.exists())))
            .collect();
        for (path, exists) in present {
            if !exists && self.missing.insert(path.clone()) {
                on_notice(Notice::Missing(path));
            } else if exists && self.missing.remove(&path) {
                on_notice(Notice::Back(path));
                came_back = true;
            }
        }
        came_back
    }
}

#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = ();

#[cfg(unix)]
fn identity(metadata: &std::fs::Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Identity {}

/// `path` if it is a folder, else its nearest existing ancestor; with its identity, so that
/// a folder replaced by another of the same name is watched anew.
fn watch_point(path: &Path) -> Option<(PathBuf, Identity)> {
    path.ancestors().find_map(|p| {
        std::fs::metadata(p)
            .ok()
            .filter(std::fs::Metadata::is_dir)
            .map(|m| (p.to_path_buf(), identity(&m)))
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
