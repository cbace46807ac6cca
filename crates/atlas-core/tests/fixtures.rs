//! Every validation rule, proven on the broken fixture corpus in
//! `tests/fixtures/broken/`: each case names the file, the line and the
//! message the contributor must see.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atlas_core::corpus;
use atlas_core::problem::Problem;
use test_case::test_case;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/broken")
}

fn problems() -> &'static [Problem] {
    static PROBLEMS: OnceLock<Vec<Problem>> = OnceLock::new();
    PROBLEMS.get_or_init(|| match corpus::load_dir(&fixtures()) {
        Ok(_) => panic!("the broken fixture corpus compiled without problems"),
        Err(p) => p,
    })
}

fn assert_reported(file: &str, line: usize, fragment: &str) {
    let found = problems()
        .iter()
        .any(|p| p.path.ends_with(file) && p.line == line && p.message.contains(fragment));
    assert!(
        found,
        "expected {file}:{line}: …{fragment}…\ngot:\n{}",
        problems()
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test_case("incidents/malformed-yaml.md", 6, "malformed front matter" ; "malformed yaml")]
#[test_case("incidents/no-front-matter.md", 1, "no front matter" ; "no front matter")]
#[test_case("incidents/missing-fields.md", 2, "missing required field `title`" ; "missing title")]
#[test_case("incidents/missing-fields.md", 2, "missing required field `summary`" ; "missing summary")]
#[test_case("incidents/missing-fields.md", 2, "missing required field `date`" ; "incident without date")]
#[test_case("incidents/same-id.md", 2, "duplicate id `same-id`: already used by" ; "duplicate id")]
#[test_case("incidents/unknown-ids.md", 6, "unknown company id `githb`; did you mean `github`?" ; "unknown company")]
#[test_case("incidents/unknown-ids.md", 7, "unknown plane id `storage`" ; "unknown plane")]
#[test_case("incidents/unknown-ids.md", 8, "unknown guarantee id `G-LIM`; did you mean `G-LIN`?" ; "unknown guarantee")]
#[test_case("incidents/unknown-ids.md", 9, "unknown mechanism id `M99`" ; "unknown mechanism")]
#[test_case("incidents/missing-fields.md", 2, "missing required field `first_check`" ; "incident without first check")]
#[test_case("debugging/bad-symptoms.md", 9, "symptom 2 is empty" ; "empty symptom")]
#[test_case("debugging/bad-symptoms.md", 10, "symptom 3 repeats an earlier one" ; "repeated symptom")]
#[test_case("debugging/bad-symptoms.md", 11, "`first_check` must be one line" ; "multi-line first check")]
#[test_case("incidents/unplaced-nodes.md", 16, "flowchart nodes `App`, `DB` not in any plane" ; "node without plane")]
#[test_case("incidents/unplaced-nodes.md", 17, "classDef `state` has fill `#FF9900`; the state plane's colour is #FF8800" ; "wrong plane colour")]
#[test_case("debugging/gates.md", 17, "placeholder `Service A`" ; "gate placeholder")]
#[test_case("debugging/gates.md", 15, "a debugging entry needs sections on: decision tree, fix" ; "gate sections as error")]
#[test_case("incidents/no-mermaid.md", 13, "no ```mermaid block" ; "no mermaid block")]
#[test_case("incidents/no-sources.md", 2, "no sources" ; "no sources")]
#[test_case("incidents/source-without-url.md", 12, "source 2 has no `url`" ; "source without url")]
#[test_case("guarantees/wrong-place.md", 10, "must start with https://" ; "source url not http")]
#[test_case("incidents/bad-links.md", 18, "link `../incidents/ghost.md` points to no entry" ; "link to missing entry")]
#[test_case("incidents/bad-links.md", 20, "the entry `valid-incident` is `valid-incident.md`" ; "link to wrong folder with hint")]
#[test_case("incidents/bad-links.md", 12, "related entry `no-such-entry` does not exist" ; "related id missing")]
#[test_case("incidents/bad-links.md", 15, "`links` points a node at entry `no-such-entry`" ; "linked node to missing entry")]
#[test_case("incidents/bad-links.md", 16, "`links` names node `Ghost`, which no flowchart" ; "linked node missing from diagrams")]
#[test_case("guarantees/wrong-place.md", 2, "differs from the file name" ; "id differs from file name")]
#[test_case("guarantees/wrong-place.md", 4, "belong in `incidents/`" ; "wrong folder")]
#[test_case("guarantees/wrong-place.md", 8, "confidence `D` must be A, B or C" ; "bad confidence")]
fn rule_fires(file: &str, line: usize, fragment: &str) {
    assert_reported(file, line, fragment);
}

#[test]
fn the_valid_fixture_passes_and_good_links_are_not_reported() {
    assert!(!problems()
        .iter()
        .any(|p| p.path.ends_with("valid-incident.md")));
    assert!(!problems()
        .iter()
        .any(|p| p.message.contains("`valid-incident.md`") && p.line == 14));
}

#[test]
fn problems_are_all_reported_at_once_in_path_line_order() {
    let files: std::collections::BTreeSet<_> = problems().iter().map(|p| p.path.as_str()).collect();
    assert!(files.len() >= 9, "only {} files reported", files.len());
    let mut sorted = problems().to_vec();
    sorted.sort();
    assert_eq!(sorted, problems());
    for p in problems() {
        let shown = p.to_string();
        assert!(
            shown.starts_with(&format!("{}:{}: ", p.path, p.line)),
            "{shown}"
        );
    }
}

/// Gates that are advice come out as warnings with their rule id.
#[test]
fn advice_gates_are_warnings() {
    let warn = |file: &str, fragment: &str| {
        problems().iter().any(|p| {
            p.path.ends_with(file)
                && !p.is_error()
                && p.message.contains(fragment)
                && p.rule.starts_with("gate/")
        })
    };
    assert!(
        warn(
            "debugging/gates.md",
            "`$40,000`: say where this figure is published"
        ),
        "money gate"
    );
    assert!(
        warn(
            "mechanisms/m1-advice.md",
            "a mechanism entry needs sections on: failure modes, cost, how it relates"
        ),
        "sections gate"
    );
    assert!(!problems()
        .iter()
        .any(|p| p.path.ends_with("m1-advice.md") && p.is_error()));
}

/// Every problem names its rule.
#[test]
fn every_problem_has_a_rule_id() {
    assert!(
        problems().iter().all(|p| p.rule != "content"),
        "{:?}",
        problems().iter().find(|p| p.rule == "content")
    );
}
