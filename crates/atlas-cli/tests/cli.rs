//! The `atlas` command as a contributor runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn atlas() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_atlas"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    c.env_remove("ATLAS_CONTENT");
    c
}

#[test]
fn check_reports_every_problem_with_path_and_line_and_fails() {
    let out = atlas()
        .args(["check", "--content", "tests/fixtures/broken"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tests/fixtures/broken/incidents/no-sources.md:2: no sources"),
        "{err}"
    );
    assert!(
        err.lines()
            .filter(|l| l.starts_with("tests/fixtures/broken/"))
            .count()
            >= 25,
        "{err}"
    );
}

#[test]
fn check_json_lists_rules_and_severities() {
    let out = atlas()
        .args(["check", "--json", "--content", "tests/fixtures/broken"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert!(problems
        .iter()
        .any(|p| p["rule"] == "gate/estimates" && p["severity"] == "warning"));
    assert!(problems
        .iter()
        .any(|p| p["rule"] == "sources" && p["severity"] == "error"));
}

#[test]
fn the_real_atlas_checks_clean_and_stats_count_it() {
    let out = atlas().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = atlas().args(["stats", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["systems"].as_array().unwrap().len(), 30);
    assert_eq!(v["views"].as_array().unwrap().len(), 8);
    assert!(v["entries"].as_u64().unwrap() >= 12);
}

#[test]
fn new_writes_a_template_whose_blanks_the_checker_lists() {
    let dir = std::env::temp_dir().join(format!("atlas-new-{}", std::process::id()));
    let content = dir.join("content");
    copy_taxonomy(&content);
    let out = atlas()
        .args(["new", "debugging", "redis-oom-test", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = content.join("debugging/redis-oom-test.md");
    let text = std::fs::read_to_string(&file).unwrap();
    for section in [
        "## Symptoms",
        "## Where to look",
        "## Decision tree",
        "## Fix now",
        "```mermaid",
    ] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
    let check = atlas()
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(err.contains("placeholder `TODO`"), "{err}");
    assert!(
        !err.contains("[planes]"),
        "the example diagram is four-plane: {err}"
    );
    // A second `new` for the same id refuses to overwrite.
    let again = atlas()
        .args(["new", "debugging", "redis-oom-test", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(!again.status.success());
    let _ = std::fs::remove_dir_all(dir);
}

fn copy_taxonomy(content: &PathBuf) {
    std::fs::create_dir_all(content).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/taxonomy.yaml");
    std::fs::copy(src, content.join("taxonomy.yaml")).unwrap();
}
