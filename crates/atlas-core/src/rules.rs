//! Every rule `atlas check` enforces, in one registry: its id (shown as
//! `[rule]` after each message), its severity and the one-line doc that
//! CONTRIBUTING.md's table is tested against (`atlas rules` prints it).

use crate::problem::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    Io,
    TaxonomyFile,
    FrontMatter,
    RequiredField,
    Id,
    Category,
    Taxonomy,
    Date,
    Confidence,
    Symptoms,
    FirstCheck,
    Blocks,
    Alerts,
    IncidentRecord,
    Steps,
    RunbookImpact,
    RunbookMatch,
    RunbookVariables,
    RunbookFirstMove,
    RunbookEffects,
    RunbookCleanup,
    RunbookMitigate,
    RunbookVerify,
    RunbookEscalate,
    RunbookTree,
    Dependents,
    ReadInFull,
    Model,
    Compare,
    Sources,
    Diagram,
    DiagramUnread,
    Planes,
    Links,
    Concept,
    GateSections,
    GatePlaceholder,
    GateEstimates,
    Mermaid,
}

impl Rule {
    pub const ALL: [Rule; 39] = [
        Rule::Io,
        Rule::TaxonomyFile,
        Rule::FrontMatter,
        Rule::RequiredField,
        Rule::Id,
        Rule::Category,
        Rule::Taxonomy,
        Rule::Date,
        Rule::Confidence,
        Rule::Symptoms,
        Rule::FirstCheck,
        Rule::Blocks,
        Rule::Alerts,
        Rule::IncidentRecord,
        Rule::Steps,
        Rule::RunbookImpact,
        Rule::RunbookMatch,
        Rule::RunbookVariables,
        Rule::RunbookFirstMove,
        Rule::RunbookEffects,
        Rule::RunbookCleanup,
        Rule::RunbookMitigate,
        Rule::RunbookVerify,
        Rule::RunbookEscalate,
        Rule::RunbookTree,
        Rule::Dependents,
        Rule::ReadInFull,
        Rule::Model,
        Rule::Compare,
        Rule::Sources,
        Rule::Diagram,
        Rule::DiagramUnread,
        Rule::Planes,
        Rule::Links,
        Rule::Concept,
        Rule::GateSections,
        Rule::GatePlaceholder,
        Rule::GateEstimates,
        Rule::Mermaid,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rule::Io => "io",
            Rule::TaxonomyFile => "taxonomy-file",
            Rule::FrontMatter => "front-matter",
            Rule::RequiredField => "required-field",
            Rule::Id => "id",
            Rule::Category => "category",
            Rule::Taxonomy => "taxonomy",
            Rule::Date => "date",
            Rule::Confidence => "confidence",
            Rule::Symptoms => "symptoms",
            Rule::FirstCheck => "first-check",
            Rule::Blocks => "blocks",
            Rule::Alerts => "alerts",
            Rule::IncidentRecord => "incident-record",
            Rule::Steps => "steps",
            Rule::RunbookImpact => "runbook/impact",
            Rule::RunbookMatch => "runbook/match",
            Rule::RunbookVariables => "runbook/variables",
            Rule::RunbookFirstMove => "runbook/first-move",
            Rule::RunbookEffects => "runbook/effects",
            Rule::RunbookCleanup => "runbook/cleanup",
            Rule::RunbookMitigate => "runbook/mitigate",
            Rule::RunbookVerify => "runbook/verify",
            Rule::RunbookEscalate => "runbook/escalate",
            Rule::RunbookTree => "runbook/tree",
            Rule::Dependents => "dependents",
            Rule::ReadInFull => "read-in-full",
            Rule::Model => "model",
            Rule::Compare => "compare",
            Rule::Sources => "sources",
            Rule::Diagram => "diagram",
            Rule::DiagramUnread => "diagram/unread",
            Rule::Planes => "planes",
            Rule::Links => "links",
            Rule::Concept => "concept",
            Rule::GateSections => "gate/sections",
            Rule::GatePlaceholder => "gate/placeholder",
            Rule::GateEstimates => "gate/estimates",
            Rule::Mermaid => "mermaid",
        }
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The severity a finding of this rule has, unless the category's data
    /// says otherwise (`gate/sections` takes each section's level).
    pub fn severity(self) -> Severity {
        match self {
            Rule::DiagramUnread | Rule::GateSections | Rule::GateEstimates => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// How the severity column of the table reads.
    pub fn severity_doc(self) -> &'static str {
        match self {
            Rule::GateSections => "per section, from taxonomy.yaml",
            Rule::Mermaid => "error (`--mermaid`, and in CI)",
            _ => match self.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
        }
    }

    /// What the rule wants, in one line.
    pub fn doc(self) -> &'static str {
        match self {
            Rule::Io => "every file and folder under content/ can be read",
            Rule::TaxonomyFile => "taxonomy.yaml is well-formed: known keys, unique ids and folders, #RRGGBB colours, lowercase section fragments",
            Rule::FrontMatter => "a `---` YAML block first, well-formed, no unknown fields",
            Rule::RequiredField => "id, title, category, summary, planes, confidence, sources; plus the `fields` of the entry's category in taxonomy.yaml; `concept` for concept entries",
            Rule::Id => "kebab-case, equal to the file name, unique",
            Rule::Category => "the file sits in its category's folder",
            Rule::Taxonomy => "every plane, company, guarantee, mechanism, pattern, category and view id exists in taxonomy.yaml",
            Rule::Date => "ISO dates that exist: YYYY-MM-DD (no 2018-02-31)",
            Rule::Confidence => "A, B or C",
            Rule::Symptoms => "one line each, no repeats, at most 300 characters",
            Rule::FirstCheck => "`first_check` is one line of at most 240 characters",
            Rule::Blocks => "a `model:` or `compare:` block only where the category declares it, and present where it is required",
            Rule::Alerts => "each alert has a name (letters, digits, _ : . -), listed once, and `source:` naming the entry in `sources` that defines it",
            Rule::IncidentRecord => "`started` ≤ `detected` ≤ `mitigated` ≤ `resolved` as UTC YYYY-MM-DDTHH:MMZ (or a day) or \"not published\"; `trigger`, `impact`, `detection` from taxonomy.yaml; `contributing_factors` are guarantee or mechanism ids",
            Rule::Steps => "a `## Steps` runbook: `### Step N: … (kind)` numbered from 1, the kind read-only, changes state or destructive, each with a command and a link for where each outcome leads; a **Warning:** before a destructive command",
            Rule::RunbookImpact => "`## Impact`: one paragraph of at most 300 characters on who or what is hurt",
            Rule::RunbookMatch => "`## Match` first (after Impact): a command, its literal output in a ```text block, and `(source N)` for where that output is shown",
            Rule::RunbookVariables => "`## Set these first` sets every `$VAR` the commands of Match, Steps, Mitigate and Verify use (unless the block sets it)",
            Rule::RunbookFirstMove => "step 1 is read-only with at least two outcomes, each the output to look for and a link to where it leads",
            Rule::RunbookEffects => "commands do what their labels say (patterns under `commands:` in taxonomy.yaml): none that change state in Match, Set these first, Verify or a read-only step; a destructive command in a `(destructive)` step or a Mitigate action with a **Warning:**",
            Rule::RunbookCleanup => "what a step creates (`kubectl run` without `--rm`, `kubectl debug --copy-to`, `kubectl apply -f`) the same step deletes",
            Rule::RunbookMitigate => "`## Mitigate`: `### <action>` each with `Blast radius:`, its command, and `Undo:` with the undo command (or `Undo: nothing to undo: <why>`)",
            Rule::RunbookVerify => "`## Verify`: a command and `Healthy:` saying what it prints and for how long",
            Rule::RunbookEscalate => "`## Escalate`: the conditions to stop and call someone, as list items",
            Rule::RunbookTree => "no hand-written `## Decision tree` (it is drawn from the steps); every step is reached from step 1",
            Rule::Dependents => "incidents: a one-line `lesson`, and `## If you depend on …` with `### How to tell it is them`, `### What to do during it`, `### How to know it is over`",
            Rule::ReadInFull => "incidents: no sentence or source title saying a source was not read",
            Rule::Model => "a `model:` block reads as a model: every formula parses and names known inputs or values, no cycles, units agree, defaults lie within min and max and cite a source or state an assumption, and the model reproduces its published example within its tolerance",
            Rule::Compare => "a `compare:` block names at least two technology ids from taxonomy.yaml; every dimension has a cell per technology (a value citing its source, or \"not published\"); numbers carry a unit the row shares and the conditions they were measured under",
            Rule::Sources => "at least one; each with a title and an http(s) URL (a GitHub file at a commit or tag, not a branch); dates as YYYY[-MM[-DD]]; in categories with dated sources (costs) each has `date` or `read`",
            Rule::Diagram => "at least one Mermaid block, none empty",
            Rule::DiagramUnread => "every flowchart statement is one the atlas's reader understands (else node planes and links may be missed)",
            Rule::Planes => "every flowchart node in one of the four planes, through classDefs with exactly the plane colours",
            Rule::Links => "links to other entries (and their `#fragment` headings), `related` ids and `links:` node targets exist; only http, https and mailto outside the atlas",
            Rule::Concept => "one concept entry per guarantee, mechanism and pattern",
            Rule::GateSections => "the sections the entry's category lists in taxonomy.yaml",
            Rule::GatePlaceholder => "no \"Service A\", \"Database B\", foo, lorem, TODO in the title, summary or body",
            Rule::GateEstimates => "a dollar figure names its source in the sentence or is marked `~`/est. with its arithmetic",
            Rule::Mermaid => "every diagram parses with the Mermaid version the site ships",
        }
    }

    /// The rules table, as CONTRIBUTING.md carries it.
    pub fn markdown_table() -> String {
        let mut out = String::from("| rule | severity | what it wants |\n|---|---|---|\n");
        for r in Rule::ALL {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                r.id(),
                r.severity_doc(),
                r.doc()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert_eq!(Rule::from_id(r.id()), Some(*r));
            assert!(!Rule::ALL[..i].iter().any(|o| o.id() == r.id()));
        }
    }
}
