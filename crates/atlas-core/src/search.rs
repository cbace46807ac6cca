//! Full-text search: BM25 ranking over an entry's fields (title weighted
//! highest, body lowest), prefix matching for the word being typed, one typo
//! forgiven in longer words, and highlighted snippets.
//!
//! The build writes the searchable text of every entry (`search.json`); the
//! browser builds this in-memory index from it once, then every keystroke is a
//! lookup. Written here rather than taken from a crate because the candidates
//! (tantivy, …) need threads or a file system and are far too large for wasm.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::text::{tokens, within_one_edit};

/// The fields of an entry that search reads, in `SearchDoc::fields` order.
pub const FIELDS: [Field; 6] = [
    Field {
        name: "title",
        weight: 6.0,
        b: 0.5,
    },
    Field {
        name: "symptoms",
        weight: 4.0,
        b: 0.6,
    },
    Field {
        name: "summary",
        weight: 3.0,
        b: 0.6,
    },
    Field {
        name: "tags",
        weight: 3.0,
        b: 0.3,
    },
    Field {
        name: "headings",
        weight: 2.0,
        b: 0.6,
    },
    Field {
        name: "body",
        weight: 1.0,
        b: 0.75,
    },
];
const BODY: usize = 5;
const K1: f32 = 1.2;
/// A forgiven typo counts for less than the word itself.
const TYPO_FACTOR: f32 = 0.6;
/// Prefix completions count slightly less than an exact word.
const PREFIX_FACTOR: f32 = 0.85;
/// The most completions one prefix expands to (the most common first).
const MAX_EXPANSIONS: usize = 40;
/// Words shorter than this are never typo-matched ("longer words" only).
const TYPO_MIN_LEN: usize = 5;

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub weight: f32,
    /// BM25 length normalisation for this field.
    pub b: f32,
}

/// The searchable text of one entry, one string per field of [`FIELDS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc(pub [String; 6]);

impl SearchDoc {
    pub fn body(&self) -> &str {
        &self.0[BODY]
    }
}

/// The file the build writes: docs in the same order as the index's entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchData {
    pub docs: Vec<SearchDoc>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    tf: [u16; 6],
}

/// The in-memory inverted index.
#[derive(Debug)]
pub struct SearchIndex {
    /// Sorted vocabulary; `postings[i]` belongs to `terms[i]`.
    terms: Vec<String>,
    postings: Vec<Vec<Posting>>,
    lens: Vec<[u32; 6]>,
    avg_len: [f32; 6],
}

/// How a query word matched a vocabulary term.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MatchKind {
    Exact,
    Prefix,
    Typo,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position of the entry in the index (and in `SearchData::docs`).
    pub doc: usize,
    pub score: f32,
}

/// Ranked hits, plus what each query word expanded to (for highlighting).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    pub hits: Vec<Hit>,
    /// Vocabulary indices each query word matched.
    expansions: Vec<Vec<usize>>,
}

impl SearchIndex {
    pub fn new(docs: &[SearchDoc]) -> Self {
        let mut vocab: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut lens = Vec::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            let mut len = [0u32; 6];
            let mut local: HashMap<String, [u16; 6]> = HashMap::new();
            for (f, text) in doc.0.iter().enumerate() {
                for (_, tok) in tokens(text) {
                    len[f] += 1;
                    let tf = local.entry(tok.to_lowercase()).or_insert([0; 6]);
                    tf[f] = tf[f].saturating_add(1);
                }
            }
            for (term, tf) in local {
                vocab
                    .entry(term)
                    .or_default()
                    .push(Posting { doc: d as u32, tf });
            }
            lens.push(len);
        }
        let mut sorted: Vec<(String, Vec<Posting>)> = vocab.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let (terms, mut postings): (Vec<_>, Vec<_>) = sorted.into_iter().unzip();
        for p in &mut postings {
            p.sort_by_key(|x: &Posting| x.doc);
        }
        let n = lens.len().max(1) as f32;
        let mut avg_len = [0f32; 6];
        for (f, avg) in avg_len.iter_mut().enumerate() {
            *avg = (lens.iter().map(|l: &[u32; 6]| l[f] as f32).sum::<f32>() / n).max(1.0);
        }
        SearchIndex {
            terms,
            postings,
            lens,
            avg_len,
        }
    }

    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Ranked hits for `query`.
    ///
    /// Every query word must match (as a word, as a prefix if it is the word
    /// being typed, or with one typo if long enough); if no entry matches them
    /// all, entries matching most of them are returned instead, so a pasted
    /// error message with one unknown word still finds its guide.
    pub fn search(&self, query: &str) -> SearchResult {
        let words = dedup(tokens(query).map(|(_, t)| t.to_lowercase()));
        let typing_last = !query.ends_with(|c: char| !c.is_alphanumeric());
        let n_docs = self.lens.len();
        // Dense accumulators: at 10,000 entries a Vec beats any map.
        let mut score = vec![0f32; n_docs];
        let mut covered = vec![0u16; n_docs];
        let mut best = vec![0f32; n_docs];
        let mut touched: Vec<u32> = Vec::new();
        let mut expansions = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            let matches = self.expand(word, i + 1 == words.len() && typing_last);
            for &(term_ix, kind) in &matches {
                let factor = match kind {
                    MatchKind::Exact => 1.0,
                    MatchKind::Prefix => PREFIX_FACTOR,
                    MatchKind::Typo => TYPO_FACTOR,
                };
                let postings = &self.postings[term_ix];
                let idf = self.idf(postings.len()) * factor;
                for p in postings {
                    let d = p.doc as usize;
                    // A word counts once per doc: its best-scoring match.
                    let s = idf * self.saturated_tf(p);
                    if best[d] == 0.0 {
                        touched.push(p.doc);
                    }
                    if s > best[d] {
                        best[d] = s;
                    }
                }
            }
            for &d in &touched {
                let d = d as usize;
                score[d] += best[d];
                covered[d] += 1;
                best[d] = 0.0;
            }
            touched.clear();
            expansions.push(matches.into_iter().map(|(t, _)| t).collect());
        }
        let most = covered.iter().copied().max().unwrap_or(0);
        let mut hits: Vec<Hit> = if most == 0 {
            Vec::new()
        } else {
            (0..n_docs)
                .filter(|&d| covered[d] == most)
                .map(|d| Hit {
                    doc: d,
                    score: score[d],
                })
                .collect()
        };
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        SearchResult { hits, expansions }
    }

    /// The vocabulary terms of a result that occur in `doc`, for highlighting.
    pub fn matched_terms(&self, result: &SearchResult, doc: usize) -> Vec<String> {
        let mut out: Vec<String> = result
            .expansions
            .iter()
            .flatten()
            .filter(|&&t| {
                self.postings[t]
                    .binary_search_by_key(&(doc as u32), |p| p.doc)
                    .is_ok()
            })
            .map(|&t| self.terms[t].clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Vocabulary terms a query word stands for.
    fn expand(&self, word: &str, as_prefix: bool) -> Vec<(usize, MatchKind)> {
        let mut out = Vec::new();
        if let Ok(i) = self.terms.binary_search_by(|t| t.as_str().cmp(word)) {
            out.push((i, MatchKind::Exact));
        }
        // A single typed letter would expand to half the vocabulary; wait for
        // the second one.
        if as_prefix && word.chars().count() >= 2 {
            let start = self.terms.partition_point(|t| t.as_str() < word);
            let mut completions: Vec<usize> = (start..self.terms.len())
                .take_while(|&i| self.terms[i].starts_with(word))
                .filter(|&i| self.terms[i] != word)
                .collect();
            completions.sort_by_key(|&i| std::cmp::Reverse(self.postings[i].len()));
            out.extend(
                completions
                    .into_iter()
                    .take(MAX_EXPANSIONS)
                    .map(|i| (i, MatchKind::Prefix)),
            );
        }
        if word.chars().count() >= TYPO_MIN_LEN && out.is_empty() {
            let n = word.chars().count();
            out.extend(
                self.terms
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| {
                        t.len().abs_diff(word.len()) <= 2 && t.chars().count().abs_diff(n) <= 1
                    })
                    .filter(|(_, t)| within_one_edit(t, word))
                    .map(|(i, _)| (i, MatchKind::Typo)),
            );
        }
        out
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.lens.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25 per field, weighted and summed: each field saturates on its own,
    /// so a word in the title always outweighs the same word repeated in the
    /// body (with one saturation across fields, as in textbook BM25F, a long
    /// body could drown a title match).
    fn saturated_tf(&self, p: &Posting) -> f32 {
        let lens = &self.lens[p.doc as usize];
        FIELDS
            .iter()
            .enumerate()
            .filter(|(f, _)| p.tf[*f] > 0)
            .map(|(f, field)| {
                let tf = p.tf[f] as f32;
                let norm = 1.0 - field.b + field.b * lens[f] as f32 / self.avg_len[f];
                field.weight * tf / (tf + K1 * norm)
            })
            .sum()
    }
}

fn dedup(words: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// A piece of a snippet; `hit` pieces are the matched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

/// The window of about `width` characters of `text` holding the most matched
/// terms, split into plain and highlighted pieces. None if nothing matches.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Option<Vec<Piece>> {
    let is_hit = |tok: &str| {
        let lower = tok.to_lowercase();
        terms.contains(&lower)
    };
    let hits: Vec<(usize, usize)> = tokens(text)
        .filter(|(_, t)| is_hit(t))
        .map(|(s, t)| (s, s + t.len()))
        .collect();
    if hits.is_empty() {
        return None;
    }
    // Slide over hits: the start that covers most distinct hits within width.
    let mut best = (0, 0usize);
    for (i, &(start, _)) in hits.iter().enumerate() {
        let covered = hits[i..]
            .iter()
            .take_while(|(_, end)| end - start <= width)
            .count();
        if covered > best.1 {
            best = (i, covered);
        }
    }
    let first = hits[best.0].0;
    let from = floor_char(text, first.saturating_sub(width / 4));
    let from = text[from..first]
        .find(' ')
        .map_or(from, |sp| from + sp + 1)
        .min(first);
    let to = ceil_char(text, (from + width).min(text.len()));
    let to = text[..to]
        .rfind(' ')
        .filter(|&sp| sp > hits[best.0].1)
        .unwrap_or(to);
    let mut pieces = Vec::new();
    if from > 0 {
        pieces.push(Piece {
            text: "… ".into(),
            hit: false,
        });
    }
    let mut cursor = from;
    for &(s, e) in hits.iter().filter(|(s, e)| *s >= from && *e <= to) {
        if s > cursor {
            pieces.push(Piece {
                text: text[cursor..s].to_string(),
                hit: false,
            });
        }
        pieces.push(Piece {
            text: text[s..e].to_string(),
            hit: true,
        });
        cursor = e;
    }
    if cursor < to {
        pieces.push(Piece {
            text: text[cursor..to].to_string(),
            hit: false,
        });
    }
    if to < text.len() {
        pieces.push(Piece {
            text: " …".into(),
            hit: false,
        });
    }
    for p in &mut pieces {
        if !p.hit {
            p.text = p.text.replace('\n', " · ").replace('\t', " ");
        }
    }
    Some(pieces)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, symptoms: &str, body: &str) -> SearchDoc {
        SearchDoc([
            title.into(),
            symptoms.into(),
            String::new(),
            String::new(),
            String::new(),
            body.into(),
        ])
    }

    fn corpus() -> Vec<SearchDoc> {
        vec![
            doc("Kafka consumer lag growing", "records-lag-max rising", "Consumer groups fall behind the log end offset. Rebalance storms."),
            doc("PostgreSQL too many clients", "FATAL: sorry, too many clients already", "Connection pool exhaustion in PgBouncer and max_connections."),
            doc("GitHub 2018 partition", "", "Orchestrator failed over MySQL primaries; Kafka is not involved but consumer is mentioned."),
            doc("etcd database space exceeded", "mvcc: database space exceeded", "Compaction and defrag of the etcd backend."),
        ]
    }

    fn ids(index: &SearchIndex, q: &str) -> Vec<usize> {
        index.search(q).hits.into_iter().map(|h| h.doc).collect()
    }

    #[test]
    fn titles_rank_above_bodies() {
        let index = SearchIndex::new(&corpus());
        assert_eq!(ids(&index, "kafka consumer ")[0], 0);
        assert_eq!(ids(&index, "kafka consumer "), vec![0, 2]);
    }

    #[test]
    fn the_word_being_typed_matches_as_prefix() {
        let index = SearchIndex::new(&corpus());
        assert_eq!(ids(&index, "postg"), vec![1]);
        assert_eq!(
            ids(&index, "postg "),
            Vec::<usize>::new(),
            "a finished word is not a prefix"
        );
    }

    #[test]
    fn one_typo_in_longer_words() {
        let index = SearchIndex::new(&corpus());
        assert_eq!(ids(&index, "orchestartor "), vec![2]);
        assert!(
            ids(&index, "etdc ").is_empty(),
            "short words need the exact spelling"
        );
        assert_eq!(
            ids(&index, "kafak ")[0],
            0,
            "a transposition in a five-letter word is forgiven"
        );
    }

    #[test]
    fn pasted_error_message_finds_its_guide() {
        let index = SearchIndex::new(&corpus());
        assert_eq!(ids(&index, "FATAL: sorry, too many clients already")[0], 1);
        // One word nowhere in the atlas: fall back to the best partial match.
        assert_eq!(ids(&index, "mvcc: database space exceeded (nodeX)")[0], 3);
    }

    #[test]
    fn matched_terms_are_per_document() {
        let index = SearchIndex::new(&corpus());
        let result = index.search("consumer reb");
        assert_eq!(index.matched_terms(&result, 0), ["consumer", "rebalance"]);
        assert_eq!(index.matched_terms(&result, 2), ["consumer"]);
    }

    #[test]
    fn snippets_highlight_matched_words() {
        let text = "Before. Connection pool exhaustion in PgBouncer and max_connections. After.";
        let pieces = snippet(text, &["pgbouncer".into(), "pool".into()], 60).unwrap();
        let hits: Vec<_> = pieces
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, ["pool", "PgBouncer"]);
        assert!(snippet(text, &["kafka".into()], 60).is_none());
    }

    #[test]
    fn snippet_is_safe_on_multibyte_text() {
        let text = "ÉÉÉÉÉÉÉÉÉÉ élan Größe ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ kafka ÉÉÉÉÉÉÉÉÉÉÉÉ";
        assert!(snippet(text, &["kafka".into()], 20).is_some());
    }
}
