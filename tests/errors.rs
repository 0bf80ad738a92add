//! Bad input: a clear message with file:line:column and YAML path, a non-zero exit, and
//! nothing written.

mod common;

use common::*;

/// Writes `profile` to a temp file, runs generate, and returns (stderr, output dir exists).
fn generate_bad(profile: &str) -> (String, bool, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    std::fs::write(&path, profile).unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "generate",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success(), "a bad profile must fail");
    assert_eq!(output.status.code(), Some(2));
    (stderr(&output), out.exists(), dir)
}

fn example() -> String {
    std::fs::read_to_string(example_profile()).unwrap()
}

#[test]
fn type_error_reports_line_column_and_path() {
    let profile = example().replace("      contribution: 400000", "      contribution: 四十万");
    let (err, wrote, _dir) = generate_bad(&profile);
    assert!(!wrote, "nothing may be written");
    let line = example()
        .lines()
        .position(|l| l == "      contribution: 400000")
        .unwrap()
        + 1;
    assert!(err.contains(&format!("bad.yaml:{line}:")), "{err}");
    assert!(
        err.contains("company.shareholders[1].contribution"),
        "{err}"
    );
    assert!(
        err.contains("help:") && err.contains("whole number"),
        "{err}"
    );
}

#[test]
fn unknown_key_suggests_the_nearest_name() {
    let profile = example().replace(
        "  credit_code: 91330106MA2J7Q4TXW",
        "  credit_cod: 91330106MA2J7Q4TXW",
    );
    let (err, wrote, _dir) = generate_bad(&profile);
    assert!(!wrote);
    assert!(err.contains("unknown field `credit_cod`"), "{err}");
    assert!(err.contains("did you mean `credit_code`"), "{err}");
    assert!(err.contains("bad.yaml:15:3"), "{err}");
}

#[test]
fn broken_yaml_reports_position() {
    // An unterminated quote: libyaml notices where the next key should have started.
    let profile = example().replace(
        "  email: contact@qinghe-edu.cn",
        "  email: \"contact@qinghe-edu.cn",
    );
    let (err, wrote, _dir) = generate_bad(&profile);
    assert!(!wrote);
    let line = example()
        .lines()
        .position(|l| l.starts_with("  postcode:"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("bad.yaml:{line}:")), "{err}");
    assert!(err.contains("did not find expected key"), "{err}");
    // Positions are printed once, by us, not repeated inside the message.
    assert!(!err.contains(" at line "), "{err}");
    assert!(err.contains("help: check the YAML syntax"), "{err}");
}

#[test]
fn invalid_date_is_explained() {
    let profile = example().replace("  date: 2026-12-08", "  date: 2026-02-30");
    let (err, wrote, _dir) = generate_bad(&profile);
    assert!(!wrote);
    assert!(err.contains("application.date"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn empty_and_non_utf8_files_are_rejected() {
    let (err, wrote, _dir) = generate_bad("# nothing here\n");
    assert!(!wrote);
    assert!(err.contains("empty"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.yaml");
    // "公司" in GBK
    std::fs::write(&path, b"version: 1\ncompany: \xb9\xab\xcb\xbe\n").unwrap();
    let output = run(&[
        "generate",
        path.to_str().unwrap(),
        "--out",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("UTF-8") && err.contains("gbk.yaml:2:"),
        "{err}"
    );
}

#[test]
fn unknown_province_suggests_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "generate",
        example_profile().to_str().unwrap(),
        "--province",
        "zhejaing",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("did you mean `zhejiang`"));
    assert!(!out.exists());
}

#[test]
fn the_shipped_sample_is_accepted_unchanged() {
    // profiles/example.yaml is the format's sample plus one editor comment on top; the
    // sample as published (without it) must be accepted as it is.
    let example = example();
    let sample = example
        .strip_prefix("# yaml-language-server: $schema=../profile.schema.json\n")
        .expect("the example starts with the schema comment");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qinghe-zhejiang-icp.yaml");
    std::fs::write(&path, sample).unwrap();
    let output = run(&[
        "generate",
        path.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}
