//! The 3 AM mode's reading of a pasted message: evidence, not a query.
//!
//! 1. The variable parts of a log line (numbers, ids, hashes, addresses,
//!    times) are dropped: they are never what a guide is about.
//! 2. An alert name, or a run of a guide's exact message (its `symptoms`)
//!    found in the paste, is the answer, longest run first.
//! 3. Otherwise entries are ranked by the weight of the paste's words they
//!    hold (none required), and the top one counts as a close match only if
//!    it holds most of that weight; if not, the page says so and shows the
//!    nearest entries as such, never as the answer.

use crate::model::Index;
use crate::search::{SearchIndex, SearchResult};
use crate::text::tokens;

/// How the best row relates to the paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closeness {
    /// An alert name or an exact message of the entry is in the paste.
    Exact,
    /// Most of the paste's distinctive words are in the entry.
    Close,
    /// Nothing matches closely: the rows are only the nearest entries.
    Nearest,
}

/// Share of the paste's word weight an entry must hold to be a close match;
/// or a lower share if it also clearly leads the next entry (a long paste
/// carries words no guide has: a log prefix, a second clause).
pub const CLOSE_COVERAGE: f32 = 0.5;
pub const LEADING_COVERAGE: f32 = 0.4;
pub const LONG_PASTE_COVERAGE: f32 = 0.3;
pub const LONG_PASTE_WORDS: u16 = 6;
pub const LEAD: f32 = 1.3;

#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Entry positions, best first.
    pub rows: Vec<usize>,
    /// None when the paste has no usable word.
    pub closeness: Option<Closeness>,
    /// What the paste's kept words matched in the search index: the terms
    /// snippets highlight and the shards still to load. None without an
    /// index or without a usable word.
    pub search: Option<SearchResult>,
}

/// Words too common to be evidence ("not" stays: "not found" is).
const STOP: [&str; 16] = [
    "a", "an", "the", "is", "are", "was", "be", "to", "of", "in", "on", "for", "with", "by", "at",
    "and",
];

/// The paste's words, lowercased, without its variable parts and the
/// commonest words.
pub fn words(paste: &str) -> Vec<String> {
    without_brackets(paste)
        .split_whitespace()
        .filter(|chunk| !is_address(chunk))
        .flat_map(|chunk| tokens(chunk).map(|(_, t)| t.to_lowercase()))
        .filter(|t| !is_variable(t) && !STOP.contains(&t.as_str()))
        .collect()
}

/// A log line's bracketed fields (`[myid:3]`, `[SessionTracker:ZooKeeperServer@730]`,
/// `[ERROR]`) are its metadata: thread, logger, level, ids, not its message.
fn without_brackets(paste: &str) -> String {
    let mut out = String::with_capacity(paste.len());
    let mut rest = paste;
    while let Some(open) = rest.find('[') {
        match rest[open..].find(']') {
            Some(close) if close <= 80 => {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// A URL or a host name (`sqs.us-east-1.amazonaws.com.`): which host a
/// message names varies; a dotted name ending in a capitalised part is a
/// class (`java.lang.OutOfMemoryError`) and stays.
fn is_address(chunk: &str) -> bool {
    let chunk = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    if chunk.contains("://") {
        return true;
    }
    let parts: Vec<&str> = chunk.split('.').collect();
    parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty())
        && parts
            .last()
            .is_some_and(|tld| tld.len() <= 8 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

/// Numbers, hex, ids with several digits (pod hashes, request ids), single
/// letters: the parts of a log line that differ every time.
fn is_variable(t: &str) -> bool {
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let len = t.chars().count();
    let starts_with_digit = t.starts_with(|c: char| c.is_ascii_digit());
    // Digits inside a word, not only at its end: a random id (x2x4z), not
    // a name with a version (sha256, int64, x509).
    let mixed = t
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .chars()
        .any(|c| c.is_ascii_digit());
    len < 2
        || digits == len
        || (starts_with_digit && digits >= 2)
        || (len >= 5 && digits >= 2 && mixed)
        || (len >= 8 && t.chars().all(|c| c.is_ascii_hexdigit()))
        || (t.starts_with("0x") && len > 2)
}

/// Reads `paste` against the entries `allowed` lets through.
pub fn read(
    index: &Index,
    search: Option<&SearchIndex>,
    paste: &str,
    allowed: &dyn Fn(usize) -> bool,
) -> Reading {
    let words = words(paste);
    if words.is_empty() {
        return Reading {
            rows: Vec::new(),
            closeness: None,
            search: None,
        };
    }
    // Exact evidence: alert names, then runs of exact messages.
    let mut exact: Vec<(usize, usize, usize)> = Vec::new(); // (entry, run, message length)
    let paste_lower = paste.trim().to_lowercase();
    for (i, e) in index.entries.iter().enumerate() {
        if !allowed(i) {
            continue;
        }
        if e.alerts
            .iter()
            .any(|a| a.eq_ignore_ascii_case(paste.trim()))
            || e.alerts
                .iter()
                .any(|a| words.iter().any(|w| w == &a.to_lowercase()) && a.chars().count() >= 8)
        {
            exact.push((i, usize::MAX, 0));
            continue;
        }
        let best = e
            .symptoms
            .iter()
            .filter_map(|s| {
                let msg = self::words(s);
                let run = longest_common_run(&msg, &words);
                // The whole message in the paste (if it is more than a word
                // fragment), a run of three of its words, or all of a short one.
                let whole = !msg.is_empty()
                    && s.trim().chars().count() >= 6
                    && paste_lower.contains(&s.trim().to_lowercase());
                let enough = whole || run >= 3 || (run >= 2 && run == msg.len());
                enough.then_some((run.max(if whole { msg.len() } else { 0 }), msg.len()))
            })
            .max_by_key(|(run, len)| (*run, std::cmp::Reverse(*len)));
        if let Some((run, len)) = best {
            exact.push((i, run, len));
        }
    }
    exact.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    let mut rows: Vec<usize> = exact.iter().map(|x| x.0).collect();
    let mut closeness = (!rows.is_empty()).then_some(Closeness::Exact);
    let mut matched = None;
    // Then the weight of the words each entry holds.
    if let Some(si) = search {
        let (all, result) = si.rank_any(&words);
        matched = Some(result);
        let hits: Vec<_> = all.into_iter().filter(|h| allowed(h.doc)).collect();
        if closeness.is_none() {
            if let Some(top) = hits.first() {
                let next = hits.get(1).map_or(0.0, |h| h.score);
                let leads = top.score >= LEAD * next;
                let close = (top.coverage >= CLOSE_COVERAGE && top.words >= 2)
                    || (leads && top.coverage >= LEADING_COVERAGE && top.words >= 3)
                    || (leads
                        && top.coverage >= LONG_PASTE_COVERAGE
                        && top.words >= LONG_PASTE_WORDS);
                closeness = Some(if close {
                    Closeness::Close
                } else {
                    Closeness::Nearest
                });
            }
        }
        for h in hits {
            if !rows.contains(&h.doc) {
                rows.push(h.doc);
            }
        }
    }
    Reading {
        rows,
        closeness: closeness.or(Some(Closeness::Nearest)),
        search: matched,
    }
}

/// Length of the longest run of `a` that appears, in order and unbroken,
/// in `b`.
fn longest_common_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_parts_are_dropped() {
        assert_eq!(
            words("2024-03-01T10:22:01Z pod api-7d9f8c6b5-x2x4z: dial tcp 10.0.3.7:5432: connect: connection refused"),
            ["pod", "api", "dial", "tcp", "connect", "connection", "refused"]
        );
        assert_eq!(
            words("x509: certificate has expired or is not yet valid"),
            [
                "x509",
                "certificate",
                "has",
                "expired",
                "or",
                "not",
                "yet",
                "valid"
            ]
        );
        assert_eq!(
            words("0xdeadbeef 4f3c2a1b9e8d sha256 int64"),
            ["sha256", "int64"]
        );
        // Host names and URLs vary; a Java class name is the message.
        assert_eq!(
            words("lookup sqs.us-east-1.amazonaws.com. on 10.0.0.2:53: i/o timeout, see https://x.io/a"),
            ["lookup", "timeout", "see"]
        );
        assert_eq!(
            words("java.lang.OutOfMemoryError: Java heap space"),
            ["java", "lang", "outofmemoryerror", "java", "heap", "space"]
        );
        // A log line's bracketed fields are metadata.
        assert_eq!(
            words("03:14:07,512 [myid:3] - INFO [SessionTracker:ZooKeeperServer@730] - Expiring session"),
            ["info", "expiring", "session"]
        );
    }

    #[test]
    fn runs() {
        let w = |s: &str| words(s);
        assert_eq!(
            longest_common_run(
                &w("too many clients already"),
                &w("FATAL: sorry, too many clients already")
            ),
            4
        );
        assert_eq!(
            longest_common_run(&w("disk quota exceeded"), &w("exceeded quota disk")),
            1
        );
    }
}
