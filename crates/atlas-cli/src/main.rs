//! `atlas`: the contributor's command.
//!
//! - `atlas check` checks every entry and prints each problem as
//!   `path:line: message`; the exit code is 1 if there is any.
//! - `atlas build` does the same check, then writes the compiled index and the
//!   entry bodies into the site being built (Trunk runs it as a build hook).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use atlas_core::corpus::{self, Corpus};
use atlas_core::problem::Problem;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "atlas",
    about = "Check and compile the Atlas's content",
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
    /// Check every entry; print problems as `path:line: message`.
    Check {
        /// Print the problems as JSON, for editors and scripts.
        #[arg(long)]
        json: bool,
    },
    /// Check, then write `index.json` and `entries/` into the site folder.
    Build {
        /// Where to write; defaults to Trunk's staging folder ($TRUNK_STAGING_DIR).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let loaded = corpus::load_dir(&cli.content);
    match cli.command {
        Command::Check { json } => check(loaded, json, started),
        Command::Build { out } => {
            let out = match out.or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
            {
                Some(o) => o,
                None => {
                    eprintln!("atlas build: say where to write with --out <folder> (or run it from Trunk, which sets TRUNK_STAGING_DIR)");
                    return ExitCode::from(2);
                }
            };
            match loaded {
                Ok(corpus) => match write_site(&corpus, &out) {
                    Ok(bytes) => {
                        eprintln!(
                            "atlas: {} entries compiled into {} ({} KiB index) in {} ms",
                            corpus.index.entries.len(),
                            out.display(),
                            bytes / 1024,
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

fn check(loaded: Result<Corpus, Vec<Problem>>, json: bool, started: Instant) -> ExitCode {
    match loaded {
        Ok(corpus) if json => {
            println!(
                "{}",
                serde_json::json!({ "entries": corpus.index.entries.len(), "problems": [] })
            );
            ExitCode::SUCCESS
        }
        Ok(corpus) => {
            let diagrams: u32 = corpus.index.entries.iter().map(|e| e.diagrams).sum();
            println!(
                "ok: {} entries, {} diagrams, no problems ({} ms)",
                corpus.index.entries.len(),
                diagrams,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(problems) if json => {
            let list: Vec<_> = problems
                .iter()
                .map(
                    |p| serde_json::json!({ "path": p.path, "line": p.line, "message": p.message }),
                )
                .collect();
            println!("{}", serde_json::json!({ "problems": list }));
            ExitCode::FAILURE
        }
        Err(problems) => report(&problems),
    }
}

fn report(problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("{p}");
    }
    let files = {
        let mut f: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        f.dedup();
        f.len()
    };
    eprintln!(
        "\natlas: {} problem{} in {} file{}; nothing was built. Fix them and run `cargo run -q -p atlas-cli -- check`.",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        files,
        if files == 1 { "" } else { "s" },
    );
    ExitCode::FAILURE
}

/// Writes `index.json`, `search.json` and `entries/<id>.<hash>.json`; returns
/// the index size.
fn write_site(corpus: &Corpus, out: &Path) -> std::io::Result<usize> {
    let entries_dir = out.join("entries");
    std::fs::create_dir_all(&entries_dir)?;
    let index = serde_json::to_string(&corpus.index).map_err(std::io::Error::other)?;
    std::fs::write(out.join("index.json"), &index)?;
    let search = serde_json::to_string(&corpus.search).map_err(std::io::Error::other)?;
    std::fs::write(out.join("search.json"), search)?;
    for (path, detail) in &corpus.details {
        let json = serde_json::to_string(detail).map_err(std::io::Error::other)?;
        std::fs::write(out.join(path), json)?;
    }
    Ok(index.len())
}
