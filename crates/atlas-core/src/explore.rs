//! The explorer: search and facets together, as one pure function of the
//! state, so the page only renders what this returns.

use crate::facets::{FacetCounts, FacetTable};
use crate::model::Index;
use crate::search::{snippet, Piece, SearchDoc, SearchIndex};
use crate::url_state::ExploreState;

/// Snippets are computed for the first rows only (what a reader scans);
/// the rest show their summary.
pub const SNIPPET_ROWS: usize = 20;
const SNIPPET_WIDTH: usize = 180;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Position in `index.entries`.
    pub entry: usize,
    /// The matched words in context; None without a query.
    pub snippet: Option<Vec<Piece>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub rows: Vec<Row>,
    pub counts: Vec<FacetCounts>,
    /// Postings shards the query needs that are not loaded: the results
    /// are incomplete until they arrive.
    pub missing_shards: Vec<usize>,
    /// Entries among the first rows whose text (for snippets) is not at hand.
    pub wants_text: Vec<usize>,
}

/// The searchable text of an entry, if the caller has it (the app fetches
/// entry files for the rows on screen; tools have all of them).
pub type TextOf<'a> = &'a dyn Fn(usize) -> Option<&'a SearchDoc>;

/// Runs the state against the atlas. Without a search index (not loaded
/// yet) a query matches titles and summaries by substring.
pub fn explore(
    index: &Index,
    table: &FacetTable,
    search: Option<(&SearchIndex, TextOf<'_>)>,
    state: &ExploreState,
) -> Outcome {
    let mut missing_shards = Vec::new();
    let mut wants_text = Vec::new();
    let query = state.query.trim();
    let mut found = None;
    let candidates: Vec<usize> = if query.is_empty() {
        (0..index.entries.len()).collect()
    } else if let Some((si, _)) = search {
        let result = si.search(&state.query);
        missing_shards = result.missing_shards.clone();
        let docs = result.hits.iter().map(|h| h.doc).collect();
        found = Some(result);
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
        .enumerate()
        .map(|(n, entry)| {
            let snippet = match (&found, search) {
                (Some(result), Some((si, text_of))) if n < SNIPPET_ROWS => match text_of(entry) {
                    Some(doc) => best_snippet(&doc.0, &si.matched_terms(result, entry)),
                    None => {
                        wants_text.push(entry);
                        None
                    }
                },
                _ => None,
            };
            Row { entry, snippet }
        })
        .collect();
    Outcome {
        rows,
        counts,
        missing_shards,
        wants_text,
    }
}

/// Symptoms first (the 3 AM reader pasted one), then summary, then body.
fn best_snippet(fields: &[String; 6], terms: &[String]) -> Option<Vec<Piece>> {
    [1, 2, 5, 4, 0]
        .into_iter()
        .find_map(|f| snippet(&fields[f], terms, SNIPPET_WIDTH))
}
