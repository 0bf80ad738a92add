//! Output integrity (issue items 1–8): a folder holds one company's current documents, or the
//! run says loudly that it does not — across batches, planted symlinks, concurrent and killed
//! runs, lost manifests, unreadable and special files.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Files the example's run writes: every document the profile calls for, as PDF and DOCX, and the fill-in sheet's page.
const DOCUMENTS: usize = 25;

fn example() -> String {
    std::fs::read_to_string(example_profile()).unwrap()
}

/// The example profile with another company name, for telling two companies' files apart.
fn other_company() -> String {
    example().replace("杭州青禾网络科技有限公司", "杭州乙方网络科技有限公司")
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

fn icp(args: &[&str]) -> Command {
    let mut command = Command::new(binary());
    command.args(args);
    command
}

/// Runs `command`, killing it and failing the test if it takes longer than `limit`.
fn run_within(command: Command, limit: Duration) -> Output {
    common::output_within(command, limit).0
}

fn generate(profile: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run_within(icp(&args), Duration::from_secs(60))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every name in `dir` (hidden ones too) with the SHA-256 of its bytes (or its kind).
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let kind = e.file_type().unwrap();
            let value = if kind.is_file() {
                icp_docs::output::manifest::sha256_hex(&std::fs::read(e.path()).unwrap())
            } else {
                format!("{kind:?}")
            };
            (name, value)
        })
        .collect()
}

fn documents(dir: &Path) -> BTreeMap<String, String> {
    snapshot(dir)
        .into_iter()
        .filter(|(name, _)| [".pdf", ".docx", ".html"].iter().any(|e| name.ends_with(e)))
        .collect()
}

fn temp_files(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

/// The manifest's hash of every document equals the bytes on disk.
fn assert_manifest_matches_disk(dir: &Path) {
    let text =
        std::fs::read_to_string(dir.join(icp_docs::output::manifest::MANIFEST_FILE)).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    let on_disk = documents(dir);
    assert_eq!(on_disk.len(), DOCUMENTS, "{on_disk:?}");
    for (name, sha) in &on_disk {
        assert_eq!(
            manifest["files"][name]["sha256"].as_str(),
            Some(sha.as_str()),
            "{name}: manifest and disk disagree"
        );
    }
}

/// The company named in each DOCX of `dir` (one of the two test companies).
fn companies(dir: &Path) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = documents(dir)
        .keys()
        .filter(|n| n.ends_with(".docx"))
        .map(|name| {
            let text = docx_paragraphs(&dir.join(name)).join("\n");
            match (text.contains("青禾网络"), text.contains("乙方网络")) {
                (true, false) => "青禾",
                (false, true) => "乙方",
                other => panic!("{name}: companies {other:?}"),
            }
        })
        .collect();
    found.dedup();
    found
}

/// `strace`, which kills a run at an exact system call; the tests fail without it.
fn strace_kill_at_rename(n: u32, args: &[&str]) -> Output {
    let inject = format!("inject=rename,renameat,renameat2:signal=SIGKILL:when={n}");
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg("trace=rename,renameat,renameat2")
        .args(["-e", &inject, binary()])
        .args(args);
    let output = match command.output() {
        Ok(output) => output,
        Err(err) => panic!("this test needs strace (apt-get install strace): {err}"),
    };
    assert!(
        !output.status.success(),
        "strace did not kill the run at rename {n}: {}",
        stderr(&output)
    );
    output
}

#[test]
fn same_named_profiles_in_one_batch_are_refused_before_anything_is_written() {
    let work = tempfile::tempdir().unwrap();
    let a = write(&work.path().join("acme/profile.yaml"), &example());
    let b = write(&work.path().join("beta/profile.yaml"), &other_company());
    let c = write(&work.path().join("gamma.yaml"), &example());
    let out = work.path().join("out");
    let output = run_within(
        icp(&[
            "generate",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            c.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]),
        Duration::from_secs(60),
    );
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    let dir = out.join("profile/zhejiang");
    let expected = format!(
        "error: {} and {} would both write into {}: refused",
        a.display(),
        b.display(),
        dir.display()
    );
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("3 profile(s): 1 generated, 2 failed"), "{err}");
    assert!(
        !out.join("profile").exists(),
        "nothing of acme or beta is written"
    );
    assert_eq!(documents(&out.join("gamma/zhejiang")).len(), DOCUMENTS);

    // The same file twice.
    let output = generate(&c, &out, &[c.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!(
            "error: {} is given more than once: generate each profile once",
            c.display()
        )),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn a_planted_symlink_is_never_followed() {
    let work = tempfile::tempdir().unwrap();
    let profile = write(&work.path().join("acme.yaml"), &example());
    let out = work.path().join("out");
    let dir = out.join("acme/zhejiang");
    std::fs::create_dir_all(&dir).unwrap();
    let victim = write(&work.path().join("victim.txt"), "precious");
    let name = "业务发展和实施计划.pdf";
    std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
    // Links at the names earlier versions gave their temporary files.
    for pid in 0..64 {
        let _ = std::os::unix::fs::symlink(&victim, dir.join(format!(".{name}.{pid}.tmp")));
    }

    let output = generate(&profile, &out, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!(
            "kept 1 edited by hand ({name}: is a symbolic link, not a regular file; --force replaces them)"
        )),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");

    let output = generate(&profile, &out, &["--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        assert!(
            !entry.file_type().unwrap().is_symlink(),
            "{:?} is a symlink",
            entry.file_name()
        );
    }
    assert_manifest_matches_disk(&dir);
}

#[test]
fn a_long_file_name_renders_completely_or_not_at_all() {
    let work = tempfile::tempdir().unwrap();
    // 243 bytes: the temporary names of earlier versions went past NAME_MAX.
    let stem = "a".repeat(240);
    let input = write(
        &work.path().join(format!("{stem}.md")),
        "# 标题\n\n正文。\n",
    );
    let out = work.path().join("out");
    let output = run_within(
        icp(&[
            "render",
            input.to_str().unwrap(),
            "--to",
            "pdf,docx",
            "--out",
            out.to_str().unwrap(),
        ]),
        Duration::from_secs(60),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let short = "a".repeat(200);
    let names: Vec<String> = snapshot(&out).into_keys().collect();
    assert_eq!(names, [format!("{short}.docx"), format!("{short}.pdf")]);
}

#[cfg(unix)]
#[test]
fn a_second_run_waits_for_the_lock_then_refuses() {
    let work = tempfile::tempdir().unwrap();
    let profile = write(&work.path().join("acme.yaml"), &example());
    let out = work.path().join("out");
    let dir = out.join("acme/zhejiang");
    std::fs::create_dir_all(&dir).unwrap();
    // Another run holds the folder.
    let holder = std::fs::File::open(&dir).unwrap();
    holder.lock().unwrap();
    let start = Instant::now();
    let mut command = icp(&[
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    command.env("ICP_DOCS_LOCK_WAIT", "1");
    let output = run_within(command, Duration::from_secs(60));
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!(
            "error: {}: another icp-docs run is writing into {} (it holds the folder's lock); waited 1 s",
            profile.display(),
            dir.display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(
        snapshot(&dir).is_empty(),
        "nothing is written without the lock"
    );
    // Released: the run goes through.
    drop(holder);
    let output = generate(&profile, &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn two_processes_on_one_folder_leave_one_company() {
    let work = tempfile::tempdir().unwrap();
    let a = write(&work.path().join("a/profile.yaml"), &example());
    let b = write(&work.path().join("b/profile.yaml"), &other_company());
    let out = work.path().join("out");
    let dir = out.join("profile/zhejiang");
    for round in 0..3 {
        let spawn = |profile: &Path| {
            icp(&[
                "generate",
                profile.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        };
        let (first, second) = if round % 2 == 0 { (&a, &b) } else { (&b, &a) };
        let one = spawn(first);
        let two = spawn(second);
        for child in [one, two] {
            let output = child.wait_with_output().unwrap();
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        }
        assert_eq!(companies(&dir).len(), 1, "round {round}: mixed companies");
        assert_manifest_matches_disk(&dir);
        assert!(temp_files(&dir).is_empty());
    }
}

#[test]
fn a_lost_corrupt_or_huge_manifest_never_reports_success_for_stale_documents() {
    let work = tempfile::tempdir().unwrap();
    let profile = write(&work.path().join("acme.yaml"), &example());
    let out = work.path().join("out");
    let dir = out.join("acme/zhejiang");
    let manifest = dir.join(icp_docs::output::manifest::MANIFEST_FILE);
    assert!(generate(&profile, &out, &[]).status.success());
    let before = documents(&dir);

    // Lost, profile unchanged: the files are exactly what would be written: adopted.
    std::fs::remove_file(&manifest).unwrap();
    let output = generate(&profile, &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!("wrote 0, unchanged {DOCUMENTS}")),
        "{}",
        stdout(&output)
    );
    assert_manifest_matches_disk(&dir);

    // Lost, profile changed: nothing is overwritten, and the run fails saying so.
    std::fs::remove_file(&manifest).unwrap();
    write(
        &profile,
        &example().replace("date: 2026-12-08", "date: 2026-12-09"),
    );
    let output = generate(&profile, &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(&format!(
            "wrote 0, unchanged 0, kept {DOCUMENTS} edited by hand ("
        )),
        "{text}"
    );
    assert!(text.contains("--force replaces them"), "{text}");
    assert!(
        stderr(&output).contains("there is no .icp-docs-manifest.json"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        documents(&dir),
        before,
        "the old documents are left as they were"
    );

    // Corrupt, or a huge file in its place: the same, with the reason.
    for (bytes, reason) in [
        (b"{\"tool\": ".to_vec(), "is corrupt"),
        (vec![b' '; 2 * 1024 * 1024], "is larger than 1048576 bytes"),
    ] {
        std::fs::write(&manifest, bytes).unwrap();
        let output = generate(&profile, &out, &[]);
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains(reason), "{}", stderr(&output));
        assert_eq!(documents(&dir), before);
    }
    // --force applies the change.
    let output = generate(&profile, &out, &["--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!("wrote {DOCUMENTS}")),
        "{}",
        stdout(&output)
    );
    assert_manifest_matches_disk(&dir);
}

#[test]
fn two_interrupted_runs_in_a_row_do_not_turn_our_files_into_hand_edits() {
    let work = tempfile::tempdir().unwrap();
    let profile = write(&work.path().join("acme.yaml"), &example());
    let out = work.path().join("out");
    let dir = out.join("acme/zhejiang");
    assert!(generate(&profile, &out, &[]).status.success());
    let args = [
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    // Killed right after the manifest was saved, before any document was renamed: twice,
    // with a different profile each time.
    for day in ["09", "10"] {
        write(
            &profile,
            &example().replace("date: 2026-12-08", &format!("date: 2026-12-{day}")),
        );
        strace_kill_at_rename(2, &args);
    }
    let output = generate(&profile, &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(!stdout(&output).contains("kept"), "{}", stdout(&output));
    // Each run removes what the one before it left.
    assert!(
        stderr(&output).contains(&format!(
            "removed {DOCUMENTS} temporary file(s) left by an interrupted run"
        )),
        "{}",
        stderr(&output)
    );
    assert_manifest_matches_disk(&dir);
    assert!(temp_files(&dir).is_empty());
}

#[test]
fn killed_runs_leave_nothing_a_later_run_does_not_put_right() {
    let work = tempfile::tempdir().unwrap();
    let profile = write(&work.path().join("acme.yaml"), &example());
    let out = work.path().join("out");
    let dir = out.join("acme/zhejiang");
    let args = [
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let dated =
        |day: u32| example().replace("date: 2026-12-08", &format!("date: 2026-12-{day:02}"));
    // At every rename: the manifest's, each document's, the final manifest's.
    for n in 1..=18 {
        write(&profile, &dated(1 + n % 20));
        strace_kill_at_rename(n, &args);
    }
    // At arbitrary moments.
    for k in 0..20u64 {
        write(&profile, &dated(1 + (k % 20) as u32));
        let mut child = icp(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(k * 13 % 250));
        let _ = child.kill();
        let _ = child.wait();
    }
    write(&profile, &dated(21));
    let output = generate(&profile, &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(!stdout(&output).contains("kept"), "{}", stdout(&output));
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
    assert_manifest_matches_disk(&dir);
    // Byte for byte what an uninterrupted run writes.
    let fresh = work.path().join("fresh");
    assert!(generate(&profile, &fresh, &[]).status.success());
    assert_eq!(documents(&dir), documents(&fresh.join("acme/zhejiang")));
}

#[cfg(unix)]
#[test]
fn an_unreadable_hand_edit_is_kept_not_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let work = tempfile::tempdir().unwrap();
    std::fs::set_permissions(work.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let profile = write(&work.path().join("acme.yaml"), &example());
    let out = work.path().join("out");
    let dir = out.join("acme/zhejiang");
    let mut args = vec![
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--only",
        "declaration",
    ];
    // Root reads anything: run as nobody then, so that mode 000 means what it says.
    let as_user = |args: &[&str]| {
        // SAFETY: geteuid has no preconditions.
        let mut command = if unsafe { libc::geteuid() } == 0 {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", binary()]);
            c
        } else {
            Command::new(binary())
        };
        command.args(args);
        let output = command
            .output()
            .unwrap_or_else(|e| panic!("this test needs setpriv (util-linux): {e}"));
        assert!(
            !stderr(&output).contains("setpriv:"),
            "setpriv failed: {}",
            stderr(&output)
        );
        output
    };
    let output = as_user(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let edited = dir.join("真实性声明.docx");
    std::fs::write(&edited, b"signed and scanned, do not touch").unwrap();
    std::fs::set_permissions(&edited, std::fs::Permissions::from_mode(0o000)).unwrap();
    args.push("--format");
    args.push("docx");
    let output = as_user(&args);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(
            "kept 1 edited by hand (真实性声明.docx: cannot be read: Permission denied (os error 13); --force replaces them)"
        ),
        "{}",
        stdout(&output)
    );
    std::fs::set_permissions(&edited, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(
        std::fs::read(&edited).unwrap(),
        b"signed and scanned, do not touch"
    );
}

#[cfg(unix)]
#[test]
fn special_files_never_hang_a_run() {
    let work = tempfile::tempdir().unwrap();
    let profile = write(&work.path().join("acme.yaml"), &example());
    let out = work.path().join("out");
    let dir = out.join("acme/zhejiang");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = std::ffi::CString::new(dir.join("技术方案.pdf").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("/dev/zero", dir.join("公司概况.pdf")).unwrap();
    std::os::unix::fs::symlink(
        "/dev/zero",
        dir.join(icp_docs::output::manifest::MANIFEST_FILE),
    )
    .unwrap();
    let output = run_within(
        {
            let mut c = icp(&[
                "generate",
                profile.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ]);
            c.stdin(Stdio::null());
            c
        },
        Duration::from_secs(30),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("技术方案.pdf: is a FIFO, not a regular file"),
        "{text}"
    );
    assert!(
        text.contains("公司概况.pdf: is a symbolic link, not a regular file"),
        "{text}"
    );

    // Profiles: a device, a FIFO, a folder.
    let profile_fifo = work.path().join("fifo.yaml");
    let c = std::ffi::CString::new(profile_fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    for (path, kind) in [
        (Path::new("/dev/zero"), "a device"),
        (profile_fifo.as_path(), "a FIFO"),
        (work.path(), "a directory"),
    ] {
        let output = run_within(
            icp(&["check", path.to_str().unwrap()]),
            Duration::from_secs(10),
        );
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            stderr(&output),
            format!(
                "error: cannot read profile {}: it is {kind}, not a regular file\n",
                path.display()
            )
        );
    }
}
