//! Quality gates from spec §5: the sections the entry's category lists in
//! taxonomy.yaml (each with its level), placeholder names, and money
//! figures that neither name a source nor say they are estimates.

use super::Ctx;
use crate::frontmatter::FrontMatter;
use crate::markdown::BodyFacts;
use crate::problem::Severity;
use crate::rules::Rule;
use crate::taxonomy::{Category, SectionLevel};

pub(crate) fn check(ctx: &mut Ctx<'_>, cat: &Category, fm: &FrontMatter, facts: &BodyFacts) {
    sections(ctx, cat, &facts.headings);
    for (key, text) in [("title", &fm.title), ("summary", &fm.summary)] {
        if let Some(p) = text.as_deref().and_then(placeholder) {
            ctx.report(
                Rule::GatePlaceholder,
                ctx.line(key, None),
                placeholder_message(p),
            );
        }
    }
    let mut in_code = false;
    let mut previous = "";
    for (i, l) in ctx.split.body.lines().enumerate() {
        // A wrapped sentence may name its source (or say "est.") on the
        // line before the figure.
        let context = std::mem::replace(&mut previous, l);
        let fence = l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~");
        if fence {
            in_code = !in_code;
        }
        let line = ctx.body_line(i + 1);
        if let Some(p) = placeholder(l) {
            ctx.report(Rule::GatePlaceholder, line, placeholder_message(p));
        }
        if in_code || fence {
            continue;
        }
        if let Some(fig) = unmarked_money(l).filter(|_| !marked(context)) {
            ctx.report(
                Rule::GateEstimates,
                line,
                format!("`{fig}`: say where this figure is published, or mark it as an estimate (~, est.) with its arithmetic"),
            );
        }
    }
}

/// The category's sections missing from the headings, reported once per
/// level (errors and warnings apart).
fn sections(ctx: &mut Ctx<'_>, cat: &Category, headings: &[(u8, String)]) {
    for (level, severity) in [
        (SectionLevel::Error, Severity::Error),
        (SectionLevel::Warning, Severity::Warning),
    ] {
        let missing: Vec<&crate::taxonomy::Section> = cat
            .sections
            .iter()
            .filter(|s| s.level == level)
            .filter(|s| {
                !headings
                    .iter()
                    .any(|(_, h)| h.to_lowercase().contains(&s.heading))
            })
            .collect();
        let Some(first) = missing.first() else {
            continue;
        };
        let names: Vec<&str> = missing.iter().map(|s| s.heading.as_str()).collect();
        ctx.report_as(
            Rule::GateSections,
            severity,
            ctx.split.body_line,
            format!(
                "{} need sections on: {}; add a heading containing each, e.g. `## {}` (see CONTRIBUTING.md)",
                cat.name,
                names.join(", "),
                first.template_title()
            ),
        );
    }
}

fn placeholder_message(found: String) -> String {
    format!("placeholder `{found}`: name the real component, company or value (or write \"not published\")")
}

/// "Service A", "Database B", foo, lorem ipsum, TODO/TBD. A placeholder
/// name is a capitalised word ("Service", not "SERVICE" or "AB_SERVICE")
/// followed by a lone capital A–D, as in prose.
fn placeholder(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    for pair in tokens.windows(2) {
        let word = pair[0].trim_start_matches(['(', '"', '\'', '*', '_', '[']);
        let generic = matches!(
            word,
            "Service" | "Database" | "Server" | "Company" | "Team" | "System"
        );
        let letter = pair[1].trim_end_matches([',', '.', ';', ':', ')', '"', '\'', '*', '_', ']']);
        let lone = letter.len() == 1 && letter.chars().all(|c| matches!(c, 'A'..='D'));
        if generic && lone {
            return Some(format!("{word} {letter}"));
        }
    }
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .find(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "foo" | "foobar" | "lorem" | "ipsum"
            ) || matches!(*w, "TODO" | "TBD" | "FIXME")
        })
        .map(|w| w.to_string())
}

/// A dollar figure on a line that neither names its source nor marks it as
/// an estimate. Code spans (`$1`, `$HOME`) are not money.
fn unmarked_money(line: &str) -> Option<String> {
    let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let at = prose.find('$')?;
    let digits: String = prose[at + 1..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .collect();
    let digits = digits.trim_end_matches([',', '.']);
    if !digits.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    (!marked(&prose)).then(|| format!("${digits}"))
}

/// Whether text says where a figure comes from or that it is an estimate.
/// Whole words (or word beginnings for the two stems): "est" must not match
/// "request" or "latest", nor "sla" "translation".
fn marked(text: &str) -> bool {
    const WORDS: [&str; 22] = [
        "est",
        "sla",
        "sla's",
        "published",
        "reported",
        "report",
        "reports",
        "according",
        "price",
        "prices",
        "pricing",
        "priced",
        "source",
        "sources",
        "said",
        "states",
        "stated",
        "release",
        "announced",
        "disclosed",
        "filed",
        "filing",
    ];
    const STEMS: [&str; 2] = ["estimat", "assum"];
    if text.contains('~') || text.contains('≈') {
        return true;
    }
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .any(|w| WORDS.contains(&w) || STEMS.iter().any(|s| w.starts_with(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case("calls Service A then", Some("Service A") ; "prose placeholder")]
    #[test_case("(Database B) fails", Some("Database B") ; "in parentheses")]
    #[test_case("node A and node B", None ; "lowercase prose is not a name")]
    #[test_case("AB_SERVICE[A/B Testing Service]", None ; "an identifier in capitals is not a placeholder")]
    #[test_case("SERVICE A is down", None ; "shouting is not a name")]
    #[test_case("see foo.bar", Some("foo") ; "foo")]
    #[test_case("TODO: fill in", Some("TODO") ; "todo")]
    #[test_case("Service Control in Google", None ; "a real name")]
    fn placeholders(line: &str, want: Option<&str>) {
        assert_eq!(placeholder(line).as_deref(), want);
    }

    #[test_case("It cost $2,000,000 a month.", Some("$2,000,000") ; "unmarked")]
    #[test_case("~$2,000 a month (est.: 10 nodes × $200)", None ; "estimate marked")]
    #[test_case("AWS reported $5M in credits", None ; "reported")]
    #[test_case("use $HOME", None ; "shell variable")]
    #[test_case("SET balance = `balance - $1`", None ; "code span")]
    #[test_case("each request cost $40,000", Some("$40,000") ; "request is not est")]
    #[test_case("the latest bill was $9,000", Some("$9,000") ; "latest is not est")]
    #[test_case("translation cost $300", Some("$300") ; "translation is not sla")]
    #[test_case("estimated at $300 (3 × $100)", None ; "estimated")]
    #[test_case("$300 assuming 3 nodes", None ; "assuming")]
    fn money(line: &str, want: Option<&str>) {
        assert_eq!(unmarked_money(line).as_deref(), want);
    }
}
