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
    Case { name: "registered in another province", from: "registered_address: 浙江省杭州市", to: "registered_address: 广东省广州市", rule: "registration-province", line: 20 },
    Case { name: "备案 in another province", from: "浙ICP备2021018846号-1", to: "粤ICP备2021018846号-1", rule: "icp-filing-province", line: 68 },
    Case { name: "responsible person unknown", from: "  staff:\n    total: 26", to: "  responsible_persons: { licence: 王五 }\n  staff:\n    total: 26", rule: "responsible-person-unknown", line: 53 },
    Case { name: "legal representative e-mail", from: "    mobile: \"13805712345\"\n  contact:", to: "    mobile: \"13805712345\"\n    email: chen-qinghe\n  contact:", rule: "email", line: 34 },
    Case { name: "insured after the application", from: "email: service@qinghe-edu.cn }", to: "email: service@qinghe-edu.cn, insured_since: 2027-01-01 }", rule: "responsible-person-insured", line: 61 },
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

/// A one-province licence is applied for where the company is registered, and its 备案 was
/// made there: the Zhejiang sample applying in Guangdong is refused at its lines.
#[test]
fn registration_and_filing_elsewhere_are_errors() {
    let (code, json, _dir) = check_json(example().as_bytes(), &["--province", "guangdong"]);
    assert_eq!(code, 2);
    let all = findings(&json);
    for expected in [
        ("registration-province", "error", 20),
        ("icp-filing-province", "error", 68),
        // Guangdong states its own hosting rule (with its source): it replaces the generic note.
        ("variant-inprovince-hosting", "warning", 104),
    ] {
        let expected = (expected.0.to_string(), expected.1.to_string(), expected.2);
        assert!(all.contains(&expected), "{expected:?} in {all:?}");
    }
    assert!(
        !all.iter()
            .any(|(rule, _, _)| rule == "hosting-province" || rule == "credit-code-region"),
        "{all:?}"
    );
    let message = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "registration-province")
        .map(|f| format!("{} {}", f["message"], f["hint"]))
        .unwrap_or_default();
    assert!(
        message.contains("浙江省") && message.contains("--province zhejiang"),
        "{message}"
    );
    let (code, json, _dir) = check_json(example().as_bytes(), &["--province", "jiangsu"]);
    assert_eq!(code, 2);
    let all = findings(&json);
    assert!(
        all.contains(&("hosting-province".into(), "note".into(), 104)),
        "{all:?}"
    );
    // Registered in Zhejiang by its address with a code issued elsewhere: the company moved,
    // which is a warning only.
    let moved = example().replacen("91330106MA2J7Q4TXW", "91440300708461136T", 1);
    let (code, json, _dir) = check_json(moved.as_bytes(), &[]);
    assert_eq!(code, 0);
    assert!(findings(&json).contains(&("credit-code-region".into(), "warning".into(), 15)));
}

#[test]
fn generate_for_another_province_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "generate",
        example_profile().to_str().unwrap(),
        "--province",
        "guangdong",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("error[registration-province]"), "{err}");
    assert!(err.contains("example.yaml:20:"), "{err}");
    assert!(!out.exists(), "nothing is written");
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

/// (rule, severity, line, hint) of every finding.
fn findings_with_hints(json: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["hint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The finding of `rule`, which must name its basis and whether it is confirmed.
fn finding_of(json: &serde_json::Value, rule: &str) -> (String, u64, String) {
    let all = findings_with_hints(json);
    let (_, severity, line, hint) = all
        .iter()
        .find(|f| f.0 == rule)
        .cloned()
        .unwrap_or_else(|| panic!("no `{rule}` in {all:#?}"));
    assert!(hint.contains("basis:"), "{rule}: {hint}");
    assert!(
        hint.contains("(confirmed)") || hint.contains("(unconfirmed)"),
        "{rule}: {hint}"
    );
    (severity, line, hint)
}

/// The example moved to `province` (registered address and 备案).
fn example_in(name: &str, prefix: &str) -> String {
    example()
        .replacen(
            "registered_address: 浙江省",
            &format!("registered_address: {name}"),
            1,
        )
        .replace("浙ICP备", &format!("{prefix}ICP备"))
}

#[test]
fn yunnan_asks_for_three_different_people() {
    let text = example_in("云南省", "滇");
    let (code, json, _dir) = check_json(text.as_bytes(), &["--province", "yunnan"]);
    assert_eq!(code, 2);
    // 林晓 is the contact (许可负责人) and the security officer (安全负责人).
    let (severity, line, hint) = finding_of(&json, "responsible-persons-distinct");
    assert_eq!((severity.as_str(), line), ("error", 125));
    assert!(
        hint.contains("ynca.miit.gov.cn") && hint.contains("(confirmed)"),
        "{hint}"
    );
    let named = text.replacen(
        "  staff:\n",
        "  responsible_persons: { licence: 周航 }\n  staff:\n",
        1,
    );
    let (code, json, _dir) = check_json(named.as_bytes(), &["--province", "yunnan"]);
    assert_eq!(code, 0, "{json:#}");
}

#[test]
fn zhejiang_asks_for_a_full_month_of_social_insurance() {
    let short = example().replacen(
        "email: service@qinghe-edu.cn }",
        "email: service@qinghe-edu.cn, insured_since: 2026-11-15 }",
        1,
    );
    let (code, json, _dir) = check_json(short.as_bytes(), &[]);
    assert_eq!(code, 0);
    let (severity, line, hint) = finding_of(&json, "responsible-person-insured");
    assert_eq!((severity.as_str(), line), ("warning", 61));
    assert!(hint.contains("zjca.miit.gov.cn"), "{hint}");
    // Insured from the first of November: one full month before December.
    let enough = short.replacen("2026-11-15", "2026-11-01", 1);
    let (_, json, _dir) = check_json(enough.as_bytes(), &[]);
    assert!(!findings_with_hints(&json)
        .iter()
        .any(|f| f.0 == "responsible-person-insured" && f.1 == "warning"));
    // With the proof to follow (容缺受理) the shortfall is a note, and a commitment is made.
    let pending = short.replacen("  staff:\n", "  staff:\n    insurance_pending: true\n", 1);
    let (code, json, _dir) = check_json(pending.as_bytes(), &["--deny-warnings"]);
    let all = findings_with_hints(&json);
    assert!(
        all.iter()
            .any(|f| f.0 == "responsible-person-insured" && f.1 == "note"),
        "{all:#?}"
    );
    finding_of(&json, "insurance-pending");
    assert_ne!(code, 2);
}

#[test]
fn a_domain_held_by_a_direct_shareholder_is_accepted_except_in_liaoning() {
    let text = example().replacen(
        "holder: 杭州青禾网络科技有限公司",
        "holder: 杭州禾木投资合伙企业（有限合伙）",
        1,
    );
    let (code, json, _dir) = check_json(text.as_bytes(), &[]);
    assert_eq!(code, 0);
    let all = findings_with_hints(&json);
    assert!(
        all.iter()
            .any(|f| f.0 == "domain-holder-shareholder" && f.1 == "note" && f.2 == 67),
        "{all:#?}"
    );
    let liaoning = example_in("辽宁省", "辽").replacen(
        "holder: 杭州青禾网络科技有限公司",
        "holder: 陈明远",
        1,
    );
    let (code, json, _dir) = check_json(liaoning.as_bytes(), &["--province", "liaoning"]);
    assert_eq!(code, 2);
    let all = findings_with_hints(&json);
    let liaoning_error = all
        .iter()
        .find(|f| f.0 == "domain-holder" && f.1 == "error");
    assert!(
        liaoning_error.is_some_and(|f| f.3.contains("lnca.miit.gov.cn")),
        "{all:#?}"
    );
}

#[test]
fn scope_without_the_business_type_is_noted() {
    let text = example().replacen("第二类增值电信业务；技术服务", "增值电信服务；技术服务", 1);
    let (code, json, _dir) = check_json(text.as_bytes(), &[]);
    assert_eq!(code, 0);
    let (severity, line, _) = finding_of(&json, "business-scope-wording");
    assert_eq!((severity.as_str(), line), ("note", 21));
    let guizhou = example_in("贵州省", "黔").replacen(
        "第二类增值电信业务；技术服务",
        "增值电信服务；技术服务",
        1,
    );
    let (_, json, _dir) = check_json(guizhou.as_bytes(), &["--province", "guizhou"]);
    let (severity, _, hint) = finding_of(&json, "business-scope-wording");
    assert_eq!(severity, "warning");
    assert!(hint.contains("gzca.miit.gov.cn"), "{hint}");
}

#[test]
fn special_business_and_penalties_call_for_their_commitments() {
    let text = example()
        .replace("杭州青禾网络科技有限公司", "杭州青禾金融信息服务有限公司")
        .replacen(
            "  staff:\n",
            "  penalties:\n    - { date: 2025-05-20, authority: 浙江省通信管理局, decision: 浙通罚〔2025〕8号, reason: 未按规定报送年报 }\n  staff:\n",
            1,
        );
    let (code, json, _dir) = check_json(text.as_bytes(), &[]);
    assert_eq!(code, 0, "{json:#}");
    let (severity, line, hint) = finding_of(&json, "special-business");
    assert_eq!((severity.as_str(), line), ("note", 14));
    assert!(hint.contains("Hunan"), "{hint}");
    let message = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "special-business")
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    assert!(message.contains("`company.name` holds “金融”"), "{message}");
    let (severity, line, _) = finding_of(&json, "integrity-commitment");
    assert_eq!((severity.as_str(), line), ("note", 54));
    // A penalty older than three years calls for nothing.
    let old = text.replacen("2025-05-20", "2022-05-20", 1);
    let (_, json, _dir) = check_json(old.as_bytes(), &[]);
    assert!(!findings_with_hints(&json)
        .iter()
        .any(|f| f.0 == "integrity-commitment"));
}

#[test]
fn the_home_page_reminder_names_the_filing() {
    let (_, json, _dir) = check_json(example().as_bytes(), &[]);
    let (severity, line, _) = finding_of(&json, "filing-link");
    assert_eq!((severity.as_str(), line), ("note", 68));
    let message = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "filing-link")
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    assert!(
        message.contains("浙ICP备2021018846号-1") && message.contains("beian.miit.gov.cn"),
        "{message}"
    );
}

#[test]
fn an_app_filed_under_a_website_number_is_a_warning() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/local-life-app.yaml");
    let text = std::fs::read_to_string(fixture).unwrap().replacen(
        "蜀ICP备2022014527号-2A",
        "蜀ICP备2022014527号-2",
        1,
    );
    let (code, json, _dir) = check_json(text.as_bytes(), &[]);
    assert_eq!(code, 0);
    let (severity, _, hint) = finding_of(&json, "form-filing-suffix");
    assert_eq!(severity, "warning");
    assert!(hint.contains("2023"), "{hint}");
}
