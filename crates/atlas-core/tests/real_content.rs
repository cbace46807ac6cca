//! The real atlas in `content/` is valid and covers what the app promises.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atlas_core::corpus::{self, Corpus};

/// ATLAS_CONTENT, as for the `atlas` command, else the real content/.
fn content_dir() -> PathBuf {
    std::env::var_os("ATLAS_CONTENT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"))
}

/// The real atlas, loaded once for every test here; every problem is listed if it fails.
fn real_atlas() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        corpus::load_dir(&content_dir()).unwrap_or_else(|problems| {
            panic!(
                "content/ has problems:\n{}",
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
    })
}

// These tests hold for any size of atlas: nothing here pins a count of
// entries, of taxonomy ids, or which single entry a query ranks first.

#[test]
fn every_real_entry_is_valid() {
    let corpus = real_atlas();
    assert!(!corpus.index.entries.is_empty());
    assert!(corpus.index.entries.iter().all(|e| e.diagrams >= 1));
    assert!(corpus.details.iter().all(|(_, d)| !d.sources.is_empty()));
}

#[test]
fn the_planes_keep_the_spec_colours() {
    let text = std::fs::read_to_string(content_dir().join("taxonomy.yaml")).unwrap();
    let t = corpus::parse_taxonomy(&corpus::ContentFile::new("content", "taxonomy.yaml", text))
        .unwrap();
    let planes: Vec<_> = t
        .planes
        .iter()
        .map(|p| (p.id.as_str(), p.colour.as_str()))
        .collect();
    assert_eq!(
        planes,
        [
            ("edge", "#0066CC"),
            ("service", "#00AA00"),
            ("state", "#FF8800"),
            ("control", "#CC0000")
        ]
    );
}

/// What an on-call engineer types finds the entry written for it among the
/// first three (new entries on the same subject may rightly rank above it).
#[test]
fn search_finds_the_entry_written_for_the_query_in_the_top_three() {
    let corpus = real_atlas();
    let index = atlas_core::search::SearchIndex::new(&corpus.search.docs);
    for (query, expected) in [
        ("linea", "g-lin-linearizability"),
        ("kafka consumer lag", "kafka-consumer-lag"),
        (
            "FATAL: sorry, too many clients already",
            "postgresql-too-many-clients",
        ),
        (
            "mvcc: database space exceeded",
            "etcd-database-space-exceeded",
        ),
        ("circuit breaker", "m9-circuit-breaker"),
        ("linearizabilty", "g-lin-linearizability"),
        ("github network partition", "github-2018-10-21-partition"),
    ] {
        let top: Vec<&str> = index
            .search(query)
            .hits
            .iter()
            .take(3)
            .map(|h| corpus.index.entries[h.doc].id.as_str())
            .collect();
        assert!(top.contains(&expected), "query {query:?} gave {top:?}");
    }
}

#[test]
fn the_five_deep_dive_systems_are_complete_and_views_count_for_their_subject() {
    let corpus = real_atlas();
    let stats = atlas_core::stats::Stats::from_index(&corpus.index);
    for system in ["netflix", "uber", "discord", "cloudflare", "github"] {
        let row = stats.systems.iter().find(|r| r.company == system).unwrap();
        assert_eq!(row.present(), 8, "{system} is missing views");
    }
    // A view that mentions a second company (github-cost names Microsoft)
    // must not count as that company's view.
    for row in &stats.systems {
        for id in row.views.iter().flatten() {
            let entry = corpus.index.entries.iter().find(|e| &e.id == id).unwrap();
            assert_eq!(entry.companies.first(), Some(&row.company), "{id}");
        }
    }
}

#[test]
fn incident_statistics_count_every_incident_once_and_time_the_published_ones() {
    use atlas_core::incident_stats::{aligned, IncidentStats};
    let index = &real_atlas().index;
    let incidents = index
        .entries
        .iter()
        .filter(|e| e.category == "incident")
        .count() as u32;
    let stats = IncidentStats::from_index(index);
    assert_eq!(stats.incidents, incidents);
    assert_eq!(
        stats.by_trigger.iter().map(|r| r.total).sum::<u32>(),
        incidents
    );
    assert!(
        !stats.durations.is_empty(),
        "some incident publishes start and end to the minute"
    );
    assert!(stats
        .durations
        .windows(2)
        .all(|w| w[0].minutes <= w[1].minutes));
    // Every timed incident can be laid on the shared axis.
    let ids: Vec<String> = stats
        .durations
        .iter()
        .take(6)
        .map(|s| index.entries[s.entry].id.clone())
        .collect();
    let (rows, notices) = aligned(index, &ids);
    assert_eq!(rows.len(), ids.len(), "{notices:?}");
    assert!(rows.iter().all(|r| r.resolved.is_some()));
}

#[test]
fn deciding_for_a_guarantee_lists_only_what_provides_it() {
    use atlas_core::decide::decide;
    let index = &real_atlas().index;
    let (d, notices) = decide(index, &["G-LIN".to_string(), "G-NOPE".to_string()]);
    assert_eq!(notices.len(), 1, "the unknown id is reported");
    assert!(!d.mechanisms.is_empty());
    for m in &d.mechanisms {
        assert!(index.entries[m.entry]
            .guarantees
            .contains(&"G-LIN".to_string()));
    }
    assert!(d
        .systems
        .iter()
        .all(|s| index.entries[s.entry].category == "architecture" && s.covers == ["G-LIN"]));
}

#[test]
fn every_runbook_gets_a_first_move_with_outcomes_and_a_tree_drawn_from_its_steps() {
    let corpus = real_atlas();
    let runbook_categories: Vec<&str> = corpus
        .index
        .taxonomy
        .categories
        .iter()
        .filter(|c| c.first_aid == Some(1))
        .map(|c| c.id.as_str())
        .collect();
    let guides: Vec<_> = corpus
        .index
        .entries
        .iter()
        .filter(|e| runbook_categories.contains(&e.category.as_str()))
        .collect();
    assert!(!guides.is_empty());
    for e in guides {
        let first = e
            .first_move
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no first move", e.id));
        assert!(!first.command.trim().is_empty(), "{}", e.id);
        assert!(
            first.branches.len() >= 2,
            "{}: the first move names its outcomes",
            e.id
        );
        let detail = corpus
            .details
            .iter()
            .find(|(file, _)| file == &e.detail)
            .map(|(_, d)| d)
            .expect("its detail");
        assert!(
            detail
                .body
                .contains("## Decision tree\n\n```mermaid\nflowchart TD"),
            "{}",
            e.id
        );
        assert_eq!(
            detail.links.get("rb_s1").map(String::as_str),
            Some("#step-1"),
            "{}: the tree's nodes open their steps",
            e.id
        );
        // The tree sits right after the steps, before the reference sections.
        let (steps, tree) = (
            detail.body.find("## Steps").unwrap(),
            detail.body.find("## Decision tree").unwrap(),
        );
        assert!(
            steps < tree && detail.body.find("## Symptoms").is_none_or(|s| s > tree),
            "{}",
            e.id
        );
    }
}
