//! The `compare:` block of comparison entries (see [`crate::compare`]):
//! technology ids from taxonomy.yaml, one unit per row, every value with
//! its source and, for numbers, the conditions it was measured under.

use super::Ctx;
use crate::compare::CompareSpec;
use crate::frontmatter::FrontMatter;
use crate::rules::Rule;

pub(crate) fn check(ctx: &mut Ctx<'_>, fm: &FrontMatter) -> Option<CompareSpec> {
    let value = fm.compare.as_ref()?;
    let spec: CompareSpec = match serde_yaml_ng::from_value(value.clone()) {
        Ok(s) => s,
        Err(e) => {
            let at = ctx.line("compare", None);
            ctx.report(
                Rule::Compare,
                at,
                format!(
                    "the `compare:` block does not read as a comparison: {e} (see CONTRIBUTING.md)"
                ),
            );
            return None;
        }
    };
    let known: Vec<&str> = ctx
        .taxonomy
        .technologies
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let problems = spec.problems(&known, fm.sources.len());
    if problems.is_empty() {
        return Some(spec);
    }
    let found = problems.into_iter().map(|p| (p.at, p.message));
    super::models::report_block(ctx, Rule::Compare, "compare", "technologies", found);
    None
}
