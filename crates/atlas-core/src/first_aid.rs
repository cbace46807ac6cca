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
    marked_words(paste)
        .into_iter()
        .map(|(w, _)| w)
        .filter(|w| !w.is_empty())
        .collect()
}

/// [`words`], each marked true when it is only a namespace: the package
/// part of a class name (`org`, `apache`, `kafka` in
/// `org.apache.kafka.common.errors.TimeoutException`). Two messages that
/// share a package share nothing about what went wrong.
fn marked_words(paste: &str) -> Vec<(String, bool)> {
    let message: Vec<&str> = paste.lines().filter(|l| !is_stack_frame(l)).collect();
    without_brackets(&message.join("\n"))
        .split_whitespace()
        .filter(|chunk| !is_address(chunk))
        .flat_map(|chunk| {
            let namespace = namespace_len(chunk);
            let bytes = chunk.as_bytes();
            tokens(chunk).map(move |(at, t)| {
                // `<pod>` in a guide's message is a placeholder: kept as an
                // empty word that stands for whatever the paste has there.
                let placeholder =
                    at > 0 && bytes[at - 1] == b'<' && bytes.get(at + t.len()) == Some(&b'>');
                if placeholder {
                    (String::new(), false)
                } else {
                    (t.to_lowercase(), at < namespace)
                }
            })
        })
        .filter(|(t, _)| t.is_empty() || (!is_variable(t) && !STOP.contains(&t.as_str())))
        .collect()
}

/// How many bytes of `chunk` are a package prefix: the lowercase dotted
/// parts before a capitalised one (`java.lang.` of `java.lang.Thread`).
fn namespace_len(chunk: &str) -> usize {
    let mut at = 0;
    for part in chunk.split('.') {
        if part.starts_with(|c: char| c.is_uppercase()) {
            return at;
        }
        if !part.starts_with(|c: char| c.is_lowercase()) {
            return 0;
        }
        at += part.len() + 1;
    }
    0
}

/// A line of a stack trace names where the code was, not what went wrong,
/// and its package words (`java`, `lang`, `thread`) would pull every trace
/// towards the JVM guides: Java's `at pkg.Class.method(File.java:12)` and
/// `... 12 more`, Python's `File "x.py", line 3, in f`, Go's
/// `/src/pkg/file.go:250 +0x1b` and `pkg.func(0x0?, …)`.
fn is_stack_frame(line: &str) -> bool {
    let l = line.trim();
    let call = l.contains('(') && l.ends_with(')');
    (l.starts_with("at ") && call && !l[3..].trim().contains(' '))
        || (l.starts_with("... ") && l.ends_with(" more"))
        || (l.starts_with("File \"") && l.contains("\", line "))
        || (l.starts_with('/') && l.contains(".go:"))
        || (call
            && l.split('(')
                .next()
                .is_some_and(|f| f.contains('.') && !f.contains(' ')))
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
        || t.starts_with("0x")
}

/// Every entry's alert names and exact messages, read into words once
/// (before the first paste): a paste is read against all of them on every
/// keystroke.
#[derive(Debug, Clone, Default)]
pub struct Messages {
    /// Per entry, in index order.
    entries: Vec<EntryMessages>,
}

#[derive(Debug, Clone, Default)]
struct EntryMessages {
    /// Alert names, lowercased.
    alerts: Vec<String>,
    messages: Vec<Message>,
}

/// One of an entry's `symptoms`, ready to be looked for in a paste.
#[derive(Debug, Clone)]
struct Message {
    /// Its words, placeholders as empty words, namespaces marked.
    words: Vec<(String, bool)>,
    /// How many words it says (placeholders left out).
    said: usize,
    /// The whole message, lowercased, when it is more than a word fragment
    /// and says something.
    whole: Option<String>,
    /// Its error names ([`identifiers`]), lowercased.
    names: Vec<String>,
}

impl Messages {
    pub fn new(index: &Index) -> Self {
        let entries = index
            .entries
            .iter()
            .map(|e| EntryMessages {
                alerts: e.alerts.iter().map(|a| a.to_lowercase()).collect(),
                messages: e
                    .symptoms
                    .iter()
                    .map(|s| {
                        let words = marked_words(s);
                        let said = words.iter().filter(|(w, _)| !w.is_empty()).count();
                        let trimmed = s.trim();
                        Message {
                            whole: (said > 0 && trimmed.chars().count() >= 6)
                                .then(|| trimmed.to_lowercase()),
                            names: identifiers(s).map(str::to_lowercase).collect(),
                            words,
                            said,
                        }
                    })
                    .collect(),
            })
            .collect();
        Messages { entries }
    }
}

/// Reads `paste` against the entries `allowed` lets through; `messages`
/// is [`Messages::new`] of the same index.
pub fn read(
    index: &Index,
    messages: &Messages,
    search: Option<&SearchIndex>,
    paste: &str,
    allowed: &dyn Fn(usize) -> bool,
) -> Reading {
    let marked = marked_words(paste);
    let words: Vec<String> = marked
        .iter()
        .map(|(w, _)| w.clone())
        .filter(|w| !w.is_empty())
        .collect();
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
    for (i, e) in messages.entries.iter().enumerate() {
        if !allowed(i) {
            continue;
        }
        if e.alerts
            .iter()
            .any(|a| *a == paste_lower || (a.chars().count() >= 8 && names(&paste_lower, a)))
        {
            exact.push((i, usize::MAX, 0));
            continue;
        }
        // Per message: a run of its words, or (failing every run) an
        // error's own name (`NotWritablePrimary`, `TOO_MANY_REQUESTS`)
        // pasted alone or inside a longer line, which counts like an alert
        // name.
        let mut best: Option<(usize, usize)> = None;
        let mut named: Option<usize> = None;
        for m in &e.messages {
            let (run, weight) = longest_common_run(&m.words, &words);
            // The whole message in the paste (if it is more than a word
            // fragment), a run of three of its words beyond a package
            // name, or all of a short one.
            let whole = m.whole.as_ref().is_some_and(|w| paste_lower.contains(w));
            let enough = whole || weight >= 3 || (run >= 2 && run == m.said && weight >= 1);
            if enough {
                let found = (weight.max(if whole { m.said } else { 0 }), m.said);
                let key = |(run, len): (usize, usize)| (run, std::cmp::Reverse(len));
                if best.is_none_or(|b| key(found) >= key(b)) {
                    best = Some(found);
                }
            }
            if named.is_none() && m.names.iter().any(|id| names(&paste_lower, id)) {
                named = Some(m.said);
            }
        }
        match (best, named) {
            (Some((run, len)), _) => exact.push((i, run, len)),
            (None, Some(len)) => exact.push((i, 1, len)),
            (None, None) => {}
        }
    }
    // Longest run first; on a tie, the category the 3 AM mode ranks first
    // (a guide before an incident that quotes the same message), then the
    // shorter message.
    let rank = |i: usize| {
        index
            .taxonomy
            .category(&index.entries[i].category)
            .and_then(|c| c.first_aid)
            .unwrap_or(u8::MAX)
    };
    exact.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(rank(a.0).cmp(&rank(b.0)))
            .then(a.2.cmp(&b.2))
            .then(a.0.cmp(&b.0))
    });
    let mut rows: Vec<usize> = exact.iter().map(|x| x.0).collect();
    let mut closeness = (!rows.is_empty()).then_some(Closeness::Exact);
    let mut matched = None;
    // Then the weight of the words each entry holds.
    if let Some(si) = search {
        // Ranked on what the message says, not on its packages' names.
        let said: Vec<String> = marked
            .iter()
            .filter(|(w, namespace)| !namespace && !w.is_empty())
            .map(|(w, _)| w.clone())
            .collect();
        let (all, result) = si.rank_any(if said.is_empty() { &words } else { &said });
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

/// The names of errors and states in a message: PascalCase or UPPER_SNAKE
/// words of eight characters or more (`NotWritablePrimary`,
/// `CrashLoopBackOff`, `TOO_MANY_REQUESTS`), not ordinary words.
fn identifiers(message: &str) -> impl Iterator<Item = &str> {
    message
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| {
            let camel = w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.as_bytes()
                    .windows(2)
                    .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
            let snake = w.contains('_')
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit());
            w.len() >= 8 && (camel || snake)
        })
}

/// Whether `name` stands in `text` as a whole name (an alert name inside a
/// notification or a JSON log line), not as part of a longer one.
fn names(text: &str, name: &str) -> bool {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
    text.match_indices(name).any(|(at, _)| {
        !part(text[..at].chars().next_back()) && !part(text[at + name.len()..].chars().next())
    })
}

/// How many words of a paste one placeholder of a guide's message may stand for.
const PLACEHOLDER_WORDS: usize = 3;

/// The longest run of `a` that appears, in order and unbroken, in `b`: its
/// length, and how many of its words are more than a namespace (the run
/// with the most such words wins).
fn longest_common_run(a: &[(String, bool)], b: &[String]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut prev = vec![(0usize, 0usize); b.len() + 1];
    for (x, namespace) in a {
        let mut cur = vec![(0usize, 0usize); b.len() + 1];
        for j in 0..=b.len() {
            if x.is_empty() {
                // A placeholder stands for what the paste has there: up to
                // three words (`pod-quota`, a host name) or none (a number or
                // an id the paste lost as variable). It carries the run on
                // without adding to it.
                cur[j] = (0..=PLACEHOLDER_WORDS.min(j))
                    .map(|k| prev[j - k])
                    .max_by_key(|&(len, weight)| (weight, len))
                    .unwrap_or_default();
            } else if j > 0 && *x == b[j - 1] {
                let (len, weight) = prev[j - 1];
                cur[j] = (len + 1, weight + usize::from(!namespace));
            }
            if (cur[j].1, cur[j].0) > (best.1, best.0) {
                best = cur[j];
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
        let run = |a: &str, b: &str| longest_common_run(&marked_words(a), &words(b));
        assert_eq!(
            run(
                "too many clients already",
                "FATAL: sorry, too many clients already"
            ),
            (4, 4)
        );
        assert_eq!(run("disk quota exceeded", "exceeded quota disk"), (1, 1));
        // A shared package is not a shared message.
        assert_eq!(
            run(
                "org.apache.kafka.common.errors.RecordTooLargeException: The message is 2097240 bytes",
                "org.apache.kafka.common.errors.TimeoutException: Topic orders not present"
            ),
            (5, 0)
        );
        assert_eq!(
            run(
                "java.lang.OutOfMemoryError: Metaspace",
                "java.lang.OutOfMemoryError: Metaspace"
            ),
            (4, 2)
        );
        // A placeholder stands for the word, or the id, the paste has there.
        assert_eq!(
            run(
                "pods \"<replicaset>-<suffix>\" is forbidden: exceeded quota: <quota>, requested: <resource>=<qty>, used: <resource>=<qty>",
                "pods \"checkout-7d4b9c6f5-x2k8q\" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=20"
            ),
            (6, 6)
        );
    }

    #[test]
    fn stack_frames_are_not_the_message() {
        let trace = "java.lang.IllegalStateException: pool closed\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:162)\n\t... 12 more\n  File \"/app/main.py\", line 3, in handler\n\t/usr/local/go/src/runtime/proc.go:250 +0x1b\nruntime.gopark(0x0?, 0x0?)";
        assert_eq!(
            words(trace),
            ["java", "lang", "illegalstateexception", "pool", "closed"]
        );
        // A Go fatal error's own lines stay.
        assert_eq!(
            words(
                "fatal error: all goroutines are asleep - deadlock!\ngoroutine 1 [chan receive]:"
            ),
            [
                "fatal",
                "error",
                "all",
                "goroutines",
                "asleep",
                "deadlock",
                "goroutine"
            ]
        );
    }

    #[test]
    fn error_names_are_camel_or_upper_snake_words() {
        assert_eq!(
            identifiers(
                "NotWritablePrimary (error code 10107); TOO_MANY_REQUESTS, Killed, HTTP, nodeName"
            )
            .collect::<Vec<_>>(),
            ["NotWritablePrimary", "TOO_MANY_REQUESTS"]
        );
    }

    #[test]
    fn an_alert_name_counts_only_whole() {
        assert!(names(
            "[firing:1] kubepodcrashlooping (prod)",
            "kubepodcrashlooping"
        ));
        assert!(names(
            "{\"msg\":\"jvmnon-heapmemoryfillingup\"}",
            "jvmnon-heapmemoryfillingup"
        ));
        assert!(!names("kubepodcrashloopingsoon", "kubepodcrashlooping"));
        assert!(!names("my-kubepodcrashlooping", "kubepodcrashlooping"));
    }
}
