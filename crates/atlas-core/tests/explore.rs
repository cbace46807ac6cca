//! Facets, URL state and search working together, on a small hand-made atlas
//! that uses the real taxonomy.

use std::path::Path;

use atlas_core::corpus::{parse_taxonomy, ContentFile};
use atlas_core::facets::{FacetKind, FacetTable, Selection};
use atlas_core::url_state::ExploreState;
use atlas_core::{Confidence, EntryMeta, Index};
use proptest::prelude::*;

fn entry(
    id: &str,
    category: &str,
    planes: &[&str],
    companies: &[&str],
    guarantees: &[&str],
    date: Option<&str>,
    confidence: Confidence,
) -> EntryMeta {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    EntryMeta {
        id: id.into(),
        title: id.into(),
        category: category.into(),
        summary: String::new(),
        companies: v(companies),
        planes: v(planes),
        guarantees: v(guarantees),
        mechanisms: vec![],
        patterns: vec![],
        date: date.map(str::to_string),
        system_view: None,
        concept: None,
        first_check: None,
        confidence,
        diagrams: 1,
        warnings: vec![],
        alerts: Vec::new(),
        record: None,
        symptoms: Vec::new(),
        first_move: None,
        compares: Vec::new(),
        detail: String::new(),
    }
}

fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(build_index)
}

fn build_index() -> Index {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/taxonomy.yaml");
    let taxonomy = parse_taxonomy(&ContentFile::new(
        "content",
        "taxonomy.yaml",
        std::fs::read_to_string(path).unwrap(),
    ))
    .unwrap();
    use Confidence::*;
    Index {
        taxonomy,
        entries: vec![
            entry(
                "gh-2018",
                "incident",
                &["state", "control"],
                &["github"],
                &["G-LIN"],
                Some("2018-10-21"),
                A,
            ),
            entry(
                "cf-2019",
                "incident",
                &["edge"],
                &["cloudflare"],
                &[],
                Some("2019-07-02"),
                A,
            ),
            entry("kafka-lag", "debugging", &["state"], &[], &[], None, B),
            entry(
                "gh-storage",
                "architecture",
                &["state"],
                &["github"],
                &["G-LIN", "G-DUR"],
                None,
                B,
            ),
        ],
    }
}

fn all(index: &Index) -> Vec<usize> {
    (0..index.entries.len()).collect()
}

fn count_of(c: &[atlas_core::facets::FacetCounts], kind: FacetKind, value: &str) -> u32 {
    c.iter()
        .find(|f| f.kind == kind)
        .unwrap()
        .values
        .iter()
        .find(|v| v.value == value)
        .map_or(u32::MAX, |v| v.count)
}

/// Ids of the entries a selection keeps, in index order, through the
/// facet table the app uses.
fn matching_ids<'a>(index: &'a Index, sel: &Selection) -> Vec<&'a str> {
    FacetTable::new(index)
        .filter(&all(index), sel)
        .into_iter()
        .map(|e| index.entries[e].id.as_str())
        .collect()
}

#[test]
fn and_across_facets_or_within() {
    let index = index();
    let mut sel = Selection::default();
    sel.insert(FacetKind::Category, "incident");
    sel.insert(FacetKind::Category, "debugging");
    assert_eq!(
        matching_ids(index, &sel),
        ["gh-2018", "cf-2019", "kafka-lag"]
    );
    sel.insert(FacetKind::Plane, "state");
    assert_eq!(matching_ids(index, &sel), ["gh-2018", "kafka-lag"]);
}

#[test]
fn counts_are_live_and_disjunctive() {
    let index = index();
    let mut sel = Selection::default();
    sel.insert(FacetKind::Company, "github");
    let c = FacetTable::new(index).counts(index, &all(index), &sel);
    // Within the ticked facet, counts ignore its own selection…
    assert_eq!(count_of(&c, FacetKind::Company, "cloudflare"), 1);
    assert_eq!(count_of(&c, FacetKind::Company, "github"), 2);
    // …while other facets count only entries that pass it.
    assert_eq!(count_of(&c, FacetKind::Category, "incident"), 1);
    assert_eq!(
        count_of(&c, FacetKind::Category, "debugging"),
        0,
        "shown, with zero"
    );
    assert_eq!(count_of(&c, FacetKind::Year, "2018"), 1);
    assert_eq!(count_of(&c, FacetKind::Year, "2019"), 0);
    assert_eq!(count_of(&c, FacetKind::Guarantee, "G-DUR"), 1);
    // Values that occur nowhere in the atlas are not offered at all.
    assert_eq!(count_of(&c, FacetKind::Company, "netflix"), u32::MAX);
    let g = c.iter().find(|f| f.kind == FacetKind::Guarantee).unwrap();
    assert_eq!(g.values[0].label, "G-LIN Linearizability");
}

#[test]
fn url_round_trip_and_notices() {
    let index = index();
    let (state, notices) = ExploreState::parse(
        "?q=replica+lag&category=incident,debugging&plane=state&year=2018",
        index,
    );
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(state.query, "replica lag");
    assert!(state.selection.contains(FacetKind::Category, "debugging"));
    let again = ExploreState::parse(&state.to_query(), index).0;
    assert_eq!(again, state);

    let (state, notices) = ExploreState::parse(
        "plane=storage,edge&utm_source=x&year=20x8&confidence=Z&q=%E2%9C%93",
        index,
    );
    assert_eq!(state.query, "✓");
    assert!(state.selection.contains(FacetKind::Plane, "edge"));
    assert_eq!(notices.len(), 4, "{notices:?}");
    assert!(notices
        .iter()
        .any(|n| n.contains("unknown parameter “utm_source”")));
    assert!(notices
        .iter()
        .any(|n| n.contains("“storage”: not a known plane")));
}

#[test]
fn malformed_percent_encoding_is_survived() {
    let index = index();
    let (state, _) = ExploreState::parse("q=%ZZ%E2%28%A1&plane=%FF", index);
    assert!(state.query.contains("%ZZ"));
    assert!(state.selection.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_query_string_parses_without_panic(s in "\\PC*") {
        let index = index();
        let (state, notices) = ExploreState::parse(&s, index);
        prop_assert!(state.query.chars().count() <= atlas_core::url_state::MAX_QUERY);
        prop_assert!(notices.iter().all(|n| n.chars().count() < 200));
    }

    #[test]
    fn any_bytes_parse_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let index = index();
        let s = String::from_utf8_lossy(&bytes);
        let _ = ExploreState::parse(&s, index);
    }

    #[test]
    fn valid_states_round_trip(
        q in "[a-zA-Z0-9 _:&=,?%+-]{0,40}",
        planes in proptest::sample::subsequence(vec!["edge", "service", "state", "control"], 0..4),
        cats in proptest::sample::subsequence(vec!["incident", "debugging", "architecture"], 0..3),
        year in proptest::option::of(1990u16..2030),
    ) {
        let index = index();
        let mut state = ExploreState { query: q.clone(), selection: Selection::default() };
        for p in planes { state.selection.insert(FacetKind::Plane, p); }
        for c in cats { state.selection.insert(FacetKind::Category, c); }
        if let Some(y) = year { state.selection.insert(FacetKind::Year, y.to_string()); }
        let (parsed, notices) = ExploreState::parse(&state.to_query(), index);
        prop_assert!(notices.is_empty());
        prop_assert_eq!(parsed, state);
    }
}
