//! The explorer: search and facets together, as one pure function of the
//! state, so the page only renders what this returns.

use crate::facets::{counts, FacetCounts};
use crate::model::Index;
use crate::search::{snippet, Piece, SearchData, SearchIndex};
use crate::url_state::ExploreState;

/// Snippets are computed for this many rows only (what a page shows).
pub const SNIPPET_ROWS: usize = 50;
const SNIPPET_WIDTH: usize = 180;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Position in `index.entries`.
    pub entry: usize,
    /// The matched words in context; None without a query.
    pub snippet: Option<Vec<Piece>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub rows: Vec<Row>,
    pub counts: Vec<FacetCounts>,
}

/// Runs the state against the atlas. Without a search index (not loaded
/// yet) a query matches titles and summaries by substring.
pub fn explore(
    index: &Index,
    search: Option<(&SearchIndex, &SearchData)>,
    state: &ExploreState,
) -> Outcome {
    let query = state.query.trim();
    let (candidates, terms): (Vec<usize>, Vec<Vec<String>>) = if query.is_empty() {
        ((0..index.entries.len()).collect(), Vec::new())
    } else if let Some((si, _)) = search {
        si.search(&state.query, |_| true)
            .into_iter()
            .map(|h| (h.doc, h.terms))
            .unzip()
    } else {
        let q = query.to_lowercase();
        let found: Vec<usize> = index
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.title.to_lowercase().contains(&q) || e.summary.to_lowercase().contains(&q)
            })
            .map(|(i, _)| i)
            .collect();
        let n = found.len();
        (found, vec![Vec::new(); n])
    };
    let counts = counts(index, &candidates, &state.selection);
    let rows = candidates
        .iter()
        .zip(terms.iter().map(Some).chain(std::iter::repeat(None)))
        .filter(|(i, _)| state.selection.matches(&index.entries[**i], None))
        .enumerate()
        .map(|(n, (&entry, terms))| {
            let snippet = match (terms, search) {
                (Some(t), Some((_, data))) if n < SNIPPET_ROWS && !t.is_empty() => {
                    best_snippet(&data.docs[entry].0, t)
                }
                _ => None,
            };
            Row { entry, snippet }
        })
        .collect();
    Outcome { rows, counts }
}

/// Symptoms first (the 3 AM reader pasted one), then summary, then body.
fn best_snippet(fields: &[String; 6], terms: &[String]) -> Option<Vec<Piece>> {
    [1, 2, 5, 4, 0]
        .into_iter()
        .find_map(|f| snippet(&fields[f], terms, SNIPPET_WIDTH))
}
