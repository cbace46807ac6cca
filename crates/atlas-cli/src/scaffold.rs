//! `atlas new <category> <id>`: a new entry from the category's template.
//! Every blank is a `TODO`, which the checker reports with its line, so
//! `atlas check` becomes the to-do list.

use std::path::Path;
use std::process::ExitCode;

use atlas_core::corpus::{parse_taxonomy, ContentFile, TAXONOMY_FILE};
use atlas_core::taxonomy::{Category, Contract, Field};

pub fn new_entry(content: &Path, category: &str, id: &str) -> ExitCode {
    let taxonomy_path = content.join(TAXONOMY_FILE);
    let text = match std::fs::read_to_string(&taxonomy_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("atlas new: cannot read {}: {e}", taxonomy_path.display());
            return ExitCode::FAILURE;
        }
    };
    let taxonomy = match parse_taxonomy(&ContentFile::new(
        &content.display().to_string(),
        TAXONOMY_FILE,
        text,
    )) {
        Ok(t) => t,
        Err(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
            return ExitCode::FAILURE;
        }
    };
    let Some(cat) = taxonomy.category(category) else {
        let ids: Vec<&str> = taxonomy.categories.iter().map(|c| c.id.as_str()).collect();
        eprintln!(
            "atlas new: no category `{category}`; use one of: {}",
            ids.join(", ")
        );
        return ExitCode::from(2);
    };
    let kebab = !id.is_empty()
        && id.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !kebab {
        eprintln!("atlas new: `{id}` is not a kebab-case id (lowercase letters, digits, single hyphens), e.g. github-2018-10-21-partition");
        return ExitCode::from(2);
    }
    let path = content.join(&cat.dir).join(format!("{id}.md"));
    if path.exists() {
        eprintln!("atlas new: {} already exists", path.display());
        return ExitCode::FAILURE;
    }
    let body = template(cat, id);
    if let Err(e) = std::fs::create_dir_all(path.parent().unwrap_or(content))
        .and_then(|_| std::fs::write(&path, body))
    {
        eprintln!("atlas new: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", path.display());
    println!(
        "Fill in every TODO: `cargo run -q -p atlas-cli -- check` lists each one with its line."
    );
    println!("Every figure needs a source in `sources` (primary first) or an \"est.\" with its arithmetic; see CONTRIBUTING.md.");
    ExitCode::SUCCESS
}

/// The template follows the category's data in taxonomy.yaml: its
/// required fields and its sections, in order.
fn template(cat: &Category, id: &str) -> String {
    let mut fm = format!(
        "---\nid: {id}\ntitle: \"TODO: a specific title: what, when, how bad\"\ncategory: {}\nsummary: >-\n  TODO: one or two sentences shown in lists and search results.\n",
        cat.id
    );
    for field in [
        Field::Companies,
        Field::Guarantees,
        Field::Mechanisms,
        Field::Patterns,
        Field::Technologies,
    ] {
        fm.push_str(field.template());
    }
    fm.push_str("planes: [service]   # edge, service, state, control\n");
    // Every other field the category requires, in taxonomy.yaml's order.
    for field in &cat.fields {
        if !matches!(
            field,
            Field::Companies
                | Field::Guarantees
                | Field::Mechanisms
                | Field::Patterns
                | Field::Technologies
        ) {
            fm.push_str(field.template());
        }
    }
    if cat
        .block(atlas_core::taxonomy::BlockKind::Compare)
        .is_some()
    {
        fm.push_str(COMPARE);
    }
    if cat.block(atlas_core::taxonomy::BlockKind::Model).is_some() {
        fm.push_str(MODEL);
    }
    if cat.concept.is_some() {
        fm.push_str(
            "concept: TODO       # the taxonomy id this entry describes, e.g. G-LIN, M6, MP1\n",
        );
    }
    fm.push_str("confidence: C       # A definitive primary source, B strong inference, C partial\nsources:\n  - title: \"TODO: the primary source first (post-mortem, engineering post, paper, docs)\"\n    url: TODO\n    publisher: TODO\n---\n\n");
    let mut body = fm;
    let mut names: Vec<String> = cat.sections.iter().map(|s| s.template_title()).collect();
    if names.is_empty() {
        names.push("Overview".into());
    }
    // A runbook's decision tree is drawn from its steps; other entries
    // start from the example diagram.
    let drawn = cat.contract == Some(Contract::Runbook);
    for (i, (name, section)) in names
        .iter()
        .zip(cat.sections.iter().map(Some).chain(std::iter::repeat(None)))
        .enumerate()
    {
        let skeleton = section.and_then(|s| skeleton(&s.heading));
        body.push_str(&format!("## {name}\n\n{}\n\n", skeleton.unwrap_or("TODO")));
        if i == 0 && !drawn {
            body.push_str(DIAGRAM);
        }
    }
    body
}

/// The shape of a contract section (CONTRIBUTING.md, "The runbook contract").
fn skeleton(heading: &str) -> Option<&'static str> {
    Some(match heading {
        "impact" => "TODO: who or what is hurt while this lasts, in one paragraph.",
        "match" => "```sh\nTODO: one read-only command\n```\n\nTODO: what it prints when you are in the right guide (source 1):\n\n```text\nTODO: the literal output\n```",
        "set these first" => "```sh\nexport NS=TODO        # what it is\n```",
        "steps" => "### Step 1: TODO: the question it answers (read-only)\n\n```sh\nTODO: the command that answers it\n```\n\n- TODO: an output to look for: go to [step 2](#step-2).\n- TODO: another output: see [Escalate](#escalate).\n\n### Step 2: TODO: the next question (read-only)\n\n```sh\nTODO\n```\n\n- TODO: an output: see [Verify](#verify).",
        "mitigate" => "### TODO: a reversible action\n\nBlast radius: TODO: what else it touches.\n\n```sh\nTODO: the command\n```\n\nUndo:\n\n```sh\nTODO: the command that reverses it\n```",
        "verify" => "```sh\nTODO: a read-only command\n```\n\nHealthy: TODO: what it prints, for 10 minutes.",
        "escalate" => "- TODO: a condition under which to stop and call someone.",
        "if you depend on" => "### How to tell it is them\n\nTODO\n\n### What to do during it\n\nTODO\n\n### How to know it is over\n\nTODO",
        _ => return None,
    })
}

/// A model block to fill in (see CONTRIBUTING.md, "Models").
/// A comparison to fill in (see CONTRIBUTING.md, "Comparisons").
const COMPARE: &str = r#"compare:            # technology ids from taxonomy.yaml, side by side on published numbers
  technologies: [TODO, TODO]
  dimensions:
    - id: TODO
      label: "TODO: what is compared, e.g. write throughput per partition"
      unit: MB/s
      cells:
        TODO: { value: 1, conditions: "TODO: load, hardware, version it was measured under", source: 1 }
"#;

const MODEL: &str = r#"model:              # inputs the reader changes, formulas, a published example it must reproduce
  inputs:
    - { id: rate, label: "TODO: peak load", unit: req/s, default: 1000, min: 0, max: 1000000, assumption: "TODO: why this default (or source: N)" }
    - { id: per_node, label: "TODO: documented rate per node", unit: req/s/node, default: 500, min: 1, max: 1000000, source: 1 }
  values:
    - { id: needed, label: "TODO: nodes needed", unit: node, formula: "ceil(rate / per_node)" }
  outputs: [needed]
  example: { source: 1, description: "TODO: the worked example the source prints", inputs: { rate: 1000 }, outputs: { needed: 2 }, tolerance: 0 }
"#;

/// An example four-plane diagram: every node in a plane, the exact colours.
const DIAGRAM: &str = r#"```mermaid
flowchart LR
  Edge["TODO: edge (CDN, load balancer)"] --> Svc["TODO: service"]
  Svc --> Store[("TODO: state (database, cache, queue)")]
  Ctl["TODO: control (deploy, config, monitoring)"] -.-> Svc
  classDef edge fill:#0066CC,stroke:#004C99,color:#fff
  classDef service fill:#00AA00,stroke:#007700,color:#fff
  classDef state fill:#FF8800,stroke:#CC6600,color:#fff
  classDef control fill:#CC0000,stroke:#990000,color:#fff
  class Edge edge
  class Svc service
  class Store state
  class Ctl control
```

"#;
