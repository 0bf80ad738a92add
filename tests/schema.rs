//! The profile's JSON Schema: derived from the serde model, committed for editors, and
//! accepting exactly what the tool accepts.

mod common;

use std::path::Path;

use common::*;

fn schema_from_binary() -> serde_json::Value {
    let output = run(&["schema"]);
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("schema is JSON")
}

fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[test]
fn committed_schema_is_current() {
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("profile.schema.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        committed,
        schema_from_binary(),
        "profile.schema.json is stale: run `icp-docs schema > profile.schema.json`"
    );
}

#[test]
fn example_profiles_validate_and_point_editors_at_the_schema() {
    let schema = schema_from_binary();
    let validator = jsonschema::validator_for(&schema).expect("valid JSON Schema");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let errors: Vec<String> = validator
                .iter_errors(&yaml_as_json(&path))
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            let first = std::fs::read_to_string(&path).unwrap();
            assert!(
                first.starts_with("# yaml-language-server: $schema=../profile.schema.json"),
                "{}",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 2);
}

/// Every fixture uses the newer fields (mappings for features and products, forms, sites,
/// data sources …): the schema must accept each of them as the tool does.
#[test]
fn fixtures_validate_against_the_schema() {
    let validator = jsonschema::validator_for(&schema_from_binary()).expect("valid JSON Schema");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let errors: Vec<String> = validator
                .iter_errors(&yaml_as_json(&path))
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 6, "{seen} fixtures");
}

#[test]
fn schema_rejects_what_the_tool_rejects() {
    let validator = jsonschema::validator_for(&schema_from_binary()).unwrap();
    let mut profile = yaml_as_json(&example_profile());
    profile["company"]["credit_cod"] = serde_json::json!("x");
    assert!(!validator.is_valid(&profile), "unknown keys are rejected");
    let mut profile = yaml_as_json(&example_profile());
    profile["company"]["registered_capital"] = serde_json::json!("一百万");
    assert!(!validator.is_valid(&profile), "types are checked");
    let mut profile = yaml_as_json(&example_profile());
    profile["application"]["date"] = serde_json::json!("8 Dec 2026");
    assert!(!validator.is_valid(&profile), "dates are YYYY-MM-DD");
}

#[test]
fn init_writes_a_starter_that_check_walks_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.yaml");
    let output = run(&[
        "init",
        path.to_str().unwrap(),
        "--province",
        "广东",
        "--licence",
        "EDI",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("province: guangdong") && text.contains("licence: EDI"));
    assert!(dir.path().join("profile.schema.json").exists());
    // It parses (no syntax finding) and every placeholder is reported at its line.
    let output = run(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["rule"] != "profile-syntax"));
    let name_line = text
        .lines()
        .position(|l| l.starts_with("  name: 待填写"))
        .unwrap()
        + 1;
    assert!(findings.iter().any(|f| f["rule"] == "placeholder"
        && f["path"] == "company.name"
        && f["line"] == name_line));
    // It never overwrites.
    let again = run(&["init", path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
