//! Input limits, numbers and agreement between check and generate (issue items 9–18): each
//! hostile or careless profile is refused quickly, at its line, the same way by both
//! commands, and never crashes a run.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::*;

fn example() -> String {
    std::fs::read_to_string(example_profile()).unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in the profile"))
        + 1
}

struct Work {
    dir: tempfile::TempDir,
}

impl Work {
    fn new() -> Work {
        Work {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }
}

/// Runs icp-docs with `args`; fails the test if it takes longer than `limit`.
fn run_within(args: &[&str], env: &[(&str, &str)], limit: Duration) -> (Output, Duration) {
    let mut command = Command::new(binary());
    command.args(args).envs(env.iter().copied());
    common::output_within(command, limit)
}

fn check(path: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    run_within(&args, &[], Duration::from_secs(30)).0
}

fn generate(work: &Work, path: &Path) -> Output {
    let out = work.out();
    run_within(
        &[
            "generate",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
        Duration::from_secs(60),
    )
    .0
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

#[test]
fn alias_amplification_is_refused_quickly_at_the_alias() {
    let work = Work::new();
    let big = "x".repeat(420_000);
    let aliases = vec!["*big"; 100_000].join(", ");
    let text = example().replace(
        "  features: [用户注册与实名认证",
        &format!("  features: [&big {big}, {aliases}, 用户注册与实名认证"),
    );
    assert!(text.len() < 1024 * 1024);
    let path = work.file("alias.yaml", &text);
    let (output, elapsed) = run_within(
        &["check", path.to_str().unwrap()],
        &[],
        Duration::from_secs(10),
    );
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(output.status.code(), Some(2));
    let line = line_of(&text, "  features: [&big");
    let err = stdout(&output);
    assert!(
        err.contains("with its aliases expanded the profile grows past 4194304 bytes here (`service.features[9]`)"),
        "{err}"
    );
    assert!(err.contains(&format!("alias.yaml:{line}:")), "{err}");
    // generate refuses the same way and writes nothing.
    let output = generate(&work, &path);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("with its aliases expanded"));
    assert!(!work.out().exists());
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let work = Work::new();
    let cases = [
        (
            "brackets.yaml",
            format!("a: {}", "[".repeat(1024 * 1024 - 3)),
            1,
            67,
        ),
        (
            "levels.yaml",
            format!("a: {}{}\n", "[".repeat(40_000), "]".repeat(40_000)),
            1,
            67,
        ),
        (
            "dashes.yaml",
            format!("{}x\n", "- ".repeat(500_000)),
            1,
            127,
        ),
    ];
    for (name, text, line, column) in cases {
        let path = work.file(name, &text);
        let (output, elapsed) = run_within(
            &["check", path.to_str().unwrap()],
            &[],
            Duration::from_secs(10),
        );
        assert!(elapsed < Duration::from_secs(2), "{name}: {elapsed:?}");
        assert_eq!(output.status.code(), Some(2), "{name}");
        let err = stdout(&output);
        assert!(
            err.contains("error[profile-syntax]: the YAML nests more than 64 levels deep here"),
            "{name}: {err}"
        );
        assert!(
            err.contains(&format!("{name}:{line}:{column}")),
            "{name}: {err}"
        );
    }
}

#[test]
fn money_that_would_wrap_is_refused_at_its_line() {
    let work = Work::new();
    let text = example()
        .replace("contribution: 600000", "contribution: 18446744073709551615")
        .replace("contribution: 400000", "contribution: 1000001");
    let path = work.file("wrap.yaml", &text);
    let output = check(&path, &[]);
    assert_eq!(output.status.code(), Some(2));
    let report = stdout(&output);
    let line = line_of(&text, "18446744073709551615");
    assert!(report.contains(
        "error[number-range]: 18446744073709551615 yuan is more than 1万亿元 (10^12 yuan), the most a profile may state (`company.shareholders[0].contribution`)"
    ), "{report}");
    assert!(report.contains(&format!("wrap.yaml:{line}:21")), "{report}");
    assert!(
        report.contains(
            "error[money-sum-range]: the `contribution` amounts add up to more than 1万亿元"
        ),
        "{report}"
    );
    let output = generate(&work, &path);
    assert_eq!(output.status.code(), Some(2));
    assert!(!work.out().exists());

    // Plan sums: each year in range, the total not.
    let text = example().replace("investment: 1200000", "investment: 999999999999");
    let text = text.replace("investment: 1800000", "investment: 999999999999");
    let output = check(&work.file("plan.yaml", &text), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains(
        "error[money-sum-range]: the `investment` amounts add up to more than 1万亿元 (10^12 yuan) (`plan.years`)"
    ));
}

#[test]
fn shares_out_of_range_or_not_numbers_never_crash_generate() {
    let work = Work::new();
    for (share_a, share_b, expected) in [
        (
            "150",
            "-50",
            [
                "a share of 150% is not above 0% and at most 100%",
                "a share of -50% is not above 0% and at most 100%",
            ],
        ),
        (
            ".nan",
            "40",
            ["`.nan` is not a finite number", "number-not-finite"],
        ),
        (
            ".inf",
            "-.inf",
            [
                "`.inf` is not a finite number",
                "`-.inf` is not a finite number",
            ],
        ),
    ] {
        let text = example()
            .replace("      share: 60", &format!("      share: {share_a}"))
            .replace("      share: 40", &format!("      share: {share_b}"));
        let path = work.file("shares.yaml", &text);
        let output = check(&path, &[]);
        assert_eq!(output.status.code(), Some(2), "{share_a} {share_b}");
        let report = stdout(&output);
        for message in expected {
            assert!(report.contains(message), "{report}");
        }
        let line = line_of(&text, &format!("      share: {share_a}"));
        assert!(
            report.contains(&format!("shares.yaml:{line}:14")),
            "{report}"
        );
        let output = generate(&work, &path);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains(expected[0]), "{}", stderr(&output));
        assert!(!work.out().exists());
    }
}

#[test]
fn a_total_row_is_what_its_rows_add_up_to() {
    let work = Work::new();
    // 33.333 × 3 totals 99.999 (within the 0.01 the sum rule allows) but prints 99.99.
    let third = "    - name: 杭州禾木投资合伙企业（有限合伙）";
    let text = example()
        .replace("      share: 60", "      share: 33.333")
        .replace("      share: 40", "      share: 33.333");
    let holder_start = text.find(third).unwrap();
    let holder_end = text[holder_start..].find("  staff:").unwrap() + holder_start;
    let copy =
        text[holder_start..holder_end].replace("杭州禾木投资合伙企业", "杭州禾苗投资合伙企业");
    let text = format!("{}{copy}{}", &text[..holder_end], &text[holder_end..]);
    let output = check(&work.file("thirds.yaml", &text), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains(
        "error[shares-rounding]: the shares add up to 99.999%, but printed with two decimals they add up to 99.99% (`company.shareholders`)"
    ), "{}", stdout(&output));

    // Shares that print as 66.66% and 33.34%: the 合计 is 100%, the sum of the rows.
    let text = example()
        .replace("      share: 60", "      share: 66.664")
        .replace("      share: 40", "      share: 33.336");
    let path = work.file("rounded.yaml", &text);
    let output = generate(&work, &path);
    assert!(output.status.success(), "{}", stderr(&output));
    let docx = work.out().join("rounded/zhejiang/公司概况.docx");
    let paragraphs = docx_paragraphs(&docx);
    assert_in_order(&paragraphs, &["66.66%", "33.34%", "合计", "100", "100%"]);
}

#[test]
fn errors_are_located_at_their_own_line() {
    let work = Work::new();
    let example = example();
    // A repeated key, at its second occurrence.
    let text = example.replace(
        "  kind: 有限责任公司",
        "  kind: 有限责任公司\n  credit_code: 91330106MA2J7Q4TXW",
    );
    let output = check(&work.file("dup.yaml", &text), &[]);
    let line = line_of(&text, "  kind: 有限责任公司") + 1;
    let first = line_of(&text, "  credit_code:");
    assert!(stdout(&output).contains(&format!(
        "error[profile-syntax]: the key `credit_code` is given twice (first at line {first}) (`company.credit_code`)"
    )), "{}", stdout(&output));
    assert!(
        stdout(&output).contains(&format!("dup.yaml:{line}:3")),
        "{}",
        stdout(&output)
    );

    // A file with old Mac line breaks reads like any other.
    let output = check(&work.file("cr.yaml", &example.replace('\n', "\r")), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let broken = example.replace("  kind: 有限责任公司", "  kind: 有限责任公司\n  kind2: x");
    let output = check(&work.file("cr2.yaml", &broken.replace('\n', "\r")), &[]);
    let line = line_of(&broken, "kind2");
    assert!(
        stdout(&output).contains(&format!("cr2.yaml:{line}:3")),
        "{}",
        stdout(&output)
    );

    // A tag does not give a message that contradicts itself.
    let text = example.replace("contribution: 400000", "contribution: !!int \"400000\"");
    let output = check(&work.file("tag.yaml", &text), &[]);
    let report = stdout(&output);
    assert!(report.contains("error[profile-syntax]: the YAML tag `!!int` is not supported in a profile (`company.shareholders[1].contribution`)"), "{report}");
    assert!(!report.contains("expected u64"), "{report}");

    // generate names the file once.
    let missing = work.dir.path().join("missing.yaml");
    let output = generate(&work, &missing);
    assert_eq!(
        stderr(&output),
        format!(
            "error: cannot read profile {}: it does not exist\n",
            missing.display()
        )
    );
}

#[test]
fn check_reports_every_character_generate_cannot_print() {
    let work = Work::new();
    let text = example()
        .replace("name: 青禾学堂", "name: 青禾龘学堂😀\u{202E}x")
        .replace("users: 全国", "users: 全\u{2066}国");
    let path = work.file("chars.yaml", &text);
    let output = check(&path, &[]);
    assert_eq!(output.status.code(), Some(2));
    let report = stdout(&output);
    let name = line_of(&text, "name: 青禾龘");
    let users = line_of(&text, "users: 全");
    for expected in [
        format!("error[font-coverage]: “龘” (U+9F98) is not in the fonts the PDF embeds (`service.name`)\n  --> {}:{name}:11", path.display()),
        format!("error[font-coverage]: “😀” (U+1F600) is not in the fonts the PDF embeds (`service.name`)\n  --> {}:{name}:14", path.display()),
        format!("error[bidi-character]: bidirectional control character U+202E cannot be printed (`service.name`)\n  --> {}:{name}:15", path.display()),
        format!("error[bidi-character]: bidirectional control character U+2066 cannot be printed (`service.users`)\n  --> {}:{users}:11", path.display()),
    ] {
        assert!(report.contains(&expected), "{expected}\nin\n{report}");
    }
    // The snippet shows the characters escaped, never raw.
    assert!(report.contains("青禾龘学堂😀\\u{202E}x"), "{report}");
    for bytes in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains('\u{202E}') && !text.contains('\u{2066}'));
    }
    // generate refuses with the same findings, all of them.
    let output = generate(&work, &path);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.matches("error[font-coverage]").count(), 2, "{err}");
    assert_eq!(err.matches("error[bidi-character]").count(), 2, "{err}");
    assert!(!err.contains('\u{202E}'));
    assert!(!work.out().exists());
    // JSON escapes them too, and stays JSON.
    let output = check(&path, &["--format", "json"]);
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\u{202E}'));
    assert_eq!(json(&output)["errors"], 4);
}

#[test]
fn json_is_always_json() {
    let work = Work::new();
    let missing = work.dir.path().join("missing.yaml");
    let big = work.file("big.yaml", &"# padding\n".repeat(120_000));
    let provinces = work.file(
        "province.yaml",
        &example().replace("  province: zhejiang ", "  province: zhejaing "),
    );
    let templates = work.dir.path().join("templates");
    work.file("templates/zhejiang/variant.yaml", "inprovince_hostng: {}\n");
    let cases: Vec<(Vec<String>, &str, String)> = vec![
        (
            vec![missing.display().to_string()],
            "profile-read",
            format!(
                "cannot read profile {}: it does not exist",
                missing.display()
            ),
        ),
        (
            vec![work.dir.path().display().to_string()],
            "profile-read",
            format!(
                "cannot read profile {}: it is a directory, not a regular file",
                work.dir.path().display()
            ),
        ),
        (
            vec![big.display().to_string()],
            "profile-too-large",
            format!(
                "profile {} is 1200000 bytes; a profile is at most 1048576 bytes",
                big.display()
            ),
        ),
        (
            vec![
                example_profile().display().to_string(),
                "--province".into(),
                "atlantis".into(),
            ],
            "province-unknown",
            "unknown province `atlantis`".into(),
        ),
        (
            vec![
                example_profile().display().to_string(),
                "--templates".into(),
                templates.display().to_string(),
            ],
            "variant-file",
            format!(
                "{}: unknown field `inprovince_hostng`",
                templates.join("zhejiang/variant.yaml").display()
            ),
        ),
        (
            vec![
                example_profile().display().to_string(),
                "--templates".into(),
                "/nonexistent".into(),
            ],
            "templates-folder",
            "cannot read template folder /nonexistent: ".into(),
        ),
    ];
    for (args, rule, message) in cases {
        let mut all = vec!["check".to_string()];
        all.extend(args);
        all.extend(["--format".to_string(), "json".to_string()]);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let (output, _) = run_within(&refs, &[], Duration::from_secs(30));
        assert_eq!(output.status.code(), Some(2), "{all:?}");
        let report = json(&output);
        assert_eq!(report["errors"], 1, "{report:#}");
        let finding = &report["findings"][0];
        assert_eq!(finding["rule"], rule, "{report:#}");
        let text = finding["message"].as_str().unwrap();
        assert!(text.starts_with(&message), "{text}\nexpected: {message}");
        // The human form is an error too, not a silent pass.
        let (output, _) = run_within(&refs[..refs.len() - 2], &[], Duration::from_secs(30));
        assert_eq!(output.status.code(), Some(2), "{all:?}");
    }
    // An unknown province in the profile is a finding at its line.
    let output = check(&provinces, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "province-unknown");
    assert_eq!(finding["path"], "application.province");
    assert_eq!(finding["line"], 9);
    assert_eq!(finding["column"], 13);
}

#[test]
fn nested_lists_render_in_pdf_and_docx() {
    let work = Work::new();
    let input = work.file(
        "lists.md",
        "---\ntitle: 列表\n---\n\n- 一级\n    - 二级\n        - 三级\n            - 四级\n\n1. 第一\n    1. 其一\n        1. 之一\n",
    );
    let out = work.out();
    let (output, _) = run_within(
        &[
            "render",
            input.to_str().unwrap(),
            "--to",
            "pdf,docx",
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
        Duration::from_secs(60),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // With the markers Word's numbering prints (the list four levels deep keeps them as
    // text, which Word's three levels cannot give).
    let paragraphs = numbering::docx_paragraphs_with_markers(&out.join("lists.docx"));
    // Numbered as the levels below the headings (1. （1） ①), in both formats alike.
    let items = [
        "1.一级",
        "（1）二级",
        "①三级",
        "①四级",
        "1.第一",
        "（1）其一",
        "①之一",
    ];
    assert_in_order(&paragraphs, &items);
    let pdf_lines: Vec<String> = pdftotext_of(&out.join("lists.pdf"))
        .lines()
        .map(str::to_owned)
        .collect();
    assert_in_order(&pdf_lines, &items);
}

#[cfg(unix)]
#[test]
fn a_hostile_template_ends_with_an_error() {
    let work = Work::new();
    let out = work.out();
    let profile = example_profile();
    let templates = work.dir.path().join("t");
    let run = |template: &str, env: &[(&str, &str)]| {
        work.file("t/base/commitment.md.tera", template);
        run_within(
            &[
                "generate",
                profile.to_str().unwrap(),
                "--templates",
                templates.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--only",
                "commitment",
            ],
            env,
            Duration::from_secs(30),
        )
    };
    let loops =
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}";
    let (output, elapsed) = run(loops, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert!(stderr(&output).contains(
        "template base/commitment.md.tera: the document grew past 4194304 bytes and was stopped"
    ), "{}", stderr(&output));
    let silent = loops.replace('x', "");
    let (output, elapsed) = run(&silent, &[("ICP_DOCS_RENDER_TIMEOUT", "1")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert!(
        stderr(&output).contains(
            "template base/commitment.md.tera: rendering took longer than 1 s and was stopped"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!out
        .join("example")
        .join("zhejiang")
        .join("依法经营电信业务承诺书.pdf")
        .exists());

    // Links back into the folder do not loop; a FIFO named like a template is refused.
    std::os::unix::fs::symlink("..", templates.join("base/up")).unwrap();
    std::os::unix::fs::symlink(".", templates.join("here")).unwrap();
    let (output, _) = run("---\ntitle: 承诺书\n---\n承诺", &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let fifo = templates.join("base/declaration.md.tera");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let (output, _) = run("---\ntitle: 承诺书\n---\n承诺", &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!(
            "cannot read template {}: it is a FIFO, not a regular file",
            fifo.display()
        )),
        "{}",
        stderr(&output)
    );
    // check says the same.
    let (output, _) = run_within(
        &[
            "check",
            profile.to_str().unwrap(),
            "--templates",
            templates.to_str().unwrap(),
        ],
        &[],
        Duration::from_secs(30),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("it is a FIFO, not a regular file"));
}
