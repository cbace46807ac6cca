//! Every validation rule, proven on the broken fixture corpus in
//! `tests/fixtures/broken/`: each case names the file, the line and the
//! message the contributor must see.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atlas_core::corpus;
use atlas_core::problem::Problem;
use atlas_core::rules::Rule;
use test_case::test_case;

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn broken(name: &str) -> Vec<Problem> {
    match corpus::load_dir(&fixtures(name)) {
        Ok(_) => panic!("the fixture corpus {name} compiled without problems"),
        Err(p) => p,
    }
}

/// Problems of the broken entries, then of the broken taxonomy.
fn problems() -> &'static [Problem] {
    static PROBLEMS: OnceLock<Vec<Problem>> = OnceLock::new();
    PROBLEMS.get_or_init(|| {
        let mut all = broken("broken");
        all.extend(broken("bad-taxonomy"));
        all
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
#[test_case("debugging/gates.md", 15, "Debugging guides need sections on: steps, fix for good" ; "gate sections as error")]
#[test_case("incidents/no-mermaid.md", 13, "no ```mermaid block" ; "no mermaid block")]
#[test_case("incidents/no-sources.md", 2, "no sources" ; "no sources")]
#[test_case("incidents/source-without-url.md", 12, "source 2 has no `url`" ; "source without url")]
#[test_case("guarantees/wrong-place.md", 10, "must start with https://" ; "source url not http")]
#[test_case("incidents/source-on-a-branch.md", 12, "source 2 links `main` of a GitHub repository" ; "source on a branch")]
#[test_case("costs/undated-price.md", 12, "source 2 has neither `date` (when it was published) nor `read`" ; "cost source without a date")]
#[test_case("incidents/bad-links.md", 18, "link `../incidents/ghost.md` points to no entry" ; "link to missing entry")]
#[test_case("incidents/bad-links.md", 20, "the entry `valid-incident` is `valid-incident.md`" ; "link to wrong folder with hint")]
#[test_case("incidents/bad-links.md", 12, "related entry `no-such-entry` does not exist" ; "related id missing")]
#[test_case("incidents/bad-links.md", 15, "`links` points a node at entry `no-such-entry`" ; "linked node to missing entry")]
#[test_case("incidents/bad-links.md", 16, "`links` names node `Ghost`, which no flowchart" ; "linked node missing from diagrams")]
#[test_case("guarantees/wrong-place.md", 2, "differs from the file name" ; "id differs from file name")]
#[test_case("guarantees/wrong-place.md", 4, "belong in `incidents/`" ; "wrong folder")]
#[test_case("guarantees/wrong-place.md", 8, "confidence `D` must be A, B or C" ; "bad confidence")]
#[test_case("incidents/bad-date.md", 6, "date `21/10/2018` is not an ISO date; write YYYY-MM-DD" ; "date format")]
#[test_case("incidents/impossible-date.md", 6, "date `2018-02-31` does not exist: 2018-02 has 28 days" ; "impossible date")]
#[test_case("incidents/Not_Kebab.md", 2, "id `Not_Kebab` is not kebab-case" ; "kebab case id")]
#[test_case("mechanisms/m1-again.md", 5, "`M1` already has a concept entry" ; "duplicate concept entry")]
#[test_case("incidents/unknown-field.md", 8, "unknown field `sumary`; did you mean `summary`?" ; "unknown front matter field")]
#[test_case("incidents/empty-diagram.md", 23, "diagram 1 is empty" ; "empty diagram")]
#[test_case("incidents/long-symptom.md", 9, "symptom 1 is longer than 300 characters" ; "over-long symptom")]
#[test_case("debugging/bad-alerts.md", 11, "alert `Kube Pod Crash` is not an alert name" ; "alert name with spaces")]
#[test_case("debugging/bad-alerts.md", 12, "alert `KubePodNotReady` needs `source:`" ; "alert without source")]
#[test_case("debugging/bad-alerts.md", 13, "cites source 3, but the entry has 1 source" ; "alert source out of range")]
#[test_case("debugging/bad-alerts.md", 14, "alert `KubePodCrashLooping` is listed twice" ; "alert twice")]
#[test_case("incidents/bad-record.md", 10, "`detected` (2021-10-04T15:30Z) is before `started` (2021-10-04T15:39Z)" ; "timeline out of order")]
#[test_case("incidents/bad-record.md", 11, "`mitigated: 2021-10-04 21:00` is not an ISO date" ; "time not iso")]
#[test_case("incidents/bad-record.md", 13, "`trigger: cosmic-ray` is not one of binary-push" ; "unknown trigger")]
#[test_case("incidents/bad-record.md", 14, "impact `sadness` is not one of" ; "unknown impact")]
#[test_case("incidents/bad-record.md", 16, "contributing factor `X9` is not a guarantee" ; "unknown factor")]
#[test_case("comparisons/bad-compare.md", 9, "`kinesys` is not a technology id in taxonomy.yaml" ; "unknown technology in a comparison")]
#[test_case("comparisons/bad-compare.md", 11, "cites source 4, but the entry has 1" ; "comparison cell citing a missing source")]
#[test_case("comparisons/bad-compare.md", 11, "say what the number was measured under" ; "comparison number without conditions")]
#[test_case("debugging/long-intro.md", 17, "a guide opens with `## Impact`" ; "background before the impact")]
#[test_case("debugging/bad-runbook.md", 15, "`## Impact` is one paragraph" ; "impact is one paragraph")]
#[test_case("debugging/bad-runbook.md", 25, "`## Match` comes first" ; "match first")]
#[test_case("debugging/bad-runbook.md", 25, "then the literal output it prints" ; "match without its output")]
#[test_case("debugging/bad-runbook.md", 25, "say where the sample output comes from" ; "match without its source")]
#[test_case("debugging/bad-runbook.md", 41, "uses $POD, which `## Set these first` does not set" ; "variable not set first")]
#[test_case("debugging/bad-runbook.md", 39, "step 1 is the first move: give at least two outcomes" ; "first move with one outcome")]
#[test_case("debugging/bad-runbook.md", 41, "step 1 is read-only, but `kubectl delete pod $POD -n $NS` destroys something" ; "state change in a read-only step")]
#[test_case("debugging/bad-runbook.md", 49, "step 2 creates pod dbg but never removes it" ; "created and never removed")]
#[test_case("debugging/bad-runbook.md", 55, "no step leads to step 3" ; "unreachable step")]
#[test_case("debugging/bad-runbook.md", 63, "the decision tree is drawn from the steps" ; "hand-written decision tree")]
#[test_case("debugging/bad-runbook.md", 74, "`Restart it`: add a line `Undo:`" ; "mitigation without undo")]
#[test_case("debugging/bad-runbook.md", 74, "`Restart it`: say what else it touches in a line `Blast radius" ; "mitigation without blast radius")]
#[test_case("debugging/bad-runbook.md", 80, "`Healthy:` must say for how long" ; "verify without a duration")]
#[test_case("debugging/bad-runbook.md", 88, "`## Escalate` lists its conditions as list items" ; "escalate without conditions")]
#[test_case("incidents/no-dependents.md", 2, "missing required field `lesson`" ; "incident without lesson")]
#[test_case("incidents/no-dependents.md", 22, "no `## If you depend on <provider or technology>` section" ; "incident without dependents section")]
#[test_case("incidents/no-dependents.md", 24, "the entry says a source was not read" ; "incident with an unread source")]
#[test_case("debugging/bad-steps.md", 23, "link `#step-9`: this entry has no heading with that anchor" ; "step link to nowhere")]
#[test_case("debugging/bad-steps.md", 25, "step 2 does not say what its commands do" ; "step without kind")]
#[test_case("debugging/bad-steps.md", 33, "step 3 has no command" ; "step without command")]
#[test_case("debugging/bad-steps.md", 37, "step 4 is a dead end" ; "dead-end step")]
#[test_case("debugging/bad-steps.md", 37, "step 4 is destructive: put a **Warning:** line" ; "destructive step without warning")]
#[test_case("debugging/bad-steps.md", 43, "step 5 must be headed `### Step 5: …`" ; "steps out of order")]
#[test_case("capacity/bad-model.md", 14, "input `size`: say where the default comes from" ; "model default without source")]
#[test_case("capacity/bad-model.md", 17, "adding or subtracting mixes req/s with byte/s" ; "model units disagree")]
#[test_case("incidents/link-problems.md", 23, "link `javascript:alert(1)`: only http, https and mailto" ; "rejected link scheme")]
#[test_case("incidents/link-problems.md", 23, "`valid-incident` has no heading with the anchor `no-such-heading`" ; "fragment missing in target")]
#[test_case("incidents/link-problems.md", 24, "link `#nowhere`: this entry has no heading" ; "fragment missing on the page")]
#[test_case("incidents/model-block.md", 8, "a `model:` block is not part of Incident anatomies" ; "block not declared")]
#[test_case("incidents/placeholder-summary.md", 5, "placeholder `TODO`" ; "summary placeholder at the summary line")]
#[test_case("incidents/placeholder-summary.md", 23, "`$500`: say where" ; "request and latest are not estimate markers")]
#[test_case("incidents/text-after-blank-lines.md", 18, "no ```mermaid block" ; "no mermaid at the first text line")]
#[test_case("incidents/unread-statement.md", 26, "cannot read the flowchart statement `Svc -- broken edge Store`" ; "unread flowchart statement")]
#[test_case("bad-taxonomy/taxonomy.yaml", 8, "plane `state` has colour `orange`" ; "taxonomy colour")]
#[test_case("bad-taxonomy/taxonomy.yaml", 81, "duplicate id `netflix` in `companies`" ; "taxonomy duplicate id")]
#[test_case("bad-taxonomy/taxonomy.yaml", 238, "categories `cost` and `migration` share the folder `costs`" ; "taxonomy shared folder")]
fn rule_fires(file: &str, line: usize, fragment: &str) {
    assert_reported(file, line, fragment);
}

#[test]
fn the_valid_fixture_passes_and_good_links_are_not_reported() {
    // valid-incident.md holds `AB_SERVICE[A/B Testing Service]`, which is no
    // placeholder, and a good `#trigger` link.
    assert!(!problems()
        .iter()
        .any(|p| p.path.ends_with("valid-incident.md")));
    assert!(!problems()
        .iter()
        .any(|p| p.message.contains("`valid-incident.md`") && p.line == 14));
    assert!(!problems()
        .iter()
        .any(|p| p.message.contains("valid-incident.md#trigger")));
}

/// A file whose YAML is broken is reported once; links to it are not a
/// second error.
#[test]
fn links_to_a_file_with_broken_yaml_are_not_reported() {
    assert!(!problems()
        .iter()
        .any(|p| p.message.contains("malformed-yaml.md")));
}

/// Every rule of the registry (which CONTRIBUTING.md's table is) fires on
/// some fixture; `io` and `mermaid` need a real filesystem error and Node,
/// and are tested where those are (the CLI and the Mermaid step).
#[test]
fn every_rule_has_a_fixture_that_fails_on_it() {
    for rule in Rule::ALL {
        if matches!(rule, Rule::Io | Rule::Mermaid) {
            continue;
        }
        assert!(
            problems().iter().any(|p| p.rule == rule),
            "no fixture fires `{}`",
            rule.id()
        );
    }
}

#[test]
fn contributing_carries_the_rules_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../CONTRIBUTING.md");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(&Rule::markdown_table()),
        "CONTRIBUTING.md's rules table differs from the registry; paste the output of `cargo run -q -p atlas-cli -- rules`"
    );
}

#[test]
fn problems_are_all_reported_at_once_in_path_line_order() {
    let files: std::collections::BTreeSet<_> = problems().iter().map(|p| p.path.as_str()).collect();
    assert!(files.len() >= 9, "only {} files reported", files.len());
    // The broken entries' problems, as one load reported them.
    let problems: Vec<Problem> = problems()
        .iter()
        .filter(|p| !p.path.contains("bad-taxonomy"))
        .cloned()
        .collect();
    let mut sorted = problems.clone();
    sorted.sort();
    assert_eq!(sorted, problems);
    for p in &problems {
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
                && p.rule.id().starts_with("gate/")
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
            "Mechanisms need sections on: failure modes, cost, how it relates"
        ),
        "sections gate"
    );
    assert!(!problems()
        .iter()
        .any(|p| p.path.ends_with("m1-advice.md") && p.is_error()));
}
