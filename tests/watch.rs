//! `generate --watch` (issue item 19): it survives the profile's folder being removed and
//! recreated, says when a watched path disappears, and does not trigger itself when the
//! output folder lies inside a watched templates folder.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// A running `--watch`, with its output lines (stdout and stderr together).
struct Watching {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut child = Command::new(binary())
            .current_dir(dir)
            .args(args)
            .arg("--watch")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = mpsc::channel();
        let pipes: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        ];
        for pipe in pipes {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Watching { child, lines }
    }

    /// The next line containing `needle`, within a minute.
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line containing `{needle}`; saw {seen:#?}");
    }

    /// Lines containing `needle` during `time`.
    fn count(&self, needle: &str, time: Duration) -> usize {
        let deadline = Instant::now() + time;
        let mut count = 0;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => count += 1,
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the watch ended"),
            }
        }
        count
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn example() -> String {
    std::fs::read_to_string(example_profile()).unwrap()
}

#[test]
fn watch_survives_the_profile_folder_being_recreated() {
    let work = tempfile::tempdir().unwrap();
    let client = work.path().join("client");
    std::fs::create_dir(&client).unwrap();
    let profile = client.join("acme.yaml");
    std::fs::write(&profile, example()).unwrap();
    let watching = Watching::start(
        work.path(),
        &[
            "generate",
            "client/acme.yaml",
            "--out",
            "out",
            "--format",
            "docx",
            "--only",
            "technical_plan",
        ],
    );
    watching.wait_for("wrote 1, unchanged 0");
    std::thread::sleep(Duration::from_millis(500));

    std::fs::remove_dir_all(&client).unwrap();
    let line = watching.wait_for("no longer exists");
    assert!(line.contains("client"), "{line}");

    std::thread::sleep(Duration::from_millis(300));
    std::fs::create_dir(&client).unwrap();
    std::fs::write(
        &profile,
        example().replacen("memory_gb: 16", "memory_gb: 128", 1),
    )
    .unwrap();
    watching.wait_for("is back");
    watching.wait_for("wrote 1, unchanged 0");
    let technical =
        docx_paragraphs(&work.path().join("out/acme/zhejiang/技术方案.docx")).join("\n");
    assert!(
        technical.contains("128"),
        "the recreated profile was generated"
    );

    // And it goes on watching the new folder.
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(
        &profile,
        example().replacen("memory_gb: 16", "memory_gb: 256", 1),
    )
    .unwrap();
    watching.wait_for("wrote 1, unchanged 0");
    let technical =
        docx_paragraphs(&work.path().join("out/acme/zhejiang/技术方案.docx")).join("\n");
    assert!(technical.contains("256"));
}

#[test]
fn watch_does_not_trigger_itself_through_the_output_folder() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("acme.yaml"), example()).unwrap();
    // The templates folder is the working folder, and the output is inside it.
    let watching = Watching::start(
        work.path(),
        &[
            "generate",
            "acme.yaml",
            "--templates",
            ".",
            "--out",
            "out",
            "--format",
            "docx,pdf",
            "--only",
            "declaration",
        ],
    );
    watching.wait_for("wrote 2, unchanged 0");
    // Writing the output (temporary files, renames, the manifest) triggers nothing.
    assert_eq!(
        watching.count("out/acme/zhejiang:", Duration::from_secs(3)),
        0
    );
    // A change in the templates folder still triggers one run.
    std::fs::write(work.path().join("notes.txt"), "a note").unwrap();
    watching.wait_for("wrote 0, unchanged 2");
    assert_eq!(
        watching.count("out/acme/zhejiang:", Duration::from_secs(2)),
        0
    );
    // A removed profile is said.
    std::fs::remove_file(work.path().join("acme.yaml")).unwrap();
    let line = watching.wait_for("no longer exists");
    assert!(line.contains("acme.yaml"), "{line}");
}
