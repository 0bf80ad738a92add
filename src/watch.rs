//! `generate --watch`: run again whenever the profile or an override template is saved.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// Editors save in bursts (write, rename, chmod): events closer than this are one change.
const SETTLE: Duration = Duration::from_millis(150);

#[derive(Debug, thiserror::Error)]
#[error("cannot watch {}: {message}", path.display())]
pub struct WatchError {
    pub path: PathBuf,
    pub message: String,
}

/// Calls `on_change` each time one of `files` (or anything under one of `dirs`) changes,
/// until `on_change` returns false.
pub fn watch(
    files: &[PathBuf],
    dirs: &[PathBuf],
    mut on_change: impl FnMut() -> bool,
) -> Result<(), WatchError> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .map_err(|e| WatchError {
        path: PathBuf::new(),
        message: e.to_string(),
    })?;
    // Watch the folders that hold the files: editors often replace a file by renaming a new
    // one over it, which a watch on the file itself would lose.
    let mut watched: Vec<PathBuf> = Vec::new();
    for file in files {
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."))
            .to_path_buf();
        if !watched.contains(&folder) {
            watcher
                .watch(&folder, RecursiveMode::NonRecursive)
                .map_err(|e| WatchError {
                    path: folder.clone(),
                    message: e.to_string(),
                })?;
            watched.push(folder);
        }
    }
    for dir in dirs {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| WatchError {
                path: dir.clone(),
                message: e.to_string(),
            })?;
    }
    let files: Vec<PathBuf> = files.iter().map(|f| absolute(f)).collect();
    let dirs: Vec<PathBuf> = dirs.iter().map(|d| absolute(d)).collect();
    let relevant = |event: &notify::Event| {
        !event.kind.is_access()
            && event.paths.iter().any(|p| {
                let p = absolute(p);
                files.contains(&p) || dirs.iter().any(|d| p.starts_with(d))
            })
    };
    loop {
        let Ok(event) = receiver.recv() else {
            return Ok(());
        };
        let mut changed = matches!(&event, Ok(e) if relevant(e));
        // Let the burst settle, then run once.
        while let Ok(event) = receiver.recv_timeout(SETTLE) {
            changed |= matches!(&event, Ok(e) if relevant(e));
        }
        if changed && !on_change() {
            return Ok(());
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
