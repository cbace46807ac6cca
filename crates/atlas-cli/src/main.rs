//! `atlas`: the contributor's command.
//!
//! - `atlas check` checks every entry and prints each problem as
//!   `path:line: message [rule]`; the exit code is 1 if any is an error
//!   (warnings are advice). `--mermaid` also parses every diagram with the
//!   Mermaid version the site ships.
//! - `atlas stats` shows progress against the targets, the 30 systems × 8
//!   views grid and the quality-gate pass rates.
//! - `atlas new <category> <id>` writes a new entry from the category's template.
//! - `atlas diagrams` lists every Mermaid block as JSON; `atlas rules` prints
//!   the rules table.
//! - `atlas build` checks, then writes the compiled site data (Trunk runs it).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use atlas_core::corpus::{self, Corpus};
use atlas_core::problem::Problem;
use atlas_core::rules::Rule;
use atlas_core::stats::Stats;
use clap::{Parser, Subcommand};

/// `println!` that stops quietly when the reader has gone (`atlas stats | head`)
/// instead of panicking on a broken pipe.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// `print!` with the same care.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if let Err(e) = write!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod pages;
mod scaffold;

#[derive(Parser)]
#[command(
    name = "atlas",
    about = "Check, measure and compile the Atlas's content",
    version
)]
struct Cli {
    /// The content folder (holds taxonomy.yaml and one folder per category).
    #[arg(long, global = true, env = "ATLAS_CONTENT", default_value = "content")]
    content: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every entry; print problems as `path:line: message [rule]`.
    Check {
        /// Print the problems as JSON, for editors and scripts.
        #[arg(long)]
        json: bool,
        /// Also parse every diagram with the bundled Mermaid (needs Node and `npm ci`).
        #[arg(long)]
        mermaid: bool,
    },
    /// Progress: entries and diagrams per category, the systems × views grid, gate pass rates.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Write a new entry from the category's template, e.g. `atlas new incident fastly-2021-06-08-config-bug`.
    New { category: String, id: String },
    /// Print every Mermaid block as JSON ({path, line, entry, n, source}), for
    /// the Mermaid parse check and the browser tests.
    Diagrams,
    /// Print the table of rules `atlas check` enforces (CONTRIBUTING.md carries it).
    Rules,
    /// The decision page in a terminal, e.g. `atlas decide G-LIN,G-DUR --constraints multi-region`:
    /// what provides those guarantees, which technologies offer them (and why a constraint rules one out).
    Decide {
        /// Guarantee ids, comma-separated.
        guarantees: String,
        /// managed, self-hosted, multi-region (comma-separated).
        #[arg(long, default_value = "")]
        constraints: String,
    },
    /// The 3 AM page in a terminal: which guide a pasted error or alert name
    /// opens, and its first move, e.g. `kubectl logs api-7d9 | atlas first-aid`.
    FirstAid {
        /// The message; read from standard input when absent.
        message: Option<String>,
    },
    /// Check, then write `manifest.json`, `data/` (index, search files) and `entries/` into the site folder.
    Build {
        /// Where to write; defaults to Trunk's staging folder ($TRUNK_STAGING_DIR).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The app's index.html as Trunk wrote it: with it, a prerendered
        /// HTML page is written for every route (index.html becomes the home page).
        #[arg(long)]
        shell: Option<PathBuf>,
        /// Public URL of the site (e.g. https://example.org/atlas/), for
        /// canonical URLs, link previews and sitemap.xml.
        #[arg(long, env = "ATLAS_SITE_URL")]
        site_url: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    match cli.command {
        Command::Check { json, mermaid } => {
            let mut loaded = corpus::load_dir(&cli.content);
            if mermaid {
                let diagram_problems = mermaid_problems(&cli.content);
                loaded = match (loaded, diagram_problems) {
                    (r, Ok(extra)) if extra.is_empty() => r,
                    (Ok(c), Ok(extra)) => Err(c.warnings.into_iter().chain(extra).collect()),
                    (Err(mut p), Ok(extra)) => {
                        p.extend(extra);
                        p.sort();
                        Err(p)
                    }
                    (r, Err(e)) => {
                        eprintln!("atlas check --mermaid: {e}");
                        // The Mermaid step could not run: a failure, whatever else passed.
                        finish_check(r, json, started);
                        return ExitCode::FAILURE;
                    }
                };
            }
            finish_check(loaded, json, started)
        }
        Command::Stats { json } => match corpus::load_dir(&cli.content) {
            Ok(corpus) => {
                let stats = Stats::from_index(&corpus.index);
                if json {
                    outln!(
                        "{}",
                        serde_json::to_string_pretty(&stats).unwrap_or_default()
                    );
                } else {
                    print_stats(&stats);
                    print_incident_table(&corpus.index);
                }
                ExitCode::SUCCESS
            }
            Err(problems) => report(&problems),
        },
        Command::Diagrams => {
            let (files, _) = corpus::read_dir(&cli.content);
            outln!(
                "{}",
                serde_json::to_string(&corpus::diagram_blocks(
                    corpus::read_taxonomy(&cli.content).as_ref(),
                    &files
                ))
                .unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Command::Decide {
            guarantees,
            constraints,
        } => match corpus::load_dir(&cli.content) {
            Ok(corpus) => {
                print_decision(&corpus.index, &guarantees, &constraints);
                ExitCode::SUCCESS
            }
            Err(problems) => report(&problems),
        },
        Command::FirstAid { message } => {
            let message = match message {
                Some(m) => m,
                None => {
                    let mut text = String::new();
                    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                    {
                        eprintln!("atlas first-aid: could not read standard input: {e}");
                        return ExitCode::FAILURE;
                    }
                    text
                }
            };
            match corpus::load_dir(&cli.content) {
                Ok(corpus) => print_first_aid(&corpus, &message),
                Err(problems) => report(&problems),
            }
        }
        Command::Rules => {
            out!("{}", atlas_core::rules::Rule::markdown_table());
            ExitCode::SUCCESS
        }
        Command::New { category, id } => scaffold::new_entry(&cli.content, &category, &id),
        Command::Build {
            out,
            shell,
            site_url,
        } => {
            let out = match out.or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
            {
                Some(o) => o,
                None => {
                    eprintln!("atlas build: say where to write with --out <folder> (or run it from Trunk, which sets TRUNK_STAGING_DIR)");
                    return ExitCode::from(2);
                }
            };
            match corpus::load_dir(&cli.content) {
                Ok(corpus) => match write_site(&corpus, &out).and_then(|bytes| {
                    let pages = match &shell {
                        Some(shell) => write_pages(&corpus, shell, site_url.as_deref(), &out)?,
                        None => 0,
                    };
                    Ok((bytes, pages))
                }) {
                    Ok((bytes, pages)) => {
                        for w in &corpus.warnings {
                            eprintln!("{w}");
                        }
                        eprintln!(
                            "atlas: {} entries compiled into {} ({} KiB index, {pages} pages, {} warnings) in {} ms",
                            corpus.index.entries.len(),
                            out.display(),
                            bytes / 1024,
                            corpus.warnings.len(),
                            started.elapsed().as_millis()
                        );
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("atlas build: cannot write {}: {e}", out.display());
                        ExitCode::FAILURE
                    }
                },
                Err(problems) => report(&problems),
            }
        }
    }
}

fn finish_check(loaded: Result<Corpus, Vec<Problem>>, json: bool, started: Instant) -> ExitCode {
    let (entries, diagrams, problems) = match &loaded {
        Ok(c) => (
            c.index.entries.len(),
            c.index.entries.iter().map(|e| e.diagrams).sum::<u32>(),
            c.warnings.clone(),
        ),
        Err(p) => (0, 0, p.clone()),
    };
    let errors = problems.iter().filter(|p| p.is_error()).count();
    if json {
        let list: Vec<_> = problems
            .iter()
            .map(|p| {
                serde_json::json!({
                    "path": p.path, "line": p.line, "message": p.message, "rule": p.rule.id(),
                    "severity": if p.is_error() { "error" } else { "warning" },
                })
            })
            .collect();
        outln!(
            "{}",
            serde_json::json!({ "entries": entries, "errors": errors, "warnings": problems.len() - errors, "problems": list })
        );
    } else if errors > 0 {
        report(&problems);
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        outln!(
            "ok: {entries} entries, {diagrams} diagrams, no errors, {} warning{} ({} ms)",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            started.elapsed().as_millis()
        );
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Parses every diagram with the Mermaid the site bundles, through
/// `scripts/check-diagrams.mjs` (Mermaid is JavaScript; this is the real
/// parser, not a copy of its grammar). The blocks are the ones Rust found,
/// handed over on stdin, so both sides agree on what a diagram is.
fn mermaid_problems(content: &Path) -> Result<Vec<Problem>, String> {
    use std::io::Write;
    let (files, _) = corpus::read_dir(content);
    let taxonomy = corpus::read_taxonomy(content);
    let blocks = serde_json::to_vec(&corpus::diagram_blocks(taxonomy.as_ref(), &files))
        .map_err(|e| e.to_string())?;
    let mut child = std::process::Command::new("node")
        .arg("scripts/check-diagrams.mjs")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run node ({e}); install Node.js and run `npm ci`"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&blocks).map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() && text.trim().is_empty() {
        return Err(format!(
            "the Mermaid check did not run: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let list: Vec<serde_json::Value> = serde_json::from_str(&text)
        .map_err(|e| format!("unexpected output from the Mermaid check ({e})"))?;
    Ok(list
        .into_iter()
        .map(|p| {
            Problem::new(
                Rule::Mermaid,
                p["path"].as_str().unwrap_or_default(),
                p["line"].as_u64().unwrap_or(1) as usize,
                p["message"].as_str().unwrap_or_default(),
            )
        })
        .collect())
}

fn report(problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("{p}");
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let files = {
        let mut f: Vec<&str> = problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.path.as_str())
            .collect();
        f.dedup();
        f.len()
    };
    eprintln!(
        "\natlas: {} error{} in {} file{} ({} warnings); nothing was built. Fix them and run `cargo run -q -p atlas-cli -- check`.",
        errors,
        if errors == 1 { "" } else { "s" },
        files,
        if files == 1 { "" } else { "s" },
        problems.len() - errors,
    );
    ExitCode::FAILURE
}

fn print_stats(s: &Stats) {
    outln!(
        "Atlas: {} entries, {} diagrams, of {} planned\n",
        s.entries,
        s.diagrams,
        s.target
    );
    outln!(
        "{:<26} {:>7} {:>7} {:>5} {:>9}",
        "category",
        "entries",
        "target",
        "%",
        "diagrams"
    );
    for c in &s.categories {
        let pct = c.percent();
        outln!(
            "{:<26} {:>7} {:>7} {:>4}% {:>9}",
            c.name,
            c.entries,
            c.target,
            pct,
            c.diagrams
        );
    }
    outln!("\nSystems × views (✓ present, · missing)");
    out!("{:<12}", "");
    for v in &s.views {
        out!(" {:>4}", &v[..4.min(v.len())]);
    }
    outln!("  total");
    for row in &s.systems {
        out!("{:<12}", row.name);
        for v in &row.views {
            out!(" {:>4}", if v.is_some() { "✓" } else { "·" });
        }
        outln!("  {}/{}", row.present(), s.views.len());
    }
    let complete = s.complete_systems();
    outln!("{complete} of {} systems complete\n", s.systems.len());
    outln!("Quality gates (warnings; hard rules always pass in a compiled atlas)");
    for g in &s.gates {
        outln!(
            "{:<18} {:>4}/{:<4} {:>3}%",
            g.id,
            g.passing,
            g.total,
            g.percent()
        );
    }
}

/// Writes the site data: `manifest.json` (small, names everything else),
/// and under `data/` the index, the search files and one file per entry,
/// each named by a hash of its content, so a deploy changes only the names
/// of what changed and caches can keep the rest. Returns the index size.
fn write_site(corpus: &Corpus, out: &Path) -> std::io::Result<usize> {
    use atlas_core::model::{Manifest, SearchManifest};
    use atlas_core::search::SearchFiles;
    let data = out.join("data");
    std::fs::create_dir_all(out.join("entries"))?;
    std::fs::create_dir_all(data.join("search"))?;
    let write_hashed =
        |dir: &str, stem: &str, ext: &str, bytes: &[u8]| -> std::io::Result<String> {
            let name = format!("{dir}/{stem}.{}.{ext}", short_hash(bytes));
            std::fs::write(out.join(&name), bytes)?;
            Ok(name)
        };
    let index = serde_json::to_vec(&corpus.index).map_err(std::io::Error::other)?;
    let files = SearchFiles::build(&corpus.search.docs);
    let mut shards = Vec::with_capacity(files.shards.len());
    for (k, (first, bytes)) in files.shards.iter().enumerate() {
        shards.push((
            *first,
            write_hashed("data/search", &format!("shard-{k}"), "bin", bytes)?,
        ));
    }
    let manifest = Manifest {
        index: write_hashed("data", "index", "json", &index)?,
        search: SearchManifest {
            terms: write_hashed("data/search", "terms", "fst", &files.terms)?,
            docs: write_hashed("data/search", "docs", "bin", &files.docs)?,
            shards,
        },
    };
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_vec(&manifest).map_err(std::io::Error::other)?,
    )?;
    for (path, detail) in &corpus.details {
        let json = serde_json::to_string(detail).map_err(std::io::Error::other)?;
        std::fs::write(out.join(path), json)?;
    }
    Ok(index.len())
}

/// Prerendered pages from the app's shell (see `pages`).
fn write_pages(
    corpus: &Corpus,
    shell: &Path,
    site_url: Option<&str>,
    out: &Path,
) -> std::io::Result<usize> {
    let text = std::fs::read_to_string(shell)
        .map_err(|e| std::io::Error::other(format!("{}: {e}", shell.display())))?;
    let shell = pages::Shell::parse(&text)
        .map_err(|e| std::io::Error::other(format!("{}: {e}", shell.display())))?;
    let site = pages::Site::new(&shell.base, site_url);
    let all = pages::all(&corpus.index, &corpus.details, &shell, &site);
    pages::write(&all, out)
}

fn short_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The trigger × plane table of `/incidents/stats`, with the medians.
fn print_incident_table(index: &atlas_core::Index) {
    use atlas_core::incident_stats::{format_minutes, median, IncidentStats};
    let s = IncidentStats::from_index(index);
    if s.incidents == 0 {
        return;
    }
    outln!("\nIncidents: trigger × plane ({} incidents)", s.incidents);
    out!("{:<28}", "");
    for (_, name) in &s.planes {
        out!(" {:>8}", name);
    }
    outln!(" {:>6}", "total");
    for r in s.by_trigger.iter().filter(|r| r.total > 0) {
        out!("{:<28}", r.label);
        for c in &r.counts {
            out!(" {:>8}", c);
        }
        outln!(" {:>6}", r.total);
    }
    for (what, spans) in [
        ("start to resolved", &s.durations),
        ("start to detected", &s.to_detect),
        ("start to mitigated", &s.to_mitigate),
    ] {
        if let Some(m) = median(spans) {
            outln!(
                "median {what}: {} ({} timed)",
                format_minutes(m),
                spans.len()
            );
        }
    }
}

/// `atlas first-aid`: the same reading as the 3 AM page. Exits 1 when no
/// guide matches closely, so a script can tell an answer from a guess.
fn print_first_aid(corpus: &corpus::Corpus, message: &str) -> ExitCode {
    use atlas_core::explore::explore_pasted;
    use atlas_core::facets::FacetTable;
    use atlas_core::first_aid::Closeness;
    let index = &corpus.index;
    let table = FacetTable::new(index);
    let search = atlas_core::search::SearchIndex::new(&corpus.search.docs);
    let mut state = atlas_core::url_state::ExploreState {
        query: message.to_string(),
        ..Default::default()
    };
    state.only_first_aid(&index.taxonomy);
    let messages = atlas_core::first_aid::Messages::new(index);
    let outcome = explore_pasted(index, &table, &messages, Some(&search), &state);
    let Some(first) = outcome.rows.first() else {
        outln!("No usable words in the message: paste the error line itself.");
        return ExitCode::FAILURE;
    };
    let nearest = outcome.closeness == Some(Closeness::Nearest);
    let e = &index.entries[first.entry];
    if nearest {
        outln!("Nothing matches closely. The nearest entries:");
    } else {
        let how = if outcome.closeness == Some(Closeness::Exact) {
            "names this message or alert"
        } else {
            "holds most of this message's words"
        };
        outln!("{} ({how})", e.title);
        outln!(
            "  {}/{}",
            index
                .taxonomy
                .category(&e.category)
                .map_or("", |c| c.dir.as_str()),
            e.id
        );
        if let Some(check) = &e.first_check {
            outln!("\nFirst check: {check}");
        }
        if let Some(m) = &e.first_move {
            outln!(
                "\nFirst move:\n{}",
                m.command
                    .lines()
                    .map(|l| format!("  {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            for b in &m.branches {
                outln!("  - {} -> {}", b.when, b.label);
            }
        }
        outln!("\nAlso near:");
    }
    for r in outcome.rows.iter().skip(usize::from(!nearest)).take(4) {
        let e = &index.entries[r.entry];
        outln!("  {} ({})", e.title, e.id);
    }
    if nearest {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `atlas decide`: the same answer as `/decide`, as text.
fn print_decision(index: &atlas_core::Index, guarantees: &str, constraints: &str) {
    use atlas_core::decide::{decide_with, Constraints};
    let list = |s: &str| atlas_core::url_state::comma_list(s);
    let (c, mut notices) = Constraints::parse(&list(constraints));
    let (d, more) = decide_with(index, &list(guarantees), c);
    notices.extend(more);
    for n in notices {
        outln!("note: {n}");
    }
    let title = |i: usize| index.entries[i].title.clone();
    outln!("Guarantees: {}", d.guarantees.join(", "));
    for (heading, providers) in [
        ("Mechanisms that provide them", &d.mechanisms),
        ("Patterns", &d.patterns),
    ] {
        outln!("\n{heading} ({}):", providers.len());
        for p in providers {
            outln!(
                "  {} ({}), provides {}",
                title(p.entry),
                p.id,
                p.covers.join(", ")
            );
        }
    }
    outln!("\nTechnologies that offer them ({}):", d.technologies.len());
    for t in &d.technologies {
        outln!("  {} ({})", t.name, t.kind);
        for (g, when, src) in &t.offers {
            outln!("    {g}: {when} <{src}>");
        }
        if let (true, Some((when, src))) = (c.multi_region, &t.multi_region) {
            outln!("    region loss: {when} <{src}>");
        }
        if !t.missing.is_empty() {
            outln!("    not recorded as offering: {}", t.missing.join(", "));
        }
    }
    if !d.excluded.is_empty() {
        outln!("\nWhy not these?");
        for t in &d.excluded {
            outln!("  {}: {}.", t.name, t.why_not.clone().unwrap_or_default());
        }
    }
    outln!("\nComparisons ({}):", d.comparisons.len());
    for i in &d.comparisons {
        outln!("  {}", title(*i));
    }
    outln!(
        "\nProduction systems that run them ({}, first 10):",
        d.systems.len()
    );
    for s in d.systems.iter().take(10) {
        outln!("  {}: {}", title(s.entry), s.covers.join(", "));
    }
    outln!("\nWhere they failed ({} incidents):", d.failures.len());
    for f in &d.failures {
        outln!("  {}: {}", title(f.entry), f.factors.join(", "));
    }
}
