//! The 3 AM mode against real pasted messages: every message and alert name
//! in tests/corpus/pastes.yaml (each taken from a tool's source or a guide's
//! cited source) must put its guide first, and a message no guide covers
//! must be answered with "nothing matches closely", never with a guide.

use std::path::Path;

use atlas_core::corpus;
use atlas_core::explore::explore_pasted;
use atlas_core::facets::{FacetKind, FacetTable};
use atlas_core::first_aid::Closeness;
use atlas_core::search::SearchIndex;
use atlas_core::url_state::ExploreState;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    paste: String,
    guide: String,
    #[allow(dead_code)]
    source: String,
}

struct Atlas {
    corpus: corpus::Corpus,
    table: FacetTable,
    search: SearchIndex,
}

fn atlas() -> Atlas {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // ATLAS_CONTENT, as for the `atlas` command, else the real content/.
    let content = std::env::var_os("ATLAS_CONTENT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("content"));
    let corpus = corpus::load_dir(&content).unwrap_or_else(|p| {
        panic!("content/ has problems: {}", p.len());
    });
    let table = FacetTable::new(&corpus.index);
    let search = SearchIndex::new(&corpus.search.docs);
    Atlas {
        corpus,
        table,
        search,
    }
}

/// The 3 AM page's state for a paste: its text, the first-aid categories.
fn first_aid_state(a: &Atlas, paste: &str) -> ExploreState {
    let mut state = ExploreState {
        query: paste.to_string(),
        ..Default::default()
    };
    for c in a.corpus.index.taxonomy.first_aid_categories() {
        state.selection.insert(FacetKind::Category, &c.id);
    }
    state
}

fn top(a: &Atlas, paste: &str) -> (Option<String>, Option<Closeness>) {
    let outcome = explore_pasted(
        &a.corpus.index,
        &a.table,
        Some(&a.search),
        &first_aid_state(a, paste),
    );
    (
        outcome
            .rows
            .first()
            .map(|r| a.corpus.index.entries[r.entry].id.clone()),
        outcome.closeness,
    )
}

#[test]
fn every_pasted_message_and_alert_name_opens_its_guide_first() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("tests/corpus/pastes.yaml")).unwrap();
    let cases: Vec<Case> = serde_yaml_ng::from_str(&text).unwrap();
    let a = atlas();
    // Alert names the guides list: each must open its guide too.
    let alerts: Vec<(String, String)> = a
        .corpus
        .index
        .entries
        .iter()
        .flat_map(|e| e.alerts.iter().map(move |n| (n.clone(), e.id.clone())))
        .filter(|(n, _)| a.corpus.index.entries_for_alert(n).len() == 1)
        .collect();
    let mut misses = Vec::new();
    let total = cases.len() + alerts.len();
    for (paste, guide) in cases
        .iter()
        .map(|c| (c.paste.clone(), c.guide.clone()))
        .chain(alerts)
    {
        assert!(
            a.corpus.index.entry(&guide).is_some(),
            "the corpus names a guide that does not exist: {guide}"
        );
        let (first, closeness) = top(&a, &paste);
        if first.as_deref() != Some(guide.as_str()) || closeness == Some(Closeness::Nearest) {
            misses.push(format!(
                "{paste:?}\n    wants {guide}, got {first:?} ({closeness:?})"
            ));
        }
    }
    println!(
        "pasted messages and alert names: {} of {total} open their guide first",
        total - misses.len()
    );
    assert!(
        misses.is_empty(),
        "{} of {total} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn a_message_no_guide_covers_gets_no_guide_as_its_answer() {
    let a = atlas();
    for paste in [
        // Oracle: no guide covers it (its deadlock error now leads to the
        // PostgreSQL deadlock guide as a close match, which is fair).
        "ORA-01555: snapshot too old: rollback segment number 10 with name \"_SYSSMU10$\" too small",
        "Segmentation fault (core dumped)",
    ] {
        let (_, closeness) = top(&a, paste);
        assert_eq!(closeness, Some(Closeness::Nearest), "{paste}");
    }
}
