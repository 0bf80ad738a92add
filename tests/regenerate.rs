//! The edit–generate loop: identical bytes, only changed files rewritten, hand edits kept,
//! batches that survive bad profiles, and watch mode.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

fn generate_into(profile: &Path, out: &Path, extra: &[&str]) -> (bool, String, String) {
    let mut args = vec![
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = run(&args);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr(&output),
    )
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "pdf" || e == "docx" || e == "html")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn same_inputs_same_bytes_and_nothing_rewritten() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert!(generate_into(&example_profile(), a.path(), &[]).0);
    assert!(generate_into(&example_profile(), b.path(), &[]).0);
    let dir_a = a.path().join("example/zhejiang");
    let dir_b = b.path().join("example/zhejiang");
    let names = files(&dir_a);
    assert!(names.len() >= 25, "{names:?}");
    for path in &names {
        let other = dir_b.join(path.file_name().unwrap());
        assert!(
            std::fs::read(path).unwrap() == std::fs::read(&other).unwrap(),
            "{} differs between runs",
            path.display()
        );
    }
    let (ok, stdout, _) = generate_into(&example_profile(), a.path(), &[]);
    assert!(ok);
    assert!(stdout.contains("wrote 0, unchanged 25"), "{stdout}");
    // No temporary files are left behind.
    for entry in std::fs::read_dir(&dir_a).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name}");
    }
}

#[test]
fn a_technical_plan_field_rewrites_only_the_technical_plan() {
    let work = tempfile::tempdir().unwrap();
    let profile = work.path().join("example.yaml");
    let text = std::fs::read_to_string(example_profile()).unwrap();
    std::fs::write(&profile, &text).unwrap();
    let out = work.path().join("out");
    assert!(generate_into(&profile, &out, &[]).0);
    let dir = out.join("example/zhejiang");
    let before: Vec<(PathBuf, std::time::SystemTime)> = files(&dir)
        .into_iter()
        .map(|p| {
            let t = std::fs::metadata(&p).unwrap().modified().unwrap();
            (p, t)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(20));

    // memory_gb appears only in the technical plan's equipment list.
    std::fs::write(&profile, text.replacen("memory_gb: 16", "memory_gb: 32", 1)).unwrap();
    let (ok, stdout, stderr) = generate_into(&profile, &out, &[]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("wrote 2, unchanged 23"), "{stdout}");
    for (path, time) in before {
        let now = std::fs::metadata(&path).unwrap().modified().unwrap();
        let is_technical = path.file_stem().unwrap() == "技术方案";
        assert_eq!(now != time, is_technical, "{}", path.display());
    }
}

#[test]
fn hand_edited_files_are_kept_until_forced() {
    let out = tempfile::tempdir().unwrap();
    assert!(generate_into(&example_profile(), out.path(), &["--format", "docx"]).0);
    let edited = out.path().join("example/zhejiang/公司概况.docx");
    std::fs::write(&edited, b"my own version").unwrap();
    let (ok, stdout, _) = generate_into(
        &example_profile(),
        out.path(),
        &["--format", "docx", "--force", "--only", "technical_plan"],
    );
    assert!(ok && stdout.contains("wrote 1"), "{stdout}");
    // A normal run keeps the edit and says so, and fails: the folder differs from the profile.
    let (ok, stdout, _) = generate_into(&example_profile(), out.path(), &["--format", "docx"]);
    assert!(!ok);
    assert!(
        stdout.contains("kept 1 edited by hand (公司概况.docx"),
        "{stdout}"
    );
    assert_eq!(std::fs::read(&edited).unwrap(), b"my own version");
    // --force replaces it.
    let (ok, stdout, _) = generate_into(
        &example_profile(),
        out.path(),
        &["--format", "docx", "--force"],
    );
    assert!(ok && !stdout.contains("kept"), "{stdout}");
    assert_ne!(std::fs::read(&edited).unwrap(), b"my own version");
}

#[test]
fn a_batch_survives_bad_profiles() {
    let work = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example_profile()).unwrap();
    let mut paths = Vec::new();
    for i in 0..50 {
        let body = match i {
            // Two broken profiles: a type error and a checksum error.
            7 => text.replacen("registered_capital: 1000000", "registered_capital: 很多", 1),
            31 => text.replacen("91330106MA2J7Q4TXW", "91330106MA2J7Q4TXA", 1),
            _ => text.replacen("青禾学堂", &format!("青禾学堂{i}号"), 1),
        };
        let path = work.path().join(format!("company-{i:02}.yaml"));
        std::fs::write(&path, body).unwrap();
        paths.push(path.to_string_lossy().into_owned());
    }
    let out = work.path().join("out");
    let mut args = vec!["generate"];
    args.extend(paths.iter().map(String::as_str));
    args.extend([
        "--out",
        out.to_str().unwrap(),
        "--format",
        "docx",
        "--only",
        "business_plan",
    ]);
    let output = run(&args);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a failed profile fails the batch"
    );
    let err = stderr(&output);
    assert!(
        err.contains("50 profile(s): 48 generated, 2 failed"),
        "{err}"
    );
    assert!(
        err.contains("company-07.yaml") && err.contains("company-31.yaml"),
        "{err}"
    );
    let written = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(written, 48);
    assert!(!out.join("company-07").exists());
    let plan = docx_paragraphs(&out.join("company-12/zhejiang/业务发展和实施计划.docx")).join("\n");
    assert!(plan.contains("青禾学堂12号"));
}

#[test]
fn output_stays_inside_the_output_folder() {
    let work = tempfile::tempdir().unwrap();
    let profile = work.path().join("..yaml");
    std::fs::copy(example_profile(), &profile).unwrap();
    let out = work.path().join("out");
    let (ok, stdout, stderr) = generate_into(
        &profile,
        &out,
        &["--format", "docx", "--only", "commitment"],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(&out.join("_").display().to_string()),
        "{stdout}"
    );
    assert_eq!(std::fs::read_dir(work.path()).unwrap().count(), 2);
}

#[test]
fn watch_regenerates_on_save() {
    let work = tempfile::tempdir().unwrap();
    let profile = work.path().join("example.yaml");
    let text = std::fs::read_to_string(example_profile()).unwrap();
    std::fs::write(&profile, &text).unwrap();
    let out = work.path().join("out");
    let mut child = Command::new(binary())
        .args([
            "generate",
            profile.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "docx",
            "--only",
            "technical_plan",
            "--watch",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |needle: &str| -> Result<String, String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Ok(line),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Err(format!("no line containing `{needle}`"))
    };
    let first = wait_for("wrote 1, unchanged 0");
    // Give the watcher a moment to be installed after the first run, then save an edit.
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(&profile, text.replacen("memory_gb: 16", "memory_gb: 64", 1)).unwrap();
    let second = wait_for("wrote 1, unchanged 0");
    // A broken save prints diagnostics and keeps watching.
    std::fs::write(
        &profile,
        text.replacen("memory_gb: 16", "memory_gb: 很多", 1),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    std::fs::write(
        &profile,
        text.replacen("memory_gb: 16", "memory_gb: 128", 1),
    )
    .unwrap();
    let third = wait_for("wrote 1, unchanged 0");
    let _ = child.kill();
    let _ = child.wait();
    first.unwrap();
    second.unwrap();
    third.unwrap();
    let technical = docx_paragraphs(&out.join("example/zhejiang/技术方案.docx")).join("\n");
    assert!(technical.contains("128"), "the last save was generated");
}

#[test]
fn a_run_with_nothing_changed_is_skipped_and_says_what_the_last_said() {
    let out = tempfile::tempdir().unwrap();
    let (ok, stdout, first_warnings) = generate_into(&example_profile(), out.path(), &[]);
    assert!(first_warnings.contains("warning["), "{first_warnings}");
    let dir = out.path().join("example/zhejiang");
    // Every file the run wrote, and those a PDF-only run writes.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    let all = names.len();
    let not_docx = names.iter().filter(|n| !n.ends_with(".docx")).count();
    assert!(
        all >= 16 && ok && stdout.contains(&format!("wrote {all},")),
        "{stdout}"
    );

    // Same inputs: nothing written, and the profile's warnings shown again.
    let (ok, stdout, warnings) = generate_into(&example_profile(), out.path(), &[]);
    assert!(
        ok && stdout.contains(&format!("wrote 0, unchanged {all}")),
        "{stdout}"
    );
    assert_eq!(warnings, first_warnings);

    // The skip trusts each file's length and modification time, as build tools do: bytes
    // changed behind its back with both restored are not seen (only a full run compares
    // contents) …
    let plan = dir.join("技术方案.docx");
    let original = std::fs::read(&plan).unwrap();
    let modified = std::fs::metadata(&plan).unwrap().modified().unwrap();
    let mut swapped = original.clone();
    swapped[0] ^= 0xff;
    std::fs::write(&plan, &swapped).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&plan)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let (ok, stdout, _) = generate_into(&example_profile(), out.path(), &[]);
    assert!(
        ok && stdout.contains(&format!("unchanged {all}")),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        swapped,
        "the skip wrote nothing"
    );
    // … while a touched file takes the full path, which finds the edit and keeps it, and
    // a folder with kept files is never skipped afterwards.
    std::fs::write(&plan, &swapped).unwrap();
    for _ in 0..2 {
        let (ok, stdout, _) = generate_into(&example_profile(), out.path(), &[]);
        assert!(
            !ok && stdout.contains("kept 1 edited by hand (技术方案.docx"),
            "{stdout}"
        );
    }
    // A removed file is written again; other options are another run.
    let (ok, stdout, _) = generate_into(&example_profile(), out.path(), &["--force"]);
    assert!(ok && stdout.contains(&format!("wrote {all},")), "{stdout}");
    assert_eq!(std::fs::read(&plan).unwrap(), original);
    std::fs::remove_file(dir.join("公司概况.pdf")).unwrap();
    let (ok, stdout, _) = generate_into(&example_profile(), out.path(), &[]);
    let rest = all - 1;
    assert!(
        ok && stdout.contains(&format!("wrote 1, unchanged {rest}")),
        "{stdout}"
    );
    let (ok, stdout, _) = generate_into(&example_profile(), out.path(), &["--format", "pdf"]);
    assert!(
        ok && stdout.contains(&format!("wrote 0, unchanged {not_docx}")),
        "{stdout}"
    );
}
