//! `cargo run --release -p atlas-bench [-- --entries N]`
//!
//! Measures, natively, what every keystroke and facet click costs the
//! explorer (search + facet counts + snippets, the `atlas_core::explore`
//! call the page makes), on the real atlas and on a synthetic atlas of
//! 10,000 entries generated from the real atlas's vocabulary; and the bytes
//! the index and the search data add to a visit (raw and gzip). The browser
//! runs the same code compiled to wasm, typically 1.5–2× slower than native;
//! the browser benchmark (issue 7) measures it there end to end.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use atlas_core::corpus::{self, Corpus};
use atlas_core::explore::{explore, explore_pasted};
use atlas_core::facets::{FacetKind, FacetTable, Selection};
use atlas_core::search::{SearchData, SearchDoc, SearchFiles, SearchIndex};
use atlas_core::url_state::ExploreState;
use atlas_core::{Confidence, EntryMeta, Index};

/// What real readers type: a technology, a company, an error message, a
/// two-word phrase, a typo, a metric name, a concept.
const QUERIES: [&str; 10] = [
    "kafka",
    "github",
    "FATAL: sorry, too many clients already",
    "replica lag",
    "orchestartor failover",
    "records-lag-max",
    "linearizability",
    "circuit breaker",
    "connection pool exhaustion",
    "cloudflare regex",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let synthetic_n: usize = args
        .iter()
        .position(|a| a == "--entries")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let content =
        std::env::var_os("ATLAS_CONTENT").map_or_else(|| PathBuf::from("content"), PathBuf::from);
    if let Some(i) = args.iter().position(|a| a == "--write-content") {
        let dir = PathBuf::from(args.get(i + 1).expect("--write-content <dir>"));
        return write_content(&content, &dir, synthetic_n);
    }
    let corpus = match corpus::load_dir(&content) {
        Ok(c) => c,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("atlas-bench: the content has problems; fix them first (cargo run -p atlas-cli -- check)");
            std::process::exit(1);
        }
    };

    println!("# Atlas search benchmark (native, release build)\n");
    report("real atlas", &corpus.index, &corpus.search);
    let (index, search) = synthetic(&corpus, synthetic_n);
    report(
        &format!("synthetic atlas ({synthetic_n} entries)"),
        &index,
        &search,
    );
}

fn report(name: &str, index: &Index, data: &SearchData) {
    let index_json = serde_json::to_vec(index).unwrap();
    let started = Instant::now();
    let files = SearchFiles::build(&data.docs);
    let build_ms = started.elapsed().as_secs_f64() * 1e3;
    let si = SearchIndex::new(&data.docs);
    let started = Instant::now();
    let table = FacetTable::new(index);
    let table_ms = started.elapsed().as_secs_f64() * 1e3;
    let text_of = |d: usize| data.docs.get(d);
    // What a first search downloads: the vocabulary, the lengths and the
    // shards its words need (here: every query's, the worst of them).
    let opened = SearchIndex::open(
        files.terms.clone(),
        &files.docs,
        files.shards.iter().map(|(s, _)| *s).collect(),
    )
    .unwrap();
    let shard_bytes: Vec<usize> = files.shards.iter().map(|(_, b)| b.len()).collect();
    let worst_query = QUERIES
        .iter()
        .map(|q| {
            opened
                .missing_shards(q)
                .iter()
                .map(|&k| gzip_len(&files.shards[k].1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);

    // Every prefix of every query is one keystroke.
    let mut keystrokes = Vec::new();
    for q in QUERIES {
        for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let state = ExploreState {
                query: q[..end].to_string(),
                selection: Selection::default(),
            };
            let t = Instant::now();
            let out = explore(index, &table, Some(&si), &state);
            let snips = atlas_core::explore::snippets(&si, &out, &text_of);
            keystrokes.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box((out, snips));
        }
    }
    // Facet changes: tick each category and plane in turn, with and without a query.
    let mut facet_changes = Vec::new();
    for query in ["", "replica lag"] {
        for (kind, values) in [
            (
                FacetKind::Category,
                index.taxonomy.ids(atlas_core::taxonomy::Facet::Category),
            ),
            (
                FacetKind::Plane,
                index.taxonomy.ids(atlas_core::taxonomy::Facet::Plane),
            ),
        ] {
            let mut state = ExploreState {
                query: query.into(),
                selection: Selection::default(),
            };
            for v in values {
                state.selection.toggle(kind, v);
                let t = Instant::now();
                std::hint::black_box(explore(index, &table, Some(&si), &state));
                facet_changes.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
    }

    // The 3 AM mode: every guide's and incident's quoted message, pasted
    // whole, as a log line carries it (a timestamp and level in front).
    let started = Instant::now();
    let messages = atlas_core::first_aid::Messages::new(index);
    let messages_ms = started.elapsed().as_secs_f64() * 1e3;
    let mut first_aid = ExploreState::default();
    first_aid.only_first_aid(&index.taxonomy);
    let mut pastes = Vec::new();
    for e in &index.entries {
        for s in &e.symptoms {
            let mut state = first_aid.clone();
            state.query = format!("2026-12-06T03:12:44Z ERROR {s}");
            let t = Instant::now();
            std::hint::black_box(explore_pasted(index, &table, &messages, Some(&si), &state));
            pastes.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }

    println!("## {name}: {} entries", index.entries.len());
    println!("| measure | value |");
    println!("|---|---|");
    println!(
        "| index.json (first load) | {} raw, {} gzip |",
        kib(index_json.len()),
        kib(gzip_len(&index_json))
    );
    println!(
        "| search vocabulary + lengths (fetched on first search) | {} raw, {} gzip |",
        kib(files.terms.len() + files.docs.len()),
        kib(gzip_len(&files.terms) + gzip_len(&files.docs))
    );
    println!(
        "| search postings shards | {} shards, {} raw in all, largest {} |",
        files.shards.len(),
        kib(shard_bytes.iter().sum()),
        kib(shard_bytes.iter().copied().max().unwrap_or(0))
    );
    println!(
        "| shards the heaviest of the queries needs | {} gzip |",
        kib(worst_query)
    );
    println!("| building the search files (at build time) | {build_ms:.1} ms |");
    println!("| building the facet table (once, at start) | {table_ms:.1} ms |");
    println!(
        "| reading the 3 AM messages into words (once, on the first paste) | {messages_ms:.1} ms |"
    );
    let spread = |samples: &[f64]| {
        format!(
            "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            pct(samples, 50.0),
            pct(samples, 95.0),
            pct(samples, 100.0)
        )
    };
    let n = keystrokes.len();
    println!(
        "| per keystroke ({n} keystrokes) | {} |",
        spread(&keystrokes)
    );
    let n = facet_changes.len();
    println!(
        "| per facet change ({n} changes) | {} |",
        spread(&facet_changes)
    );
    if !pastes.is_empty() {
        let n = pastes.len();
        println!(
            "| per 3 AM paste ({n} messages as logged) | {} |",
            spread(&pastes)
        );
    }
    println!();
}

/// A synthetic atlas: n entries whose words, facets and shapes are drawn
/// from the real atlas, deterministically (fixed seed).
fn synthetic(real: &Corpus, n: usize) -> (Index, SearchData) {
    let mut rng = fastrand::Rng::with_seed(20261122);
    let words: Vec<String> = real
        .search
        .docs
        .iter()
        .flat_map(|d| atlas_core::text::terms(d.body()))
        .filter(|w| w.len() > 2)
        .collect();
    let t = &real.index.taxonomy;
    let pick = |rng: &mut fastrand::Rng, ids: &[&str], max: usize| -> Vec<String> {
        let k = rng.usize(0..=max.min(ids.len()));
        let mut out: Vec<String> = (0..k)
            .map(|_| ids[rng.usize(..ids.len())].to_string())
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let sentence = |rng: &mut fastrand::Rng, len: usize| -> String {
        (0..len)
            .map(|_| words[rng.usize(..words.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    use atlas_core::taxonomy::Facet;
    let (cats, planes, companies, gs, ms, ps) = (
        t.ids(Facet::Category),
        t.ids(Facet::Plane),
        t.ids(Facet::Company),
        t.ids(Facet::Guarantee),
        t.ids(Facet::Mechanism),
        t.ids(Facet::Pattern),
    );
    let mut entries = Vec::with_capacity(n);
    let mut docs = Vec::with_capacity(n);
    for i in 0..n {
        let title = sentence(&mut rng, 8);
        let summary = sentence(&mut rng, 35);
        let category = cats[rng.usize(..cats.len())].to_string();
        let mut planes_v = pick(&mut rng, &planes, 3);
        if planes_v.is_empty() {
            planes_v.push("state".into());
        }
        let needs_date = t
            .category(&category)
            .is_some_and(|c| c.requires_field(atlas_core::taxonomy::Field::Date));
        let date = needs_date.then(|| {
            format!(
                "{}-{:02}-{:02}",
                rng.u16(2008..2027),
                rng.u8(1..13),
                rng.u8(1..29)
            )
        });
        let e = EntryMeta {
            id: format!("synthetic-{i}"),
            title: title.clone(),
            category,
            summary: summary.clone(),
            companies: pick(&mut rng, &companies, 2),
            planes: planes_v,
            guarantees: pick(&mut rng, &gs, 3),
            mechanisms: pick(&mut rng, &ms, 4),
            patterns: pick(&mut rng, &ps, 2),
            date,
            system_view: None,
            concept: None,
            first_check: Some(sentence(&mut rng, 20)),
            confidence: [Confidence::A, Confidence::B, Confidence::C][rng.usize(..3)],
            diagrams: 2,
            warnings: vec![],
            alerts: Vec::new(),
            record: None,
            symptoms: Vec::new(),
            first_move: None,
            compares: Vec::new(),
            detail: format!("entries/synthetic-{i}.json"),
        };
        // Bodies of about 1,500 words, like a real entry.
        docs.push(SearchDoc([
            title,
            sentence(&mut rng, 12),
            summary,
            sentence(&mut rng, 10),
            sentence(&mut rng, 12),
            sentence(&mut rng, 1500),
        ]));
        entries.push(e);
    }
    (
        Index {
            taxonomy: t.clone(),
            entries,
        },
        SearchData { docs },
    )
}

/// Writes a synthetic content tree of `n` valid entries (for the browser
/// benchmark's large atlases) shaped like the real ones: each takes the body
/// of a real entry (its sections, tables, code blocks and diagrams, so the
/// size distribution is the real one) with the prose words redrawn from the
/// atlas's vocabulary, and links to entries that do not exist made plain.
/// Categories, required fields and sections come from the real taxonomy;
/// the real atlas is read from `content`.
fn write_content(content: &std::path::Path, dir: &std::path::Path, n: usize) {
    let real =
        corpus::load_dir(content).unwrap_or_else(|p| panic!("content has problems: {}", p.len()));
    let mut rng = fastrand::Rng::with_seed(7);
    let words: Vec<String> = real
        .search
        .docs
        .iter()
        .flat_map(|d| atlas_core::text::terms(d.body()))
        .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        // A reworded heading must not turn into a section of the runbook contract.
        .filter(|w| {
            !matches!(
                w.as_str(),
                "steps" | "impact" | "match" | "mitigate" | "verify" | "escalate" | "decision"
            )
        })
        .collect();
    let say = |rng: &mut fastrand::Rng, len: usize| {
        (0..len)
            .map(|_| words[rng.usize(..words.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let t = &real.index.taxonomy;
    use atlas_core::taxonomy::{Facet, Field};
    let companies = t.ids(Facet::Company);
    let gs = t.ids(Facet::Guarantee);
    let ms = t.ids(Facet::Mechanism);
    let ps = t.ids(Facet::Pattern);
    let views = t.ids(Facet::SystemView);
    let cats: Vec<_> = t
        .categories
        .iter()
        .filter(|c| c.concept.is_none())
        .collect();
    let _ = std::fs::remove_dir_all(dir);
    for c in &cats {
        std::fs::create_dir_all(dir.join(&c.dir)).unwrap();
    }
    std::fs::copy(content.join("taxonomy.yaml"), dir.join("taxonomy.yaml")).unwrap();
    let mut bytes = 0usize;
    for i in 0..n {
        let cat = cats[rng.usize(..cats.len())];
        let id = format!("synthetic-{i}");
        let mut fm = format!(
            "---\nid: {id}\ntitle: \"{}\"\ncategory: {}\nsummary: \"{}\"\ncompanies: [{}]\nplanes: [state, service]\nguarantees: [{}]\nmechanisms: [{}]\npatterns: [{}]\ntechnologies: [\"{}\"]\nconfidence: C\nsources:\n  - title: \"Synthetic benchmark entry\"\n    url: https://example.org/synthetic/{i}\n    read: 2026-12-06\n",
            say(&mut rng, 7), cat.id, say(&mut rng, 30), companies[rng.usize(..companies.len())],
            gs[rng.usize(..gs.len())], ms[rng.usize(..ms.len())], ps[rng.usize(..ps.len())], say(&mut rng, 2)
        );
        for field in &cat.fields {
            match field {
                Field::Date => fm.push_str(&format!(
                    "date: {}-{:02}-{:02}\n",
                    rng.u16(2008..2027),
                    rng.u8(1..13),
                    rng.u8(1..29)
                )),
                Field::FirstCheck => {
                    fm.push_str(&format!("first_check: \"{}\"\n", say(&mut rng, 12)))
                }
                Field::Symptoms => {
                    fm.push_str(&format!("symptoms:\n  - \"{}\"\n", say(&mut rng, 8)))
                }
                Field::SystemView => fm.push_str(&format!(
                    "system_view: {}\n",
                    views[rng.usize(..views.len())]
                )),
                Field::Alerts => fm.push_str("alerts: []\n"),
                Field::Started => fm.push_str("started: not published\n"),
                Field::Detected => fm.push_str("detected: not published\n"),
                Field::Mitigated => fm.push_str("mitigated: not published\n"),
                Field::Resolved => fm.push_str("resolved: not published\n"),
                Field::Trigger => fm.push_str("trigger: not published\n"),
                Field::Detection => fm.push_str("detection: not published\n"),
                Field::Impact => fm.push_str(&format!("impact: [{}]\n", t.impacts[0].id)),
                Field::ContributingFactors => fm.push_str("contributing_factors: []\n"),
                Field::Lesson => fm.push_str(&format!("lesson: \"{}\"\n", say(&mut rng, 12))),
                _ => {}
            }
        }
        fm.push_str("---\n\n");
        for s in &cat.sections {
            // The runbook contract's sections in the shape the checker accepts.
            let text = match s.heading.as_str() {
                "match" => format!("```sh\ntrue\n```\n\n{} (source 1):\n\n```text\n{}\n```", say(&mut rng, 8), say(&mut rng, 6)),
                "impact" => say(&mut rng, 15),
                "set these first" => "```sh\nexport TARGET=synthetic\n```".to_string(),
                "steps" => format!(
                    "### Step 1: {} (read-only)\n\n```sh\ntrue\n```\n\n- {}: see [Verify](#verify).\n- {}: see [Escalate](#escalate).",
                    say(&mut rng, 5), say(&mut rng, 4), say(&mut rng, 4)
                ),
                "mitigate" => format!(
                    "### {}\n\nBlast radius: {}.\n\n```sh\ntrue\n```\n\nUndo:\n\n```sh\ntrue\n```",
                    say(&mut rng, 3), say(&mut rng, 6)
                ),
                "verify" => "```sh\ntrue\n```\n\nHealthy: it prints nothing for 10 minutes.".to_string(),
                "escalate" => format!("- {}", say(&mut rng, 10)),
                "if you depend on" => format!(
                    "### How to tell it is them\n\n{}\n\n### What to do during it\n\n{}\n\n### How to know it is over\n\n{}",
                    say(&mut rng, 12), say(&mut rng, 12), say(&mut rng, 12)
                ),
                _ => say(&mut rng, 40),
            };
            fm.push_str(&format!("## {}\n\n{text}\n\n", s.template_title()));
        }
        let (_, model) = &real.details[rng.usize(..real.details.len())];
        fm.push_str(&reword(&model.body, &mut rng, &words));
        bytes += fm.len();
        std::fs::write(dir.join(&cat.dir).join(format!("{id}.md")), fm).unwrap();
    }
    eprintln!(
        "atlas-bench: wrote {n} synthetic entries ({:.1} KiB of Markdown each on average) to {}",
        bytes as f64 / n as f64 / 1024.0,
        dir.display()
    );
}

/// A real body with its prose words redrawn: code blocks and diagrams are
/// kept as they are, links become their text, headings, tables and lists
/// keep their shape.
fn reword(body: &str, rng: &mut fastrand::Rng, words: &[String]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fenced = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            out.push_str(line);
        } else if fenced {
            out.push_str(line);
        } else {
            let mut word = String::new();
            let flush = |word: &mut String, out: &mut String, rng: &mut fastrand::Rng| {
                if !word.is_empty() {
                    if word.chars().all(|c| c.is_ascii_alphabetic()) && word.len() > 2 {
                        out.push_str(&words[rng.usize(..words.len())]);
                    } else {
                        out.push_str(word);
                    }
                    word.clear();
                }
            };
            let mut chars = line.chars().peekable();
            let mut in_url = false;
            while let Some(c) = chars.next() {
                // URLs stay as written (a reworded scheme is no link at all).
                if in_url {
                    if c.is_whitespace() || c == '>' || c == ')' {
                        in_url = false;
                    } else {
                        out.push(c);
                        continue;
                    }
                } else if c == ':' && chars.peek() == Some(&'/') && !word.is_empty() {
                    out.push_str(&word);
                    word.clear();
                    out.push(c);
                    in_url = true;
                    continue;
                }
                if c == ']' && chars.peek() == Some(&'(') {
                    // `[text](target)`: keep the text, drop the target.
                    flush(&mut word, &mut out, rng);
                    for d in chars.by_ref() {
                        if d == ')' {
                            break;
                        }
                    }
                } else if c == '[' {
                    flush(&mut word, &mut out, rng);
                } else if c.is_alphanumeric() {
                    word.push(c);
                } else {
                    flush(&mut word, &mut out, rng);
                    out.push(c);
                }
            }
            flush(&mut word, &mut out, rng);
        }
        out.push('\n');
    }
    out
}

fn pct(samples: &[f64], p: f64) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    let i = ((p / 100.0) * (s.len() - 1) as f64).round() as usize;
    s[i]
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

fn kib(n: usize) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    /// The synthetic atlas is built by `cargo xtask bench`: if a new rule
    /// rejects it, the benchmark stops at its first build.
    #[test]
    fn synthetic_content_passes_the_checker() {
        // ATLAS_CONTENT, as for the other content tests, else the real content/.
        let content = std::env::var_os("ATLAS_CONTENT").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"),
            std::path::PathBuf::from,
        );
        let dir = std::env::temp_dir().join(format!("atlas-synthetic-{}", std::process::id()));
        super::write_content(&content, &dir, 150);
        let checked = atlas_core::corpus::load_dir(&dir);
        std::fs::remove_dir_all(&dir).ok();
        if let Err(problems) = checked {
            let shown: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
            panic!(
                "{} problems in the synthetic content, e.g.:\n{}",
                problems.len(),
                shown.join("\n")
            );
        }
    }
}
