//! The 3 AM mode against real pasted messages: every message and alert name
//! in tests/corpus/pastes.yaml (each taken from a tool's source or a guide's
//! cited source) must put its guide first, and a message no guide covers
//! must be answered with "nothing matches closely", never with a guide.

use std::path::Path;

use atlas_core::corpus;
use atlas_core::explore::explore_pasted;
use atlas_core::facets::FacetTable;
use atlas_core::first_aid::{Closeness, Messages};
use atlas_core::search::SearchIndex;
use atlas_core::url_state::ExploreState;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    paste: String,
    guide: String,
    source: String,
}

struct Atlas {
    corpus: corpus::Corpus,
    table: FacetTable,
    messages: Messages,
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
    let messages = Messages::new(&corpus.index);
    Atlas {
        corpus,
        table,
        messages,
        search,
    }
}

/// The corpus: ATLAS_PASTES (to try a corpus against ATLAS_CONTENT before
/// both land), else tests/corpus/pastes.yaml.
fn pastes_file() -> std::path::PathBuf {
    std::env::var_os("ATLAS_PASTES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/pastes.yaml")
        })
}

/// The 3 AM page's state for a paste: its text, the first-aid categories.
fn first_aid_state(a: &Atlas, paste: &str) -> ExploreState {
    let mut state = ExploreState {
        query: paste.to_string(),
        ..Default::default()
    };
    state.only_first_aid(&a.corpus.index.taxonomy);
    state
}

fn top(a: &Atlas, paste: &str) -> (Option<String>, Option<Closeness>) {
    let outcome = explore_pasted(
        &a.corpus.index,
        &a.table,
        &a.messages,
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

/// Every pasted message of the corpus and every alert name a single guide
/// lists, with the guide it must open.
fn cases(a: &Atlas) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(pastes_file()).unwrap();
    let pastes: Vec<Case> = serde_yaml_ng::from_str(&text).unwrap();
    let alerts = a
        .corpus
        .index
        .entries
        .iter()
        .flat_map(|e| e.alerts.iter().map(move |n| (n.clone(), e.id.clone())))
        .filter(|(n, _)| a.corpus.index.entries_for_alert(n).len() == 1);
    pastes
        .into_iter()
        .map(|c| (c.paste, c.guide))
        .chain(alerts)
        .collect()
}

/// A paste is only as good as the source that prints it: that file at the
/// commit it was read, not a branch that moves on.
#[test]
fn every_corpus_paste_cites_its_source_at_a_commit() {
    let text = std::fs::read_to_string(pastes_file()).unwrap();
    let pastes: Vec<Case> = serde_yaml_ng::from_str(&text).unwrap();
    let moving: Vec<String> = pastes
        .iter()
        .filter_map(|c| {
            atlas_core::moving_ref(&c.source).map(|b| format!("{} ({b}): {:?}", c.source, c.paste))
        })
        .collect();
    assert!(
        moving.is_empty(),
        "cite a commit, not a branch:\n{}",
        moving.join("\n")
    );
}

/// Tries every case, each paste first passed through `wrap`; returns the misses.
/// How a log shows a message: wraps it in what the log adds around it.
type Wrap<'a> = &'a dyn Fn(&str) -> String;

fn misses(a: &Atlas, cases: &[(String, String)], wrap: Wrap) -> Vec<String> {
    let mut misses = Vec::new();
    for (paste, guide) in cases {
        assert!(
            a.corpus.index.entry(guide).is_some(),
            "the corpus names a guide that does not exist: {guide}"
        );
        let pasted = wrap(paste);
        let (first, closeness) = top(a, &pasted);
        if first.as_deref() != Some(guide.as_str()) || closeness == Some(Closeness::Nearest) {
            misses.push(format!(
                "{pasted:?}\n    wants {guide}, got {first:?} ({closeness:?})"
            ));
        }
    }
    misses
}

#[test]
fn every_pasted_message_and_alert_name_opens_its_guide_first() {
    let a = atlas();
    let cases = cases(&a);
    let misses = misses(&a, &cases, &|p| p.to_string());
    println!(
        "pasted messages and alert names: {} of {} open their guide first",
        cases.len() - misses.len(),
        cases.len()
    );
    assert!(
        misses.is_empty(),
        "{} of {} missed:\n{}",
        misses.len(),
        cases.len(),
        misses.join("\n")
    );
}

/// Nobody pastes a bare message: it comes inside a log line's prefix, a
/// structured (JSON) log record, an alert notification, or above a stack
/// trace. None of that may change the answer.
#[test]
fn a_message_as_it_arrives_in_a_log_still_opens_its_guide_first() {
    let a = atlas();
    let cases = cases(&a);
    let wraps: [(&str, Wrap); 4] = [
        ("log prefix", &|p| {
            format!("2026-12-06T03:14:07.123Z ERROR 1 --- [nio-8080-exec-3] {p}")
        }),
        ("JSON log record", &|p| {
            format!(
                "{{\"level\":\"error\",\"ts\":1733454847.123,\"caller\":\"server/main.go:42\",\"msg\":{}}}",
                serde_json::to_string(p).unwrap()
            )
        }),
        ("alert notification", &|p| {
            format!("[FIRING:1] {p} (prod-eu-1 critical)")
        }),
        ("stack trace below", &|p| {
            format!(
                "{p}\n\tat io.netty.channel.AbstractChannelHandlerContext.invokeChannelRead(AbstractChannelHandlerContext.java:444)\n\tat java.base/java.lang.Thread.run(Thread.java:840)\n\t... 12 more"
            )
        }),
    ];
    let mut report = Vec::new();
    for (how, wrap) in wraps {
        let missed = misses(&a, &cases, wrap);
        println!(
            "{how}: {} of {} open their guide first",
            cases.len() - missed.len(),
            cases.len()
        );
        report.extend(missed.into_iter().map(|m| format!("[{how}] {m}")));
    }
    assert!(
        report.is_empty(),
        "{} missed:\n{}",
        report.len(),
        report.join("\n")
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
        // Shares only its package with the guides' Java messages.
        "java.lang.IllegalStateException: Connection pool shut down",
    ] {
        let (_, closeness) = top(&a, paste);
        assert_eq!(closeness, Some(Closeness::Nearest), "{paste}");
    }
}
