//! `icp-docs check`: a corpus of bad profiles, one defect each, derived from the example by a
//! one-line edit. Each must give its finding at the expected line, exit 2, and make
//! `generate` write nothing.

mod common;

use common::*;

struct Case {
    name: &'static str,
    /// Text of the example to replace (first occurrence) and its replacement.
    from: &'static str,
    to: &'static str,
    rule: &'static str,
    /// Line of the finding in the edited file.
    line: usize,
}

const CASES: &[Case] = &[
    Case { name: "wrong type", from: "registered_capital: 1000000", to: "registered_capital: 一百万", rule: "profile-syntax", line: 18 },
    Case { name: "unknown key", from: "  kind: 有限责任公司", to: "  kinds: 有限责任公司", rule: "profile-syntax", line: 16 },
    Case { name: "invalid date", from: "  established: 2021-03-15", to: "  established: 2021-02-30", rule: "profile-syntax", line: 17 },
    Case { name: "bad enum value", from: "    tenure: leased", to: "    tenure: rented", rule: "profile-syntax", line: 28 },
    Case { name: "credit code checksum", from: "91330106MA2J7Q4TXW", to: "91330106MA2J7Q4TXA", rule: "credit-code-check", line: 15 },
    Case { name: "credit code not a company", from: "91330106MA2J7Q4TXW", to: "12330106MA2J7Q4TX2", rule: "credit-code-company", line: 15 },
    Case { name: "credit code format", from: "91330106MA2J7Q4TXW", to: "91330106MA2J7Q4TXO", rule: "credit-code-format", line: 15 },
    Case { name: "shareholder credit code", from: "91330108MA7C3N6P2G", to: "91330108MA7C3N6P2H", rule: "credit-code-check", line: 47 },
    Case { name: "ID check digit", from: "\"330106198604122735\"", to: "\"330106198604122736\"", rule: "id-number-check", line: 32 },
    Case { name: "ID birth date", from: "\"330106198604122735\"", to: "\"330106198613122735\"", rule: "id-number-birth-date", line: 32 },
    Case { name: "mobile number", from: "mobile: \"13805712345\"", to: "mobile: \"1380571234\"", rule: "mobile", line: 33 },
    Case { name: "e-mail", from: "email: contact@qinghe-edu.cn", to: "email: contact-qinghe-edu.cn", rule: "email", line: 23 },
    Case { name: "foreign shareholder", from: "      nationality: 中国", to: "      nationality: 美国", rule: "foreign-shareholder", line: 41 },
    Case { name: "foreign ultimate owner", from: "{ name: 周敏, nationality: 中国", to: "{ name: 周敏, nationality: 新加坡", rule: "foreign-owner", line: 51 },
    Case { name: "shares not 100", from: "      share: 60", to: "      share: 55", rule: "shares-sum", line: 39 },
    Case { name: "contributions not capital", from: "      contribution: 600000", to: "      contribution: 500000", rule: "contributions-sum", line: 39 },
    Case { name: "capital below minimum", from: "registered_capital: 1000000", to: "registered_capital: 500000", rule: "capital-minimum", line: 18 },
    Case { name: "not traced to natural persons", from: "      ultimate_owners:                   # traced to natural persons\n        - { name: 周敏, nationality: 中国, share: 70 }\n        - { name: 王立新, nationality: 中国, share: 30 }\n", to: "", rule: "ultimate-owners", line: 45 },
    Case { name: "business scope", from: "第二类增值电信业务；技术服务", to: "技术服务", rule: "business-scope", line: 21 },
    Case { name: "expired lease", from: "lease_until: 2028-06-30", to: "lease_until: 2026-06-30", rule: "lease-expired", line: 29 },
    Case { name: "too few insured staff", from: "with_social_security: 26", to: "with_social_security: 2", rule: "staff-insured", line: 56 },
    Case { name: "no technical staff", from: "    technical: 11", to: "    technical: 0", rule: "staff-technical", line: 55 },
    Case { name: "missing security officer role", from: "role: 信息安全负责人", to: "role: 运营负责人", rule: "key-role", line: 58 },
    Case { name: "security officer not a key person", from: "  officer: 林晓", to: "  officer: 王五", rule: "security-person", line: 125 },
    Case { name: "liaison not a key person", from: "  liaison: 林晓", to: "  liaison: 王五", rule: "security-person", line: 126 },
    Case { name: "domain held by someone else", from: "holder: 杭州青禾网络科技有限公司", to: "holder: 林晓", rule: "domain-holder", line: 67 },
    Case { name: "domain expired", from: "expires: 2030-03-20", to: "expires: 2025-03-20", rule: "domain-expired", line: 67 },
    Case { name: "domain with scheme", from: "domain: qinghe-edu.cn,", to: "domain: \"https://qinghe-edu.cn/\",", rule: "domain-format", line: 67 },
    Case { name: "备案 missing", from: "  icp_filing: 浙ICP备2021018846号-1      # ICP备案号\n", to: "", rule: "icp-filing-missing", line: 64 },
    Case { name: "备案 number malformed", from: "浙ICP备2021018846号-1", to: "浙ICP2021018846", rule: "icp-filing-format", line: 68 },
    Case { name: "hosting outside the mainland", from: "    province: zhejiang", to: "    province: hongkong", rule: "hosting-mainland", line: 104 },
    Case { name: "hosting licence malformed", from: "浙B1-20190001", to: "星垣IDC许可", rule: "hosting-licence", line: 102 },
    Case { name: "hosting contract expired", from: "contract_until: 2027-12-31", to: "contract_until: 2026-01-31", rule: "hosting-contract-expired", line: 105 },
    Case { name: "log retention too short", from: "log_retention_days: 180", to: "log_retention_days: 30", rule: "log-retention", line: 122 },
    Case { name: "plan years not consecutive", from: "{ year: 2028,", to: "{ year: 2030,", rule: "plan-consecutive", line: 90 },
    Case { name: "plan starts too early", from: "{ year: 2027,", to: "{ year: 2025,", rule: "plan-start", line: 89 },
    Case { name: "unsupported version", from: "version: 1", to: "version: 2", rule: "version", line: 5 },
];

fn example() -> String {
    std::fs::read_to_string(example_profile()).unwrap()
}

/// Runs `check --format json` on `text`; returns (exit code, parsed JSON).
fn check_json(text: &[u8], extra: &[&str]) -> (i32, serde_json::Value, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.yaml");
    std::fs::write(&path, text).unwrap();
    let mut args = vec!["check", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let output = run(&args);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON output ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            stderr(&output)
        )
    });
    (output.status.code().unwrap_or(-1), json, dir)
}

fn findings(json: &serde_json::Value) -> Vec<(String, String, u64)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The example is the contract sample as applicants write it; it has exactly the two
/// warnings it should: its paid lecture videos (专题讲座点播) are 网络视听 content that needs an
/// approval it does not list, and 180 days of logs can fall short of six months.
#[test]
fn the_example_profile_has_only_the_warnings_it_should() {
    let (code, json, _dir) = check_json(example().as_bytes(), &["--deny-warnings"]);
    let all = findings(&json);
    let warnings: Vec<_> = all
        .iter()
        .filter(|(_, severity, _)| severity != "note")
        .cloned()
        .collect();
    assert_eq!(
        warnings,
        [
            ("prior-approval".to_string(), "warning".to_string(), 81),
            (
                "log-retention-short".to_string(),
                "warning".to_string(),
                122
            ),
        ],
        "{all:?}"
    );
    assert_eq!(code, 1, "--deny-warnings fails on them");
}

#[test]
fn corpus_of_bad_profiles() {
    assert!(CASES.len() >= 30);
    let source = example();
    let mut failures = Vec::new();
    for case in CASES {
        assert!(
            source.contains(case.from),
            "{}: edit does not apply",
            case.name
        );
        let text = source.replacen(case.from, case.to, 1);
        let (code, json, dir) = check_json(text.as_bytes(), &[]);
        let all = findings(&json);
        let hit = all.iter().any(|(rule, severity, line)| {
            rule == case.rule && severity == "error" && *line == case.line as u64
        });
        if !hit || code != 2 {
            failures.push(format!(
                "{}: exit {code}, expected {} at line {}, got {all:?}",
                case.name, case.rule, case.line
            ));
            continue;
        }
        // generate refuses the same profile and writes nothing.
        let out = dir.path().join("out");
        let output = run(&[
            "generate",
            dir.path().join("profile.yaml").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        if output.status.code() != Some(2) || out.exists() {
            failures.push(format!("{}: generate did not refuse it", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn empty_non_utf8_and_huge_files() {
    let (code, json, _dir) = check_json(b"", &[]);
    assert_eq!(code, 2);
    assert_eq!(
        findings(&json),
        vec![("profile-syntax".into(), "error".into(), 1)]
    );

    let mut text = example().into_bytes();
    let at = text.windows(3).position(|w| w == "杭".as_bytes()).unwrap();
    text[at] = 0xff;
    let (code, json, _dir) = check_json(&text, &[]);
    assert_eq!(code, 2);
    assert_eq!(
        findings(&json),
        vec![("profile-syntax".into(), "error".into(), 14)]
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("at most"), "{}", stderr(&output));
}

#[test]
fn missing_field_names_its_parent() {
    let text = example().replacen("  users: 全国中小学教师、学生家长及教育工作者\n", "", 1);
    let (code, json, _dir) = check_json(text.as_bytes(), &[]);
    assert_eq!(code, 2);
    let finding = &json["findings"][0];
    assert_eq!(finding["path"], "service");
    assert!(finding["message"]
        .as_str()
        .unwrap()
        .contains("missing field `users`"));
}

#[test]
fn warnings_exit_one_only_when_denied() {
    let text = example().replacen("    offsite: true", "    offsite: false", 1);
    let (code, json, _dir) = check_json(text.as_bytes(), &[]);
    assert_eq!(code, 0);
    assert!(findings(&json).contains(&("backup-offsite".into(), "warning".into(), 119)));
    let (code, _, _dir) = check_json(text.as_bytes(), &["--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn filing_and_registration_elsewhere_are_warnings() {
    let text = example().replacen("浙ICP备2021018846号-1", "粤ICP备2021018846号-1", 1);
    let (code, json, _dir) = check_json(text.as_bytes(), &[]);
    assert_eq!(code, 0);
    assert!(findings(&json).contains(&("icp-filing-province".into(), "warning".into(), 68)));
    let (_, json, _dir) = check_json(example().as_bytes(), &["--province", "guangdong"]);
    let all = findings(&json);
    assert!(
        all.contains(&("credit-code-region".into(), "warning".into(), 15)),
        "{all:?}"
    );
    assert!(
        all.contains(&("icp-filing-province".into(), "warning".into(), 68)),
        "{all:?}"
    );
    // Guangdong states its own hosting rule (with its source): it replaces the generic note.
    assert!(
        all.contains(&("variant-inprovince-hosting".into(), "warning".into(), 104)),
        "{all:?}"
    );
    assert!(
        !all.iter().any(|(rule, _, _)| rule == "hosting-province"),
        "{all:?}"
    );
    let (_, json, _dir) = check_json(example().as_bytes(), &["--province", "jiangsu"]);
    let all = findings(&json);
    assert!(
        all.contains(&("hosting-province".into(), "note".into(), 104)),
        "{all:?}"
    );
}

#[test]
fn copied_example_text_is_flagged_for_another_company() {
    let text = example().replace("杭州青禾网络科技有限公司", "杭州另一网络科技有限公司");
    let (_, json, _dir) = check_json(text.as_bytes(), &[]);
    let copied: Vec<_> = findings(&json)
        .into_iter()
        .filter(|(rule, _, _)| rule == "text-copied")
        .collect();
    assert!(copied.iter().any(|(_, _, line)| *line == 72), "{copied:?}");
}

#[test]
fn human_output_shows_the_line_and_a_caret() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.yaml");
    std::fs::write(
        &path,
        example().replacen("      share: 60", "      share: 55", 1),
    )
    .unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("error[shares-sum]"), "{text}");
    assert!(text.contains("p.yaml:39:"), "{text}");
    assert!(text.contains("^"), "{text}");
    assert!(text.contains("1 error(s)"), "{text}");
}
