//! The explorer: search and facets together, as one pure function of the
//! state, so the page only renders what this returns.

use crate::facets::{FacetCounts, FacetTable};
use crate::first_aid::{self, Closeness};
use crate::model::Index;
use crate::search::{snippet, Piece, SearchDoc, SearchIndex, SearchResult};
use crate::url_state::ExploreState;

/// Snippets are computed for the first rows only (what a reader scans);
/// the rest show their summary.
pub const SNIPPET_ROWS: usize = 20;
const SNIPPET_WIDTH: usize = 180;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Position in `index.entries`.
    pub entry: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub rows: Vec<Row>,
    pub counts: Vec<FacetCounts>,
    /// Postings shards the query needs that are not loaded: the results
    /// are incomplete until they arrive.
    pub missing_shards: Vec<usize>,
    /// The search behind the rows, for their snippets; None without a query.
    pub result: Option<SearchResult>,
    /// For a pasted message ([`explore_pasted`]): how well the first row
    /// matches it.
    pub closeness: Option<Closeness>,
}

/// The searchable text of an entry, if the caller has it (the app fetches
/// entry files for the rows on screen; tools have all of them).
pub type TextOf<'a> = &'a dyn Fn(usize) -> Option<&'a SearchDoc>;

/// Runs the state against the atlas: search, then facets. Without a search
/// index (not loaded yet) a query matches titles and summaries by
/// substring. Snippets are a separate step ([`snippets`]), so text arriving
/// for them does not run the search again.
pub fn explore(
    index: &Index,
    table: &FacetTable,
    search: Option<&SearchIndex>,
    state: &ExploreState,
) -> Outcome {
    let query = state.query.trim();
    let mut result = None;
    let candidates: Vec<usize> = if query.is_empty() {
        (0..index.entries.len()).collect()
    } else if let Some(si) = search {
        let found = si.search(&state.query);
        let docs = found.hits.iter().map(|h| h.doc).collect();
        result = Some(found);
        docs
    } else {
        let q = query.to_lowercase();
        index
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.title.to_lowercase().contains(&q) || e.summary.to_lowercase().contains(&q)
            })
            .map(|(i, _)| i)
            .collect()
    };
    let counts = table.counts(index, &candidates, &state.selection);
    let rows = table
        .filter(&candidates, &state.selection)
        .into_iter()
        .map(|entry| Row { entry })
        .collect();
    Outcome {
        rows,
        counts,
        missing_shards: result
            .as_ref()
            .map(|r: &SearchResult| r.missing_shards.clone())
            .unwrap_or_default(),
        result,
        closeness: None,
    }
}

/// Like [`explore`], but the query is a pasted error message or alert name,
/// read as evidence (see [`crate::first_aid`]): exact messages and alert
/// names first, then entries by the weight of the words they hold, with
/// how closely the best one matches.
pub fn explore_pasted(
    index: &Index,
    table: &FacetTable,
    messages: &first_aid::Messages,
    search: Option<&SearchIndex>,
    state: &ExploreState,
) -> Outcome {
    if state.query.trim().is_empty() {
        return explore(index, table, search, state);
    }
    let all: Vec<usize> = (0..index.entries.len()).collect();
    let mut allowed = vec![false; index.entries.len()];
    for i in table.filter(&all, &state.selection) {
        allowed[i] = true;
    }
    let reading = first_aid::read(index, messages, search, &state.query, &|i| allowed[i]);
    let counts = table.counts(index, &reading.rows, &state.selection);
    Outcome {
        rows: reading
            .rows
            .into_iter()
            .map(|entry| Row { entry })
            .collect(),
        counts,
        missing_shards: reading
            .search
            .as_ref()
            .map(|r| r.missing_shards.clone())
            .unwrap_or_default(),
        result: reading.search,
        closeness: reading.closeness,
    }
}

/// Snippets for the first [`SNIPPET_ROWS`] rows of an outcome.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snippets {
    /// Per row, in row order (shorter than the rows when there are more).
    pub rows: Vec<Option<Vec<Piece>>>,
    /// Entries whose text is not at hand yet.
    pub wants_text: Vec<usize>,
}

/// The matched words in context for the first rows, from the texts at hand.
pub fn snippets(search: &SearchIndex, outcome: &Outcome, text_of: TextOf<'_>) -> Snippets {
    let Some(result) = &outcome.result else {
        return Snippets::default();
    };
    let mut out = Snippets::default();
    for row in outcome.rows.iter().take(SNIPPET_ROWS) {
        out.rows.push(match text_of(row.entry) {
            Some(doc) => best_snippet(&doc.0, &search.matched_terms(result, row.entry)),
            None => {
                out.wants_text.push(row.entry);
                None
            }
        });
    }
    out
}

/// Symptoms first (the 3 AM reader pasted one), then summary, then body.
fn best_snippet(fields: &[String; 6], terms: &[String]) -> Option<Vec<Piece>> {
    [1, 2, 5, 4, 0]
        .into_iter()
        .find_map(|f| snippet(&fields[f], terms, SNIPPET_WIDTH))
}
