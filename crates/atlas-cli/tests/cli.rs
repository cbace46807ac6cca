//! The `atlas` command as a contributor runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn atlas() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_atlas"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    c.env_remove("ATLAS_CONTENT");
    c
}

#[test]
fn check_reports_every_problem_with_path_and_line_and_fails() {
    let out = atlas()
        .args(["check", "--content", "tests/fixtures/broken"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tests/fixtures/broken/incidents/no-sources.md:2: no sources"),
        "{err}"
    );
    assert!(
        err.lines()
            .filter(|l| l.starts_with("tests/fixtures/broken/"))
            .count()
            >= 25,
        "{err}"
    );
}

#[test]
fn check_json_lists_rules_and_severities() {
    let out = atlas()
        .args(["check", "--json", "--content", "tests/fixtures/broken"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert!(problems
        .iter()
        .any(|p| p["rule"] == "gate/estimates" && p["severity"] == "warning"));
    assert!(problems
        .iter()
        .any(|p| p["rule"] == "sources" && p["severity"] == "error"));
}

#[test]
fn the_real_atlas_checks_clean_and_stats_count_it() {
    let out = atlas().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = atlas().args(["stats", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["entries"].as_u64().unwrap() > 0);
    assert!(!v["systems"].as_array().unwrap().is_empty());
}

/// A category is data: one added to taxonomy.yaml gets its template, its
/// required fields and sections in the checker, and its row in the stats,
/// with no code change.
#[test]
fn a_category_added_to_the_taxonomy_is_followed_by_new_check_and_stats() {
    let dir = std::env::temp_dir().join(format!("atlas-category-{}", std::process::id()));
    let content = dir.join("content");
    copy_taxonomy(&content);
    let taxonomy = content.join("taxonomy.yaml");
    let text = std::fs::read_to_string(&taxonomy).unwrap().replace(
        "\nsystem_views:",
        r#"
  - id: game-day
    dir: game-days
    name: Game days
    target: 7
    first_aid: 3
    fields: [date, companies]
    sections:
      - { heading: hypothesis, level: error }
      - { heading: what we learned, level: warning }

system_views:"#,
    );
    std::fs::write(&taxonomy, text).unwrap();

    new_entry(&content, "game-day", "netflix-2011-chaos-monkey");
    let file = content.join("game-days/netflix-2011-chaos-monkey.md");
    let template = std::fs::read_to_string(&file).unwrap();
    assert!(template.contains("## Hypothesis"), "{template}");
    assert!(template.contains("## What we learned"), "{template}");
    assert!(template.contains("date: TODO"), "{template}");

    // A filled-in entry without the required section fails on it.
    std::fs::write(
        &file,
        "---\nid: netflix-2011-chaos-monkey\ntitle: \"Chaos Monkey game day\"\ncategory: game-day\nsummary: A real summary.\ncompanies: [netflix]\nplanes: [control]\ndate: 2011-07-19\nconfidence: C\nsources:\n  - title: \"The Netflix Simian Army\"\n    url: https://netflixtechblog.com/the-netflix-simian-army-16e57fbab116\n---\n## What we learned\n\n```mermaid\nsequenceDiagram\n  A->>B: x\n```\n",
    )
    .unwrap();
    let check = atlas()
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{err}");
    assert!(
        err.contains("Game days need sections on: hypothesis"),
        "{err}"
    );

    // With the section it passes, and the stats count it in its category.
    let fixed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("## What we learned", "## Hypothesis\n\n## What we learned");
    std::fs::write(&file, fixed).unwrap();
    let stats = atlas()
        .args(["stats", "--json", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(
        stats.status.success(),
        "{}",
        String::from_utf8_lossy(&stats.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    let row = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "game-day")
        .cloned()
        .unwrap();
    assert_eq!(row["entries"], 1);
    assert_eq!(row["target"], 7);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn new_writes_a_template_whose_blanks_the_checker_lists() {
    let dir = std::env::temp_dir().join(format!("atlas-new-{}", std::process::id()));
    let content = dir.join("content");
    copy_taxonomy(&content);
    new_entry(&content, "debugging", "redis-oom-test");
    let file = content.join("debugging/redis-oom-test.md");
    let text = std::fs::read_to_string(&file).unwrap();
    // The runbook contract's shape, in order; no hand-written tree (the
    // atlas draws it from the steps).
    let order = [
        "## Impact",
        "## Match",
        "## Set these first",
        "### Step 1:",
        "## Mitigate",
        "Undo:",
        "## Verify",
        "Healthy:",
        "## Escalate",
        "## Symptoms",
        "## Where to look",
        "## Fix for good",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|s| {
            text.find(s)
                .unwrap_or_else(|| panic!("{s} missing:\n{text}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "sections out of order:\n{text}"
    );
    assert!(!text.contains("```mermaid"), "{text}");
    let check = atlas()
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(err.contains("placeholder `TODO`"), "{err}");
    assert!(
        !err.contains("[planes]"),
        "the drawn decision tree is four-plane: {err}"
    );
    // Only its blanks are wrong: the skeleton already has the contract's shape.
    for line in err.lines().filter(|l| l.contains("redis-oom-test")) {
        assert!(
            line.contains("[gate/placeholder]") || line.contains("[sources]"),
            "the template breaks a rule other than its blanks: {line}"
        );
    }
    // A second `new` for the same id refuses to overwrite.
    let again = atlas()
        .args(["new", "debugging", "redis-oom-test", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(!again.status.success());
    let _ = std::fs::remove_dir_all(dir);
}

/// `atlas new <category> <id>` in `content`, which must succeed.
fn new_entry(content: &Path, category: &str, id: &str) {
    let out = atlas()
        .args(["new", category, id, "--content"])
        .arg(content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_taxonomy(content: &PathBuf) {
    std::fs::create_dir_all(content).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/taxonomy.yaml");
    std::fs::copy(src, content.join("taxonomy.yaml")).unwrap();
}

/// A shell like the one Trunk writes, in a fresh folder.
fn site_with_shell(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("shell.html"),
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"description\" content=\"the app\" />\n<title>Atlas</title>\n\
         <base href=\"/atlas/\" />\n<script type=\"module\">import init from '/atlas/app.js';</script>\n\
         </head>\n<body>\n<noscript>JS</noscript>\n</body>\n</html>\n",
    )
    .unwrap();
    dir
}

#[test]
fn build_with_a_shell_prerenders_every_route_with_preview_tags_and_a_sitemap() {
    let out_dir = site_with_shell("pages");
    let out = atlas()
        .args(["build", "--out"])
        .arg(&out_dir)
        .arg("--shell")
        .arg(out_dir.join("shell.html"))
        .args(["--site-url", "https://atlas.example.org/atlas"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page =
        std::fs::read_to_string(out_dir.join("e/github-2018-10-21-partition/index.html")).unwrap();
    assert!(page.contains("<link rel=\"canonical\" href=\"https://atlas.example.org/atlas/e/github-2018-10-21-partition/\">"), "{page}");
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert_eq!(
        page.matches("<meta name=\"description\"").count(),
        1,
        "the shell's description is replaced"
    );
    assert!(
        page.contains("import init from '/atlas/app.js'"),
        "the shell's scripts stay"
    );
    assert!(page.contains("<script id=\"atlas-entry\" type=\"application/json\">"));
    assert!(
        !page
            .split("id=\"atlas-entry\"")
            .nth(1)
            .unwrap()
            .split("</script>")
            .next()
            .unwrap()
            .contains('<'),
        "no markup inside the inline entry"
    );
    for route in [
        "index.html",
        "explore/index.html",
        "3am/index.html",
        "progress/index.html",
        "c/incident/index.html",
    ] {
        assert!(out_dir.join(route).is_file(), "{route}");
    }
    let sitemap = std::fs::read_to_string(out_dir.join("sitemap.xml")).unwrap();
    assert!(
        sitemap
            .contains("<loc>https://atlas.example.org/atlas/e/github-2018-10-21-partition/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://atlas.example.org/atlas/</loc>"));
    let robots = std::fs::read_to_string(out_dir.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://atlas.example.org/atlas/sitemap.xml"));
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn build_with_a_shell_that_is_not_the_apps_page_says_so() {
    let out_dir = site_with_shell("bad-shell");
    std::fs::write(out_dir.join("shell.html"), "<html>no head here</html>").unwrap();
    let out = atlas()
        .args(["build", "--out"])
        .arg(&out_dir)
        .arg("--shell")
        .arg(out_dir.join("shell.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("shell.html: the app's index.html has no `<title>`"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn decide_prints_the_decision_page_as_text() {
    let out = atlas()
        .args(["decide", "G-DUR", "--constraints", "managed,cheap"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "note: “cheap” is not a constraint the atlas knows",
        "Mechanisms that provide them",
        "Technologies that offer them",
        "Why not these?",
        "not as a managed service",
        "Where they failed",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
}
