//! Full-text search: BM25 ranking over an entry's fields (title weighted
//! highest, body lowest), prefix matching for the word being typed, one typo
//! forgiven in longer words, and highlighted snippets.
//!
//! The build compiles the inverted index once ([`SearchFiles::build`]) into
//! small files: the vocabulary as an FST (prefix and typo lookups walk the
//! automaton, never the whole word list), the documents' field lengths, and
//! the postings split into shards by term. The browser opens the first two
//! and fetches only the shards a query's words live in, as Pagefind does;
//! snippets come from the entries' own files, not from a copy of all text.
//! Written here rather than taken from a crate because the candidates
//! (tantivy, …) need threads or a file system and are far too large for wasm.

use std::collections::{BTreeMap, HashMap};

use fst::automaton::Automaton;
use fst::{IntoStreamer, Streamer};

use serde::{Deserialize, Serialize};

use crate::text::tokens;

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

    /// The text snippets are cut from, rebuilt in the browser from an
    /// entry's own files (tags and headings are not needed for snippets).
    pub fn for_snippets(
        meta: &crate::model::EntryMeta,
        detail: &crate::model::EntryDetail,
    ) -> Self {
        SearchDoc([
            meta.title.clone(),
            symptoms_and_alerts(meta, detail),
            meta.summary.clone(),
            String::new(),
            String::new(),
            crate::text::markdown_to_plain(&detail.body),
        ])
    }
}

/// The file the build writes: docs in the same order as the index's entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchData {
    pub docs: Vec<SearchDoc>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Posting {
    doc: u32,
    tf: [u16; 6],
}

/// The compiled search files, as the build writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchFiles {
    /// FST map: term → (ordinal << 24) | document frequency.
    pub terms: Vec<u8>,
    /// Per document, the six field lengths (u16 little-endian each).
    pub docs: Vec<u8>,
    /// Postings shards: (ordinal of the first term, bytes).
    pub shards: Vec<(u32, Vec<u8>)>,
}

/// Shards are cut at about this many bytes of postings.
pub const SHARD_BYTES: usize = 48 * 1024;
const DF_BITS: u64 = 24;

impl SearchFiles {
    pub fn build(docs: &[SearchDoc]) -> SearchFiles {
        SearchFiles::build_with(docs, SHARD_BYTES)
    }

    pub fn build_with(docs: &[SearchDoc], shard_bytes: usize) -> SearchFiles {
        let mut vocab: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
        let mut lens = Vec::with_capacity(docs.len() * 12);
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
            for l in len {
                lens.extend_from_slice(&(l.min(u16::MAX as u32) as u16).to_le_bytes());
            }
        }
        let mut builder = fst::MapBuilder::memory();
        let mut shards = Vec::new();
        let mut current: Vec<u8> = Vec::new();
        let mut first = 0u32;
        for (ordinal, (term, mut postings)) in vocab.into_iter().enumerate() {
            postings.sort_by_key(|p| p.doc);
            let df = (postings.len() as u64).min((1 << DF_BITS) - 1);
            // Terms are unique and come sorted from the BTreeMap.
            let _ = builder.insert(&term, ((ordinal as u64) << DF_BITS) | df);
            if current.len() >= shard_bytes {
                shards.push((first, std::mem::take(&mut current)));
                first = ordinal as u32;
            }
            put_varint(&mut current, postings.len() as u64);
            let mut last = 0u32;
            for p in &postings {
                put_varint(&mut current, (p.doc - last) as u64);
                last = p.doc;
                for tf in p.tf {
                    put_varint(&mut current, tf as u64);
                }
            }
        }
        if !current.is_empty() || shards.is_empty() {
            shards.push((first, current));
        }
        SearchFiles {
            terms: builder.into_inner().unwrap_or_default(),
            docs: lens,
            shards,
        }
    }
}

/// A search file that cannot be read: a half-finished deploy, a corrupt
/// download. The page says "search is updating, reload".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptSearchFile(pub String);

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// The inverted index, opened from [`SearchFiles`]; postings shards are
/// added as they arrive.
#[derive(Debug)]
pub struct SearchIndex {
    terms: fst::Map<Vec<u8>>,
    n_terms: u32,
    lens: Vec<[u32; 6]>,
    avg_len: [f32; 6],
    /// Ordinal of each shard's first term, ascending.
    shard_starts: Vec<u32>,
    /// Per shard, once loaded: postings of its terms in ordinal order.
    shards: Vec<Option<Vec<Vec<Posting>>>>,
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
    /// Position of the entry in the index.
    pub doc: usize,
    pub score: f32,
}

/// Ranked hits, plus what each query word expanded to (for highlighting).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    pub hits: Vec<Hit>,
    /// Shards the query's words live in that are not loaded yet: until they
    /// arrive, `hits` is incomplete.
    pub missing_shards: Vec<usize>,
    /// The vocabulary terms each query word matched.
    expansions: Vec<Vec<Expansion>>,
}

/// One vocabulary term a query word matched.
#[derive(Debug, Clone, PartialEq)]
struct Expansion {
    term: String,
    ordinal: u32,
    df: u32,
    kind: MatchKind,
}

impl Expansion {
    fn new(term: &str, ordinal: u32, df: u32, kind: MatchKind) -> Self {
        Expansion {
            term: term.to_string(),
            ordinal,
            df,
            kind,
        }
    }
}

fn split_value(v: u64) -> (u32, u32) {
    ((v >> DF_BITS) as u32, (v & ((1 << DF_BITS) - 1)) as u32)
}

impl SearchIndex {
    /// Builds and opens everything in memory (tests, the benchmark, tools).
    pub fn new(docs: &[SearchDoc]) -> Self {
        let files = SearchFiles::build(docs);
        let starts = files.shards.iter().map(|(s, _)| *s).collect();
        let mut index = SearchIndex::open(files.terms, &files.docs, starts)
            .expect("files just built are readable");
        for (k, (_, bytes)) in files.shards.iter().enumerate() {
            index
                .add_shard(k, bytes)
                .expect("files just built are readable");
        }
        index
    }

    /// Opens the vocabulary and the document lengths; no postings yet.
    pub fn open(
        terms: Vec<u8>,
        docs: &[u8],
        shard_starts: Vec<u32>,
    ) -> Result<Self, CorruptSearchFile> {
        let terms =
            fst::Map::new(terms).map_err(|e| CorruptSearchFile(format!("vocabulary: {e}")))?;
        if !docs.len().is_multiple_of(12) {
            return Err(CorruptSearchFile("document lengths: truncated".into()));
        }
        let lens: Vec<[u32; 6]> = docs
            .chunks_exact(12)
            .map(|c| std::array::from_fn(|f| u16::from_le_bytes([c[2 * f], c[2 * f + 1]]) as u32))
            .collect();
        let n = lens.len().max(1) as f32;
        let mut avg_len = [0f32; 6];
        for (f, avg) in avg_len.iter_mut().enumerate() {
            *avg = (lens.iter().map(|l| l[f] as f32).sum::<f32>() / n).max(1.0);
        }
        if shard_starts.first() != Some(&0) || shard_starts.windows(2).any(|w| w[0] >= w[1]) {
            return Err(CorruptSearchFile("shard list is not in order".into()));
        }
        let n_terms = terms.len() as u32;
        Ok(SearchIndex {
            shards: vec![None; shard_starts.len()],
            terms,
            n_terms,
            lens,
            avg_len,
            shard_starts,
        })
    }

    /// Adds shard `k` from its bytes.
    pub fn add_shard(&mut self, k: usize, bytes: &[u8]) -> Result<(), CorruptSearchFile> {
        let start = *self
            .shard_starts
            .get(k)
            .ok_or_else(|| CorruptSearchFile(format!("no shard {k}")))?;
        let end = self
            .shard_starts
            .get(k + 1)
            .copied()
            .unwrap_or(self.n_terms);
        let bad = || CorruptSearchFile(format!("shard {k} is truncated or corrupt"));
        let mut at = 0;
        let mut terms = Vec::with_capacity((end - start) as usize);
        for _ in start..end {
            let n = get_varint(bytes, &mut at).ok_or_else(bad)?;
            let mut list = Vec::with_capacity(n as usize);
            let mut doc = 0u32;
            for _ in 0..n {
                doc += get_varint(bytes, &mut at).ok_or_else(bad)? as u32;
                let mut tf = [0u16; 6];
                for t in &mut tf {
                    *t = get_varint(bytes, &mut at).ok_or_else(bad)? as u16;
                }
                if doc as usize >= self.lens.len() {
                    return Err(bad());
                }
                list.push(Posting { doc, tf });
            }
            terms.push(list);
        }
        if at != bytes.len() {
            return Err(bad());
        }
        self.shards[k] = Some(terms);
        Ok(())
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// Shards a query needs that are not loaded yet.
    pub fn missing_shards(&self, query: &str) -> Vec<usize> {
        self.missing_in(&self.plan(query))
    }

    fn missing_in(&self, plan: &[Vec<Expansion>]) -> Vec<usize> {
        let mut out: Vec<usize> = plan
            .iter()
            .flatten()
            .map(|m| self.shard_of(m.ordinal))
            .filter(|&k| self.shards[k].is_none())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn shard_of(&self, ordinal: u32) -> usize {
        self.shard_starts.partition_point(|&s| s <= ordinal) - 1
    }

    fn postings(&self, ordinal: u32) -> &[Posting] {
        let k = self.shard_of(ordinal);
        match &self.shards[k] {
            Some(terms) => &terms[(ordinal - self.shard_starts[k]) as usize],
            None => &[],
        }
    }

    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// What each query word expands to.
    fn plan(&self, query: &str) -> Vec<Vec<Expansion>> {
        let words = dedup(tokens(query).map(|(_, t)| t.to_lowercase()));
        let typing_last = !query.ends_with(|c: char| !c.is_alphanumeric());
        words
            .iter()
            .enumerate()
            .map(|(i, w)| self.expand(w, i + 1 == words.len() && typing_last))
            .collect()
    }

    /// Ranked hits for `query`, from the shards loaded (see
    /// [`SearchIndex::missing_shards`]).
    ///
    /// Every query word must match (as a word, as a prefix if it is the word
    /// being typed, or with one typo if long enough); if no entry matches them
    /// all, entries matching most of them are returned instead, so a pasted
    /// error message with one unknown word still finds its guide.
    pub fn search(&self, query: &str) -> SearchResult {
        let plan = self.plan(query);
        let n_docs = self.lens.len();
        // Dense accumulators: at 10,000 entries a Vec beats any map.
        let mut score = vec![0f32; n_docs];
        let mut covered = vec![0u16; n_docs];
        let mut best = vec![0f32; n_docs];
        let mut touched: Vec<u32> = Vec::new();
        for matches in &plan {
            self.per_word(matches, &mut best, &mut touched, |d, s| {
                score[d] += s;
                covered[d] += 1;
            });
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
        SearchResult {
            hits,
            missing_shards: self.missing_in(&plan),
            expansions: plan,
        }
    }

    /// Every entry holding any of `words` (whole words, or one typo away),
    /// scored like [`SearchIndex::search`], with the share of the words'
    /// weight (IDF; an unknown word weighs as the rarest) it holds. No word is required: this ranks a pasted
    /// message, whose extra words must not hide the entry that has the rest.
    ///
    /// Also returns the words' matches as a [`SearchResult`] without hits:
    /// what snippets highlight and which shards the words need.
    pub fn rank_any(&self, words: &[String]) -> (Vec<AnyHit>, SearchResult) {
        let n_docs = self.lens.len();
        let mut score = vec![0f32; n_docs];
        let mut held = vec![0f32; n_docs];
        let mut count = vec![0u16; n_docs];
        let mut best = vec![0f32; n_docs];
        let mut touched: Vec<u32> = Vec::new();
        let mut total = 0f32;
        let mut plan: Vec<Vec<Expansion>> = Vec::new();
        for w in dedup(words.iter().cloned()) {
            let matches = self.expand(&w, false);
            // A word the atlas has never seen still counts against coverage
            // (as the rarest word would): a message full of unknown words
            // is about something else.
            let Some(weight) = matches
                .iter()
                .map(|m| self.idf(m.df as usize))
                .max_by(f32::total_cmp)
            else {
                total += self.idf(1);
                continue;
            };
            total += weight;
            self.per_word(&matches, &mut best, &mut touched, |d, s| {
                score[d] += s;
                held[d] += weight;
                count[d] += 1;
            });
            plan.push(matches);
        }
        let mut hits: Vec<AnyHit> = (0..n_docs)
            .filter(|&d| count[d] > 0)
            .map(|d| AnyHit {
                doc: d,
                score: score[d],
                coverage: if total > 0.0 { held[d] / total } else { 0.0 },
                words: count[d],
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        let result = SearchResult {
            hits: Vec::new(),
            missing_shards: self.missing_in(&plan),
            expansions: plan,
        };
        (hits, result)
    }

    /// One query word against the postings: each document holding it gets
    /// `add(doc, score)` once, with the word's best-scoring match there
    /// (exact, prefix or typo, weighted by kind). `best` and `touched` are
    /// scratch space (one slot per document), left cleared.
    fn per_word(
        &self,
        matches: &[Expansion],
        best: &mut [f32],
        touched: &mut Vec<u32>,
        mut add: impl FnMut(usize, f32),
    ) {
        for m in matches {
            let factor = match m.kind {
                MatchKind::Exact => 1.0,
                MatchKind::Prefix => PREFIX_FACTOR,
                MatchKind::Typo => TYPO_FACTOR,
            };
            let idf = self.idf(m.df as usize) * factor;
            for p in self.postings(m.ordinal) {
                let d = p.doc as usize;
                let s = idf * self.saturated_tf(p);
                if best[d] == 0.0 {
                    touched.push(p.doc);
                }
                if s > best[d] {
                    best[d] = s;
                }
            }
        }
        for &d in touched.iter() {
            let d = d as usize;
            add(d, best[d]);
            best[d] = 0.0;
        }
        touched.clear();
    }

    /// The vocabulary terms of a result that occur in `doc`, for highlighting.
    pub fn matched_terms(&self, result: &SearchResult, doc: usize) -> Vec<String> {
        let mut out: Vec<String> = result
            .expansions
            .iter()
            .flatten()
            .filter(|m| {
                self.postings(m.ordinal)
                    .binary_search_by_key(&(doc as u32), |p| p.doc)
                    .is_ok()
            })
            .map(|m| m.term.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn get(&self, term: &str) -> Option<(u32, u32)> {
        self.terms.get(term).map(split_value)
    }

    /// Vocabulary terms a query word stands for, found by walking the FST:
    /// the word itself, its completions if it is being typed, and words one
    /// edit away (a Levenshtein automaton, plus the adjacent swaps it counts
    /// as two edits) if nothing else matched.
    fn expand(&self, word: &str, as_prefix: bool) -> Vec<Expansion> {
        let mut out = Vec::new();
        if let Some((ordinal, df)) = self.get(word) {
            out.push(Expansion::new(word, ordinal, df, MatchKind::Exact));
        }
        // A single typed letter would expand to half the vocabulary; wait for
        // the second one.
        if as_prefix && word.chars().count() >= 2 {
            let automaton = fst::automaton::Str::new(word).starts_with();
            let mut stream = self.terms.search(automaton).into_stream();
            let mut completions = Vec::new();
            while let Some((term, value)) = stream.next() {
                if term != word.as_bytes() {
                    let (ordinal, df) = split_value(value);
                    completions.push((String::from_utf8_lossy(term).into_owned(), ordinal, df));
                }
            }
            completions.sort_by_key(|c| std::cmp::Reverse(c.2));
            out.extend(
                completions
                    .into_iter()
                    .take(MAX_EXPANSIONS)
                    .map(|(t, o, df)| Expansion::new(&t, o, df, MatchKind::Prefix)),
            );
        }
        if word.chars().count() >= TYPO_MIN_LEN && out.is_empty() {
            let mut near: Vec<(String, u64)> = Vec::new();
            if let Ok(lev) = fst::automaton::Levenshtein::new(word, 1) {
                let mut stream = self.terms.search(lev).into_stream();
                while let Some((term, value)) = stream.next() {
                    near.push((String::from_utf8_lossy(term).into_owned(), value));
                }
            }
            let chars: Vec<char> = word.chars().collect();
            for i in 0..chars.len().saturating_sub(1) {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                if let Some(v) = self.terms.get(&swapped) {
                    near.push((swapped, v));
                }
            }
            near.sort();
            near.dedup();
            out.extend(near.into_iter().filter(|(t, _)| t != word).map(|(t, v)| {
                let (o, df) = split_value(v);
                Expansion::new(&t, o, df, MatchKind::Typo)
            }));
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

/// An entry holding some of a pasted message's words (see
/// [`SearchIndex::rank_any`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AnyHit {
    pub doc: usize,
    pub score: f32,
    /// Share (0–1) of the message's word weight this entry holds.
    pub coverage: f32,
    /// How many of the message's words it holds.
    pub words: u16,
}

/// A piece of a snippet; `hit` pieces are the matched words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// What the symptoms field of search holds: the exact messages, then the
/// alert names that open the entry.
pub fn symptoms_and_alerts(
    meta: &crate::model::EntryMeta,
    detail: &crate::model::EntryDetail,
) -> String {
    let mut lines: Vec<&str> = detail.symptoms.iter().map(String::as_str).collect();
    lines.extend(meta.alerts.iter().map(String::as_str));
    lines.join("\n")
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
    fn sharded_files_give_the_same_results_once_their_shards_are_loaded() {
        let docs = corpus();
        let whole = SearchIndex::new(&docs);
        // Tiny shards: nearly one term each.
        let files = SearchFiles::build_with(&docs, 8);
        assert!(files.shards.len() > 10, "{} shards", files.shards.len());
        let starts: Vec<u32> = files.shards.iter().map(|(s, _)| *s).collect();
        let mut index = SearchIndex::open(files.terms.clone(), &files.docs, starts).unwrap();
        for q in [
            "kafka consumer ",
            "postg",
            "orchestartor ",
            "FATAL: sorry, too many clients already",
        ] {
            let missing = index.missing_shards(q);
            assert!(!missing.is_empty(), "{q}");
            assert!(
                ids(&index, q).is_empty() || missing.len() < 2,
                "incomplete before loading"
            );
            for k in missing {
                index.add_shard(k, &files.shards[k].1).unwrap();
            }
            assert!(index.missing_shards(q).is_empty());
            assert_eq!(ids(&index, q), ids(&whole, q), "{q}");
        }
        assert!(
            index.missing_shards("kafka consumer ").is_empty()
                && SearchIndex::open(
                    files.terms.clone(),
                    &files.docs,
                    files.shards.iter().map(|(s, _)| *s).collect()
                )
                .unwrap()
                .missing_shards("kafka consumer ")
                .len()
                    >= 2,
            "a two-word query needs two shards"
        );
    }

    #[test]
    fn corrupt_search_files_are_errors_not_panics() {
        let files = SearchFiles::build(&corpus());
        let starts: Vec<u32> = files.shards.iter().map(|(s, _)| *s).collect();
        assert!(SearchIndex::open(b"not an fst".to_vec(), &files.docs, starts.clone()).is_err());
        assert!(SearchIndex::open(files.terms.clone(), &files.docs[..5], starts.clone()).is_err());
        let mut index = SearchIndex::open(files.terms.clone(), &files.docs, starts).unwrap();
        let half = &files.shards[0].1[..files.shards[0].1.len() / 2];
        assert!(index.add_shard(0, half).is_err());
        assert!(index.add_shard(99, &files.shards[0].1).is_err());
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
