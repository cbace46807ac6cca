//! Repository chores, in Rust so they run wherever cargo does:
//!
//!   cargo xtask serve   install what is missing, then serve the atlas on localhost
//!   cargo xtask test    install what is missing, then run every test
//!   cargo xtask build   install what is missing, then build the release site into dist/
//!   cargo xtask setup   only install what is missing
//!
//! Tools are pinned and installed once into ~/.cargo/bin; Trunk runs with
//! --offline and never downloads anything.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Where `cargo xtask test` builds the site, served under /atlas/ as a
/// GitHub Pages project site would be.
const TEST_DIST: &str = "target/browser-test-dist";
const TEST_BASE: &str = "/atlas/";
/// A second build with one content change, for the service worker update test.
const TEST_DIST_V2: &str = "target/browser-test-dist-v2";
const TEST_CONTENT_V2: &str = "target/browser-test-content-v2";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf();
    if let Err(e) = env::set_current_dir(&root) {
        eprintln!("xtask: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(Needs {
            browser: args.iter().any(|a| a == "--browser"),
        }),
        Some("serve") => serve(&args[1..]),
        Some("test") => test(),
        Some("build") => build(&args[1..]),
        Some("bench") => bench(),
        _ => {
            eprintln!("usage: cargo xtask <serve [--port N] | test | build [--public-url /path/] | bench | setup [--browser]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Needs {
    browser: bool,
}

fn serve(args: &[String]) -> Result {
    setup(Needs { browser: false })?;
    let port = flag(args, "--port").unwrap_or_else(|| "8080".into());
    println!("\nServing the atlas at http://127.0.0.1:{port}/ (Ctrl-C to stop)\n");
    run(Command::new(tool("trunk")).args([
        "serve",
        "--offline",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
    ]))
}

fn build(args: &[String]) -> Result {
    setup(Needs { browser: false })?;
    let public_url = flag(args, "--public-url").unwrap_or_else(|| "/".into());
    let started = Instant::now();
    run(&mut trunk_release(&public_url, "dist"))?;
    println!(
        "built dist/ for base {public_url} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn test() -> Result {
    setup(Needs { browser: true })?;
    step("Lints: rustfmt, clippy (warnings are errors), eslint");
    run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    run(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(Command::new("cargo").args([
        "clippy",
        "-p",
        "atlas-app",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(Command::new("npx").args(["--no-install", "eslint", "--max-warnings=0", "."]))?;
    step("Rust tests: atlas-core, the content checker, every real entry");
    run(Command::new("cargo").args(["test", "--workspace", "--exclude", "atlas-app"]))?;
    step("Every diagram through the Mermaid version the site ships");
    run(Command::new("cargo").args(["run", "-q", "-p", "atlas-cli", "--", "check", "--mermaid"]))?;
    step(&format!("Release build of the site under {TEST_BASE}"));
    let started = Instant::now();
    run(&mut trunk_release(TEST_BASE, TEST_DIST))?;
    println!("site built in {:.1} s", started.elapsed().as_secs_f64());
    step("Second build with a content change (a new deploy, for the update test)");
    second_content()?;
    let started = Instant::now();
    run(trunk_release(TEST_BASE, TEST_DIST_V2).env("ATLAS_CONTENT", TEST_CONTENT_V2))?;
    println!(
        "content-only rebuild in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    step("Browser tests in Debian's chromium");
    run(Command::new("node")
        .args([
            "--test",
            "--test-reporter=spec",
            "--test-concurrency=1",
            "tests/browser/",
        ])
        .env("ATLAS_DIST", TEST_DIST)
        .env("ATLAS_DIST_V2", TEST_DIST_V2)
        .env("ATLAS_BASE", TEST_BASE))
}

/// content/ with one sentence added to one entry (the second build of the
/// update test).
fn second_content() -> Result {
    changed_copy(Path::new("content"), Path::new(TEST_CONTENT_V2))
}

/// A copy of a content tree with one sentence added to its first entry file
/// (in path order): a one-entry deploy.
fn changed_copy(from: &Path, to: &Path) -> Result {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| format!("cannot clear {}: {e}", to.display()))?;
    }
    copy_dir(from, to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    let entry = first_entry(to).ok_or_else(|| format!("{} has no entries", to.display()))?;
    let mut text = std::fs::read_to_string(&entry)
        .map_err(|e| format!("cannot read {}: {e}", entry.display()))?;
    text.push_str("\nThis sentence exists only in the second build (a one-entry deploy).\n");
    std::fs::write(&entry, text).map_err(|e| format!("cannot write {}: {e}", entry.display()))
}

/// The first Markdown file in a category folder, in path order.
fn first_entry(content: &Path) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(content)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter().find_map(|d| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(d)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        files.into_iter().next()
    })
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            // Follow symlinks (the fixtures link the taxonomy).
            std::fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}

const MKDOCS_MATERIAL: &str = "mkdocs-material==9.8.1";
const ZENSICAL: &str = "zensical==0.0.73";

/// The benchmark: the atlas against the same content as an MkDocs Material
/// site (and Zensical), measured in Chromium; plus the native search figures
/// and a synthetic 10,000-entry atlas. Writes bench/results.md.
fn bench() -> Result {
    setup(Needs { browser: true })?;
    let started = Instant::now();
    let root = env::current_dir().map_err(|e| e.to_string())?;
    let b = root.join("target/bench");
    std::fs::create_dir_all(&b).map_err(|e| e.to_string())?;
    let path = |p: &Path| p.to_string_lossy().into_owned();

    step("Native search and facet figures");
    let native = Command::new("cargo")
        .args(["run", "-q", "--release", "-p", "atlas-bench"])
        .output()
        .map_err(|e| e.to_string())?;
    if !native.status.success() {
        return Err(format!(
            "atlas-bench failed: {}",
            String::from_utf8_lossy(&native.stderr)
        ));
    }
    let native = String::from_utf8_lossy(&native.stdout).into_owned();
    println!("{native}");

    step("The atlas, release build");
    run(&mut trunk_release("/", b.join("atlas")))?;

    step("The atlas at scale: the real content and synthetic 1,000 and 10,000 entries, each built twice (a one-entry deploy)");
    run(Command::new("cargo").args(["build", "-q", "--release", "-p", "atlas-cli"]))?;
    let mut scale = Vec::new();
    for n in [0usize, 1_000, 10_000] {
        let (name, content) = if n == 0 {
            ("Atlas (real)".to_string(), root.join("content"))
        } else {
            let dir = b.join(format!("content-{n}"));
            run(Command::new("cargo")
                .args([
                    "run",
                    "-q",
                    "--release",
                    "-p",
                    "atlas-bench",
                    "--",
                    "--write-content",
                ])
                .arg(&dir)
                .args(["--entries", &n.to_string()]))?;
            (format!("Atlas {n}"), dir)
        };
        let v2 = b.join(format!("content-{n}-v2"));
        changed_copy(&content, &v2)?;
        let dist = b.join(format!("scale-{n}"));
        let dist_v2 = b.join(format!("scale-{n}-v2"));
        run(trunk_release("/", &dist).env("ATLAS_CONTENT", &content))?;
        run(trunk_release("/", &dist_v2).env("ATLAS_CONTENT", &v2))?;
        let out = b.join("build-timing");
        let _ = std::fs::remove_dir_all(&out);
        let t = Instant::now();
        let target =
            env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
        run(Command::new(target.join("release/atlas"))
            .args(["build", "--content"])
            .arg(&content)
            .arg("--out")
            .arg(&out))?;
        let build_s = t.elapsed().as_secs_f64();
        scale.push(format!(
            r#"{{"name":"{name}","dist":"{}","distV2":"{}","base":"/","entries":{n},"build_s":{build_s:.2}}}"#,
            path(&dist),
            path(&dist_v2)
        ));
    }

    step("MkDocs Material and Zensical from the same content (PyPI, in a virtual environment)");
    let venv = b.join("venv");
    if !venv.join("bin/python").exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    run(Command::new(venv.join("bin/pip")).args(["install", "-q", MKDOCS_MATERIAL]))?;
    let mut notes = vec![format!("MkDocs side: {MKDOCS_MATERIAL} with its built-in search (lunr in a web worker), Mermaid through pymdownx.superfences, the same mermaid@12.3.0 from npm loaded locally (`extra_javascript`), `font: false` so no Google Fonts.")];
    run(Command::new("node")
        .args(["bench/mkdocs-site.mjs", "content"])
        .arg(b.join("mkdocs")))?;
    run(Command::new(venv.join("bin/mkdocs"))
        .args(["build", "-q", "-f"])
        .arg(b.join("mkdocs/mkdocs.yml"))
        .arg("-d")
        .arg(b.join("mkdocs-site"))
        .env("NO_MKDOCS_2_WARNING", "1"))?;
    let mut sites = vec![
        format!(
            r#"{{"name":"Atlas","dist":"{}","base":"/","kind":"atlas"}}"#,
            path(&b.join("atlas"))
        ),
        format!(
            r#"{{"name":"MkDocs Material","dist":"{}","base":"/","kind":"mkdocs"}}"#,
            path(&b.join("mkdocs-site"))
        ),
    ];
    match zensical(&venv, &b) {
        Ok(site) => {
            sites.push(format!(
                r#"{{"name":"Zensical","dist":"{}","base":"/","kind":"mkdocs","search":false}}"#,
                path(&site)
            ));
            notes.push(format!(
                "Zensical side: {ZENSICAL}, built from the same mkdocs.yml. Its search is not measured: in headless Chromium here its search button opened no input, so there was nothing to type into."
            ));
        }
        Err(why) => notes.push(format!("Zensical: could not build here ({why}).")),
    }

    step("Measuring in Chromium");
    let notes_json = format!(
        "[{}]",
        notes
            .iter()
            .map(|n| format!("{:?}", n))
            .collect::<Vec<_>>()
            .join(",")
    );
    run(Command::new("node")
        .arg("bench/run.mjs")
        .env("BENCH_SITES", format!("[{}]", sites.join(",")))
        .env("BENCH_SCALE", format!("[{}]", scale.join(",")))
        .env("BENCH_NOTES", notes_json))?;
    let browser_table = std::fs::read_to_string("bench/results.md").map_err(|e| e.to_string())?;
    std::fs::write(
        "bench/results.md",
        format!(
            "{browser_table}
{native}"
        ),
    )
    .map_err(|e| e.to_string())?;
    println!(
        "
bench/results.md written; the whole benchmark took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn zensical(venv: &Path, b: &Path) -> Result<PathBuf> {
    run(Command::new(venv.join("bin/pip")).args(["install", "-q", ZENSICAL]))?;
    let config = std::fs::read_to_string(b.join("mkdocs/mkdocs.yml")).map_err(|e| e.to_string())?;
    // Zensical wants its output inside the project folder.
    let site = b.join("mkdocs/site-zensical");
    let cfg = b.join("mkdocs/zensical.yml");
    std::fs::write(&cfg, format!("{config}site_dir: site-zensical\n"))
        .map_err(|e| e.to_string())?;
    run(Command::new(venv.join("bin/zensical"))
        .args(["build", "-c", "-f"])
        .arg(&cfg)
        .current_dir(b.join("mkdocs")))?;
    if site.join("index.html").exists() {
        Ok(site)
    } else {
        Err("it wrote no index.html".into())
    }
}

/// Installs whatever is missing; skips what is already at the right version.
fn setup(needs: Needs) -> Result {
    step("Checking tools");
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    let components = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    for c in ["clippy", "rustfmt"] {
        if !components.lines().any(|l| l.starts_with(c)) {
            run(Command::new("rustup").args(["component", "add", c]))?;
        }
    }

    if version_of("trunk").as_deref() != Some(TRUNK_VERSION) {
        println!("installing trunk {TRUNK_VERSION} (a few minutes, once)");
        run(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))?;
    }

    let bindgen = locked_version("wasm-bindgen")?;
    let trunk_toml = std::fs::read_to_string("Trunk.toml")
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{bindgen}\"")) {
        return Err(format!(
            "Cargo.lock has wasm-bindgen {bindgen} but Trunk.toml pins another version; set `wasm_bindgen = \"{bindgen}\"` under [tools]"
        ));
    }
    if version_of("wasm-bindgen").as_deref() != Some(bindgen.as_str()) {
        println!("installing wasm-bindgen-cli {bindgen} (the version in Cargo.lock)");
        // Not --locked: the CLI's own lockfile pins a crate that no longer resolves.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
    }

    if which("node").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    if npm_deps_stale() {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    }

    if needs.browser && !Path::new("/usr/bin/chromium").exists() {
        apt_install(&["chromium"])?;
    }
    Ok(())
}

/// `trunk build --release` for a base path into a folder, never downloading.
fn trunk_release(public_url: &str, dist: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(tool("trunk"));
    cmd.args([
        "build",
        "--release",
        "--offline",
        "--public-url",
        public_url,
        "--dist",
    ])
    .arg(dist);
    cmd
}

/// npm ci when node_modules is missing or older than the lockfile.
fn npm_deps_stale() -> bool {
    let modified = |p: &str| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (
        modified("node_modules/.package-lock.json"),
        modified("package-lock.json"),
    ) {
        (Some(installed), Some(lock)) => installed < lock,
        _ => true,
    }
}

fn apt_install(packages: &[&str]) -> Result {
    let root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    let (cmd, pre): (&str, Vec<&str>) = if root {
        ("apt-get", vec![])
    } else {
        ("sudo", vec!["apt-get"])
    };
    println!("installing {} from Debian's packages", packages.join(" "));
    run(Command::new(cmd).args(pre.iter().chain(&["update", "-q"])))?;
    run(Command::new(cmd)
        .args(
            pre.iter()
                .chain(&["install", "-y", "-q", "--no-install-recommends"])
                .chain(packages),
        )
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The version of a package in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock")
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string())
}

/// "trunk 0.21.14" → "0.21.14"; None if the tool is not installed.
fn version_of(tool_name: &str) -> Option<String> {
    let out = output(&tool(tool_name).to_string_lossy(), &["--version"])?;
    out.split_whitespace().nth(1).map(str::to_string)
}

/// Prefer the cargo-installed binary, so an older one elsewhere on PATH
/// cannot shadow the pinned version.
fn tool(name: &str) -> PathBuf {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    match cargo_home.map(|h| h.join("bin").join(name)) {
        Some(p) if p.exists() => p,
        _ => PathBuf::from(name),
    }
}

fn which(name: &str) -> Option<PathBuf> {
    env::var_os("PATH").and_then(|paths| {
        env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn run(cmd: &mut Command) -> Result {
    let shown = format!(
        "{} {}",
        cmd.get_program().to_string_lossy(),
        cmd.get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("$ {shown}");
    // Trunk must find the pinned wasm-bindgen first.
    if let Some(bin) = tool("trunk").parent().filter(|p| p.is_dir()) {
        let path = env::var_os("PATH").unwrap_or_default();
        let joined =
            env::join_paths(std::iter::once(bin.to_path_buf()).chain(env::split_paths(&path)))
                .unwrap_or(path);
        cmd.env("PATH", joined);
    }
    let status = cmd
        .status()
        .map_err(|e| format!("could not run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn step(title: &str) {
    println!("\n== {title}");
}
