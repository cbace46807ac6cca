//! Front-matter fields: what is required (for every entry, and what the
//! entry's category adds in taxonomy.yaml), ids, folders, dates,
//! confidence, the 3 AM fields and structured blocks.

use super::Ctx;
use crate::frontmatter::FrontMatter;
use crate::model::Confidence;
use crate::rules::Rule;
use crate::taxonomy::{BlockKind, Category, ConceptKind, Field};

pub const MAX_SYMPTOM: usize = 300;
pub const MAX_FIRST_CHECK: usize = 240;

/// Runs the family; returns the parsed confidence.
pub(crate) fn check(
    ctx: &mut Ctx<'_>,
    fm: &FrontMatter,
    category: Option<&Category>,
) -> Option<Confidence> {
    required(ctx, fm, category);
    id(ctx, fm);
    if let Some(cat) = category {
        folder(ctx, cat);
        blocks(ctx, fm, cat);
    }
    if let Some(d) = &fm.date {
        if let Err(why) = check_date(d, false) {
            ctx.report(
                Rule::Date,
                ctx.line("date", None),
                format!("date `{d}` {why}"),
            );
        }
    }
    let confidence = confidence(ctx, fm);
    symptoms(ctx, fm);
    first_check(ctx, fm);
    confidence
}

fn required(ctx: &mut Ctx<'_>, fm: &FrontMatter, category: Option<&Category>) {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|t| t.trim().is_empty());
    let base = [
        (
            "id",
            fm.id.is_none(),
            ": a kebab-case id, the same as the file name",
        ),
        ("title", blank(&fm.title), ""),
        (
            "category",
            fm.category.is_none(),
            ": one of the category ids in content/taxonomy.yaml",
        ),
        (
            "summary",
            blank(&fm.summary),
            ": one or two sentences for lists and search results",
        ),
        (
            "planes",
            fm.planes.is_empty(),
            ": a list of edge, service, state, control",
        ),
        ("confidence", fm.confidence.is_none(), ": A, B or C"),
    ];
    let at = ctx.split.yaml_line;
    for (field, missing, hint) in base {
        if missing {
            ctx.report(
                Rule::RequiredField,
                at,
                format!("missing required field `{field}`{hint}"),
            );
        }
    }
    let Some(cat) = category else { return };
    for field in &cat.fields {
        if !fm.has(*field) {
            let hint = match field {
                Field::SystemView => format!(
                    "one of {}",
                    ctx.taxonomy
                        .system_views
                        .iter()
                        .map(|v| v.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                f => f.hint().to_string(),
            };
            ctx.report(
                Rule::RequiredField,
                at,
                format!(
                    "missing required field `{}`: {} carry {hint}",
                    field.name(),
                    cat.name
                ),
            );
        }
    }
    match (cat.concept, &fm.concept) {
        (Some(kind), None) => ctx.report(
            Rule::RequiredField,
            at,
            format!(
                "missing required field `concept`: the {} id this entry describes",
                concept_noun(kind)
            ),
        ),
        (None, Some(_)) => {
            let concept_categories: Vec<&str> = ctx
                .taxonomy
                .categories
                .iter()
                .filter(|c| c.concept.is_some())
                .map(|c| c.id.as_str())
                .collect();
            ctx.report(
                Rule::Taxonomy,
                ctx.line("concept", None),
                format!(
                    "`concept` is only for {} entries, not `{}`",
                    concept_categories.join(", "),
                    cat.id
                ),
            )
        }
        _ => {}
    }
}

fn id(ctx: &mut Ctx<'_>, fm: &FrontMatter) {
    let Some(id) = &fm.id else { return };
    let at = ctx.line("id", None);
    if !is_kebab(id) {
        ctx.report(
            Rule::Id,
            at,
            format!(
                "id `{id}` is not kebab-case: use lowercase letters, digits and single hyphens"
            ),
        );
    } else if id != super::file_stem(&ctx.file.rel) {
        ctx.report(
            Rule::Id,
            at,
            format!("id `{id}` differs from the file name; rename the file to `{id}.md` or change the id"),
        );
    }
}

fn folder(ctx: &mut Ctx<'_>, cat: &Category) {
    let folder = ctx.file.rel.split('/').next().unwrap_or("");
    if folder != cat.dir {
        ctx.report(
            Rule::Category,
            ctx.line("category", None),
            format!(
                "entries of category `{}` belong in `{}/`, not `{folder}/`",
                cat.id, cat.dir
            ),
        );
    }
}

fn blocks(ctx: &mut Ctx<'_>, fm: &FrontMatter, cat: &Category) {
    for kind in [BlockKind::Model, BlockKind::Compare] {
        let name = kind.name();
        match (fm.block(kind).is_some(), cat.block(kind)) {
            (true, None) => ctx.report(
                Rule::Blocks,
                ctx.line(name, None),
                format!(
                    "a `{name}:` block is not part of {} entries; categories that take one list it under `blocks` in taxonomy.yaml",
                    cat.name
                ),
            ),
            (false, Some(rule)) if rule.required => ctx.report(
                Rule::Blocks,
                ctx.split.yaml_line,
                format!("{} entries need a `{name}:` block", cat.name),
            ),
            _ => {}
        }
    }
}

fn confidence(ctx: &mut Ctx<'_>, fm: &FrontMatter) -> Option<Confidence> {
    let c = fm.confidence.as_deref()?;
    let parsed = match c {
        "A" => Some(Confidence::A),
        "B" => Some(Confidence::B),
        "C" => Some(Confidence::C),
        _ => None,
    };
    if parsed.is_none() {
        ctx.report(
            Rule::Confidence,
            ctx.line("confidence", None),
            format!("confidence `{c}` must be A, B or C (see CONTRIBUTING.md)"),
        );
    }
    parsed
}

fn symptoms(ctx: &mut Ctx<'_>, fm: &FrontMatter) {
    for (i, s) in fm.symptoms.iter().enumerate() {
        let at = ctx.item_line("symptoms", i);
        let n = i + 1;
        let problem = if s.trim().is_empty() {
            format!("symptom {n} is empty")
        } else if s.contains('\n') {
            format!("symptom {n} spans lines; write each message or metric as its own item")
        } else if s.chars().count() > MAX_SYMPTOM {
            format!("symptom {n} is longer than {MAX_SYMPTOM} characters; quote the distinctive part of the message")
        } else if fm.symptoms[..i].contains(s) {
            format!("symptom {n} repeats an earlier one")
        } else {
            continue;
        };
        ctx.report(Rule::Symptoms, at, problem);
    }
}

fn first_check(ctx: &mut Ctx<'_>, fm: &FrontMatter) {
    if let Some(f) = &fm.first_check {
        if f.trim().is_empty() || f.contains('\n') || f.chars().count() > MAX_FIRST_CHECK {
            ctx.report(
                Rule::FirstCheck,
                ctx.line("first_check", None),
                format!("`first_check` must be one line of at most {MAX_FIRST_CHECK} characters"),
            );
        }
    }
}

fn concept_noun(kind: ConceptKind) -> &'static str {
    super::taxonomy_ids::concept_facet(kind).noun()
}

pub(crate) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// YYYY-MM-DD naming a day that exists; with `partial`, YYYY and YYYY-MM
/// too. The error completes "date `x` …".
pub(crate) fn check_date(s: &str, partial: bool) -> Result<(), String> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    let shape = if partial {
        "write YYYY-MM-DD (or YYYY-MM, YYYY)"
    } else {
        "write YYYY-MM-DD"
    };
    let ok_len = if partial {
        (1..=3).contains(&parts.len())
    } else {
        parts.len() == 3
    };
    if !ok_len
        || !num(parts[0], 4)
        || parts.get(1).is_some_and(|m| !num(m, 2))
        || parts.get(2).is_some_and(|d| !num(d, 2))
    {
        return Err(format!("is not an ISO date; {shape}"));
    }
    let year: u32 = parts[0].parse().unwrap_or(0);
    let Some(month) = parts.get(1).map(|m| m.parse::<u32>().unwrap_or(0)) else {
        return Ok(());
    };
    if !(1..=12).contains(&month) {
        return Err(format!("has no month {month}; {shape}"));
    }
    let Some(day) = parts.get(2).map(|d| d.parse::<u32>().unwrap_or(0)) else {
        return Ok(());
    };
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days).contains(&day) {
        return Err(format!("does not exist: {year}-{month:02} has {days} days"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case("2018-10-21", false, true ; "a real day")]
    #[test_case("2020-02-29", false, true ; "leap day")]
    #[test_case("2018-02-31", false, false ; "february 31")]
    #[test_case("2019-02-29", false, false ; "not a leap year")]
    #[test_case("1900-02-29", false, false ; "century not leap")]
    #[test_case("2018-13-01", false, false ; "month 13")]
    #[test_case("21/10/2018", false, false ; "not iso")]
    #[test_case("2018-10", false, false ; "month only when a day is needed")]
    #[test_case("2018-10", true, true ; "month only for a source")]
    #[test_case("2018", true, true ; "year only for a source")]
    #[test_case("2018-1-5", true, false ; "unpadded")]
    fn dates(s: &str, partial: bool, ok: bool) {
        assert_eq!(check_date(s, partial).is_ok(), ok, "{s}");
    }

    #[test]
    fn kebab() {
        assert!(is_kebab("github-2018-10-21-partition"));
        assert!(!is_kebab("GitHub-outage"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("a_b"));
    }
}
