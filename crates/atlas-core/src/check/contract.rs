//! The contracts a category can declare in taxonomy.yaml (`contract:`):
//!
//! - `runbook` (debugging guides): Impact, Match, Set these first, Steps
//!   whose commands do what their labels say and clean up after
//!   themselves, Mitigate with undo and blast radius, Verify, Escalate;
//!   no hand-written decision tree (the atlas draws it from the steps).
//! - `dependents` (incidents): a `lesson`, the "If you depend on …"
//!   section, and no source the entry admits it did not read.
//!
//! CONTRIBUTING.md ("The runbook contract") is the author's side of this.

use super::Ctx;
use crate::commands::{self, is_command_lang};
use crate::frontmatter::FrontMatter;
use crate::rules::Rule;
use crate::runbook::{Guide, Part, Piece, Runbook, StepKind};

/// The longest one-paragraph Impact and one-line lesson.
const SHORT: usize = 300;

pub(crate) fn runbook(ctx: &mut Ctx<'_>, fm: &FrontMatter, guide: &Guide, book: Option<&Runbook>) {
    impact(ctx, guide);
    matching(ctx, fm, guide);
    variables(ctx, guide);
    effects(ctx, guide, book);
    if let Some(book) = book {
        first_move(ctx, book);
        cleanup(ctx, book);
        reachable(ctx, book);
    }
    mitigate(ctx, guide);
    verify(ctx, guide);
    escalate(ctx, guide);
    if let Some(tree) = guide.section("decision tree") {
        let at = ctx.body_line(tree.line);
        ctx.report(
            Rule::RunbookTree,
            at,
            "the decision tree is drawn from the steps: delete this hand-written one (every outcome is a link in its step)",
        );
    }
}

fn missing(ctx: &mut Ctx<'_>, rule: Rule, heading: &str, what: &str) {
    let at = ctx.split.body_line;
    ctx.report(
        rule,
        at,
        format!("no `## {heading}` section: {what} (see CONTRIBUTING.md)"),
    );
}

/// The most a guide may say before its first section.
const INTRO: usize = 400;

fn impact(ctx: &mut Ctx<'_>, guide: &Guide) {
    // A tired reader meets the Impact and the Match first, not background.
    if let Some(intro) = guide.parts.first() {
        let chars: usize = intro.paras().map(|p| p.text.chars().count()).sum();
        if chars > INTRO || intro.pieces.iter().any(|p| matches!(p, Piece::Block(_))) {
            let at = intro
                .pieces
                .first()
                .map(|p| match p {
                    Piece::Block(b) => b.line,
                    Piece::Para(x) => x.line,
                })
                .unwrap_or(1);
            let at = ctx.body_line(at);
            ctx.report(
                Rule::RunbookImpact,
                at,
                format!("a guide opens with `## Impact`: keep what comes before it to a sentence or two ({chars} characters here, at most {INTRO}, no code); move background to `## How it works` after `## Escalate`"),
            );
        }
    }
    let Some(part) = guide.section("impact") else {
        return missing(
            ctx,
            Rule::RunbookImpact,
            "Impact",
            "one paragraph on who or what is hurt while this lasts",
        );
    };
    let at = ctx.body_line(part.line);
    let paras: Vec<_> = part.paras().collect();
    let text_len = paras.first().map(|p| p.text.chars().count()).unwrap_or(0);
    if paras.len() != 1 || part.blocks().next().is_some() || !part.subs.is_empty() {
        ctx.report(
            Rule::RunbookImpact,
            at,
            "`## Impact` is one paragraph: who or what is hurt while this lasts",
        );
    } else if text_len > SHORT {
        ctx.report(
            Rule::RunbookImpact,
            at,
            format!("`## Impact` has {text_len} characters; say it in at most {SHORT}"),
        );
    }
}

fn matching(ctx: &mut Ctx<'_>, fm: &FrontMatter, guide: &Guide) {
    let Some(part) = guide.section("match") else {
        return missing(
            ctx,
            Rule::RunbookMatch,
            "Match",
            "a read-only command, the literal output that says you are in the right guide (```text), and `(source N)`",
        );
    };
    let at = ctx.body_line(part.line);
    let before: Vec<&str> = guide.parts[1..]
        .iter()
        .take_while(|p| !std::ptr::eq(*p, part))
        .map(|p| p.title.as_str())
        .filter(|t| !t.to_lowercase().starts_with("impact"))
        .collect();
    if !before.is_empty() {
        ctx.report(
            Rule::RunbookMatch,
            at,
            format!("`## Match` comes first (only `## Impact` before it), so the first command is at the top; move it above `## {}`", before[0]),
        );
    }
    let pieces = &part.pieces;
    let command = pieces
        .iter()
        .position(|p| matches!(p, Piece::Block(b) if is_command_lang(&b.lang) && b.lang != "http"));
    let output = command.and_then(|c| {
        pieces[c + 1..]
            .iter()
            .any(|p| matches!(p, Piece::Block(b) if b.lang == "text"))
            .then_some(())
    });
    if command.is_none() || output.is_none() {
        ctx.report(
            Rule::RunbookMatch,
            at,
            "`## Match` needs a command in a fenced block, then the literal output it prints when you are in the right guide in a ```text block",
        );
    }
    let text: String = part
        .paras()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    match cited_source(&text) {
        None => ctx.report(
            Rule::RunbookMatch,
            at,
            "say where the sample output comes from: `(source N)`, N being its entry in `sources`",
        ),
        Some(n) if n == 0 || n > fm.sources.len() => ctx.report(
            Rule::RunbookMatch,
            at,
            format!("`(source {n})`: the entry has {} sources", fm.sources.len()),
        ),
        Some(_) => {}
    }
}

/// The N of the first "source N" in a text.
fn cited_source(text: &str) -> Option<usize> {
    let lower = text.to_lowercase();
    lower.match_indices("source ").find_map(|(i, m)| {
        let digits: String = lower[i + m.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// Sections whose commands the variables rule and the effects rule read.
const COMMAND_SECTIONS: [&str; 4] = ["match", "steps", "mitigate", "verify"];

fn variables(ctx: &mut Ctx<'_>, guide: &Guide) {
    let Some(first) = guide.section("set these first") else {
        return missing(
            ctx,
            Rule::RunbookVariables,
            "Set these first",
            "a fenced block setting every variable the commands use (`export NS=payments`)",
        );
    };
    let mut set: Vec<String> = Vec::new();
    for b in first.all_blocks() {
        set.extend(commands::variables(&b.lang, &b.text).1);
    }
    if set.is_empty() {
        let at = ctx.body_line(first.line);
        ctx.report(
            Rule::RunbookVariables,
            at,
            "`## Set these first` sets no variable: give a fenced block of `export NAME=value  # what it is` lines",
        );
    }
    for name in COMMAND_SECTIONS {
        let Some(part) = guide.section(name) else {
            continue;
        };
        for b in part.all_blocks() {
            let (used, own) = commands::variables(&b.lang, &b.text);
            let unset: Vec<String> = used
                .into_iter()
                .filter(|v| !set.contains(v) && !own.contains(v))
                .map(|v| format!("${v}"))
                .collect();
            if !unset.is_empty() {
                let at = ctx.body_line(b.line);
                ctx.report(
                    Rule::RunbookVariables,
                    at,
                    format!(
                        "this command uses {}, which `## Set these first` does not set",
                        unset.join(", ")
                    ),
                );
            }
        }
    }
}

fn effects(ctx: &mut Ctx<'_>, guide: &Guide, book: Option<&Runbook>) {
    // The taxonomy outlives the context: borrow it, not the context.
    let rules = &ctx.taxonomy.commands;
    // Sections that only look.
    for name in ["match", "set these first", "verify"] {
        let Some(part) = guide.section(name) else {
            continue;
        };
        for b in part.all_blocks() {
            if let Some(f) = rules.classify(&b.lang, &b.text).first() {
                let at = ctx.body_line(b.line);
                ctx.report(
                    Rule::RunbookEffects,
                    at,
                    format!("`## {}` only looks, but `{}` {} (pattern `{}` in taxonomy.yaml `commands:`)", part.title, f.command, does(f.effect), f.pattern),
                );
            }
        }
    }
    if let Some(book) = book {
        for step in &book.steps {
            let Some(n) = step.number else { continue };
            // Removing what the step itself created is tidying up, not destroying.
            let cleanups: Vec<String> = step
                .part
                .blocks()
                .flat_map(|b| commands::created(&b.lang, &b.text))
                .map(|c| c.cleanup)
                .collect();
            for b in step.part.blocks() {
                for f in rules.classify(&b.lang, &b.text) {
                    let at = ctx.body_line(b.line);
                    let effect = match f.effect {
                        StepKind::Destructive
                            if cleanups.iter().any(|c| commands::is_cleanup(&f.words, c)) =>
                        {
                            StepKind::ChangesState
                        }
                        e => e,
                    };
                    match (step.kind, effect) {
                        (Some(StepKind::ReadOnly), _) => ctx.report(
                            Rule::RunbookEffects,
                            at,
                            format!("step {n} is read-only, but `{}` {} (pattern `{}`): label the step `({})` or move the command to `## Mitigate`", f.command, does(effect), f.pattern, effect.label()),
                        ),
                        (Some(StepKind::ChangesState), StepKind::Destructive) => ctx.report(
                            Rule::RunbookEffects,
                            at,
                            format!("`{}` is destructive (pattern `{}`): label step {n} `(destructive)` with a **Warning:** before it", f.command, f.pattern),
                        ),
                        _ => {}
                    }
                }
            }
        }
    }
    if let Some(part) = guide.section("mitigate") {
        for action in &part.subs {
            let warned = action.paras().any(|p| p.warning);
            for b in action.blocks() {
                if let Some(f) = rules
                    .classify(&b.lang, &b.text)
                    .into_iter()
                    .find(|f| f.effect == StepKind::Destructive)
                {
                    if !warned {
                        let at = ctx.body_line(b.line);
                        ctx.report(
                            Rule::RunbookEffects,
                            at,
                            format!("`{}` is destructive (pattern `{}`): put a **Warning:** line before it saying what it destroys", f.command, f.pattern),
                        );
                    }
                }
            }
        }
    }
}

fn does(effect: StepKind) -> &'static str {
    match effect {
        StepKind::Destructive => "destroys something",
        _ => "changes state",
    }
}

fn first_move(ctx: &mut Ctx<'_>, book: &Runbook) {
    let Some(step) = book.steps.first() else {
        return;
    };
    let at = ctx.body_line(step.line);
    if step.kind.is_some() && step.kind != Some(StepKind::ReadOnly) {
        ctx.report(
            Rule::RunbookFirstMove,
            at,
            "step 1 is the first move: it must be read-only (look before you change anything)",
        );
    }
    let named = step.branches.iter().filter(|b| !b.when.is_empty()).count();
    if named < 2 {
        ctx.report(
            Rule::RunbookFirstMove,
            at,
            "step 1 is the first move: give at least two outcomes as list items, each the output to look for and where it leads (``- `CrashLoopBackOff` in STATUS: go to [step 2](#step-2)``)",
        );
    }
}

fn cleanup(ctx: &mut Ctx<'_>, book: &Runbook) {
    for step in &book.steps {
        let Some(n) = step.number else { continue };
        let blocks: Vec<_> = step.part.blocks().collect();
        for b in &blocks {
            for c in commands::created(&b.lang, &b.text) {
                if !blocks
                    .iter()
                    .any(|o| commands::cleans_up(&o.lang, &o.text, &c.cleanup))
                {
                    let at = ctx.body_line(b.line);
                    ctx.report(
                        Rule::RunbookCleanup,
                        at,
                        format!(
                            "step {n} creates {} but never removes it: add `{}` to the step",
                            c.what, c.cleanup
                        ),
                    );
                }
            }
        }
    }
}

/// Every step can be reached from step 1 by following the steps' links.
fn reachable(ctx: &mut Ctx<'_>, book: &Runbook) {
    let numbers: Vec<usize> = book.steps.iter().filter_map(|s| s.number).collect();
    let mut seen = vec![1usize];
    let mut queue = vec![1usize];
    while let Some(n) = queue.pop() {
        let Some(step) = book.steps.iter().find(|s| s.number == Some(n)) else {
            continue;
        };
        for l in &step.links {
            if let Some(m) = l
                .strip_prefix("#step-")
                .and_then(|m| m.parse::<usize>().ok())
            {
                if numbers.contains(&m) && !seen.contains(&m) {
                    seen.push(m);
                    queue.push(m);
                }
            }
        }
    }
    for step in &book.steps {
        match step.number {
            Some(n) if !seen.contains(&n) => {
                let at = ctx.body_line(step.line);
                ctx.report(
                    Rule::RunbookTree,
                    at,
                    format!("no step leads to step {n}: link it from the outcome that needs it (`go to [step {n}](#step-{n})`)"),
                );
            }
            _ => {}
        }
    }
}

fn mitigate(ctx: &mut Ctx<'_>, guide: &Guide) {
    let Some(part) = guide.section("mitigate") else {
        return missing(
            ctx,
            Rule::RunbookMitigate,
            "Mitigate",
            "reversible actions, each `### <action>` with `Blast radius:`, its command, and `Undo:` with the undo command",
        );
    };
    if part.subs.is_empty() {
        let at = ctx.body_line(part.line);
        ctx.report(
            Rule::RunbookMitigate,
            at,
            "`## Mitigate` has no actions: write each as `### <action>`",
        );
    }
    for action in &part.subs {
        let at = ctx.body_line(action.line);
        let starts = |p: &Piece, word: &str| matches!(p, Piece::Para(x) if x.text.trim_start().to_lowercase().starts_with(word));
        if !action.pieces.iter().any(|p| starts(p, "blast radius")) {
            ctx.report(
                Rule::RunbookMitigate,
                at,
                format!(
                    "`{}`: say what else it touches in a line `Blast radius: …`",
                    action.title
                ),
            );
        }
        let undo = action.pieces.iter().position(|p| starts(p, "undo"));
        let is_cmd = |p: &Piece| matches!(p, Piece::Block(b) if is_command_lang(&b.lang));
        let Some(u) = undo else {
            ctx.report(Rule::RunbookMitigate, at, format!("`{}`: add a line `Undo:` and the command that reverses it (or `Undo: nothing to undo: <why>`)", action.title));
            continue;
        };
        let doing = action.pieces[..u].iter().any(is_cmd);
        if !doing {
            ctx.report(
                Rule::RunbookMitigate,
                at,
                format!(
                    "`{}`: give the command that does it, in a fenced block before `Undo:`",
                    action.title
                ),
            );
        }
        let nothing = matches!(&action.pieces[u], Piece::Para(x) if x.text.to_lowercase().contains("nothing to undo"));
        if !nothing && !action.pieces[u + 1..].iter().any(is_cmd) {
            ctx.report(Rule::RunbookMitigate, at, format!("`{}`: `Undo:` needs its command in a fenced block after it (or say `Undo: nothing to undo: <why>`)", action.title));
        }
    }
}

fn verify(ctx: &mut Ctx<'_>, guide: &Guide) {
    let Some(part) = guide.section("verify") else {
        return missing(
            ctx,
            Rule::RunbookVerify,
            "Verify",
            "a read-only command and `Healthy:` with what it prints and for how long",
        );
    };
    let at = ctx.body_line(part.line);
    if !part.all_blocks().iter().any(|b| is_command_lang(&b.lang)) {
        ctx.report(
            Rule::RunbookVerify,
            at,
            "`## Verify` needs the command that shows the fix held, in a fenced block",
        );
    }
    let healthy = all_paras(part)
        .into_iter()
        .find(|p| p.to_lowercase().starts_with("healthy"));
    match healthy {
        None => ctx.report(
            Rule::RunbookVerify,
            at,
            "`## Verify` needs a paragraph `Healthy: <what it prints> for <how long>`",
        ),
        Some(p) if !has_duration(&p) => ctx.report(
            Rule::RunbookVerify,
            at,
            "`Healthy:` must say for how long it must stay healthy, e.g. \"for 10 minutes\"",
        ),
        Some(_) => {}
    }
}

fn all_paras(part: &Part) -> Vec<String> {
    let mut out: Vec<String> = part.paras().map(|p| p.text.trim().to_string()).collect();
    for s in &part.subs {
        out.extend(all_paras(s));
    }
    out
}

/// "for 10 minutes", "15 min", "an hour"…: a number (or "an") then a unit of time.
fn has_duration(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | '.' | ':'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    const UNITS: [&str; 12] = [
        "s", "sec", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hour", "hours",
        "day",
    ];
    words.windows(2).any(|w| {
        (w[0]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '–' || c == '-')
            || w[0] == "an"
            || w[0] == "one")
            && UNITS.contains(&w[1].as_str())
    }) || words.iter().any(|w| {
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && ["s", "min", "m", "h"].contains(&&w[digits..])
    })
}

fn escalate(ctx: &mut Ctx<'_>, guide: &Guide) {
    let Some(part) = guide.section("escalate") else {
        return missing(
            ctx,
            Rule::RunbookEscalate,
            "Escalate",
            "a list of the conditions under which to stop and call someone",
        );
    };
    if !part.paras().any(|p| p.item) {
        let at = ctx.body_line(part.line);
        ctx.report(
            Rule::RunbookEscalate,
            at,
            "`## Escalate` lists its conditions as list items, one per condition",
        );
    }
}

/// The three questions an engineer who depends on the provider asks.
const DEPENDENT_PARTS: [(&str, &str); 3] = [
    ("how to tell", "How to tell it is them"),
    ("what to do", "What to do during it"),
    ("how to know", "How to know it is over"),
];

pub(crate) fn dependents(ctx: &mut Ctx<'_>, fm: &FrontMatter, guide: &Guide) {
    if let Some(lesson) = fm.lesson.as_deref() {
        let lesson = lesson.trim();
        if lesson.contains('\n') || lesson.chars().count() > SHORT || lesson.is_empty() {
            ctx.report(
                Rule::Dependents,
                ctx.line("lesson", None),
                format!("`lesson` is one line of at most {SHORT} characters"),
            );
        }
    }
    match guide.section("if you depend on") {
        None => missing(
            ctx,
            Rule::Dependents,
            "If you depend on <provider or technology>",
            "how to tell it is them, what to do during it, how to know it is over",
        ),
        Some(part) => {
            for (prefix, title) in DEPENDENT_PARTS {
                let sub = part
                    .subs
                    .iter()
                    .find(|s| s.title.to_lowercase().starts_with(prefix));
                let empty = sub.is_some_and(|s| s.pieces.is_empty());
                if sub.is_none() || empty {
                    let at = ctx.body_line(part.line);
                    ctx.report(
                        Rule::Dependents,
                        at,
                        format!(
                            "`## {}` needs a part `### {title}` with its answer",
                            part.title
                        ),
                    );
                }
            }
        }
    }
    // An entry that admits a source went unread.
    for (i, l) in ctx.split.body.lines().enumerate() {
        if says_not_read(l) {
            let at = ctx.body_line(i + 1);
            ctx.report(
                Rule::ReadInFull,
                at,
                "the entry says a source was not read: read it in full, or drop the claims that needed it",
            );
        }
    }
    for (i, s) in fm.sources.iter().enumerate() {
        if s.title.as_deref().is_some_and(says_not_read) {
            let at = ctx.item_line("sources", i);
            ctx.report(Rule::ReadInFull, at, "this source's title says it was not read: read it in full, or drop the claims that needed it");
        }
    }
}

/// "not read" as words ("not ready" is fine).
fn says_not_read(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices("not read").any(|(i, m)| {
        let before = lower[..i].chars().last();
        let after = lower[i + m.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_read_is_a_phrase() {
        assert!(says_not_read("That report was not read for this entry."));
        assert!(says_not_read("Not read: the appendix"));
        assert!(!says_not_read("the replica was not ready"));
        assert!(!says_not_read("cannot reach"));
    }

    #[test]
    fn durations() {
        assert!(has_duration("Healthy: prints nothing for 10 minutes."));
        assert!(has_duration("Healthy: 0 for 15 min"));
        assert!(has_duration("Healthy: stays at 0 for an hour"));
        assert!(has_duration("Healthy: green for 5m"));
        assert!(!has_duration("Healthy: prints nothing"));
        assert!(!has_duration("Healthy: 3 replicas"));
    }

    #[test]
    fn cited_sources() {
        assert_eq!(
            cited_source("the format of TopicCommand (source 4; tabs)"),
            Some(4)
        );
        assert_eq!(cited_source("no citation"), None);
    }
}
