//! The `model:` block of capacity and cost entries (see
//! [`crate::model_calc`]): it must read as a model, compile (names, units,
//! no cycles, defaults in range, each default sourced or an assumption) and
//! reproduce its published example.

use super::Ctx;
use crate::frontmatter::FrontMatter;
use crate::model_calc::ModelSpec;
use crate::rules::Rule;

pub(crate) fn check(ctx: &mut Ctx<'_>, fm: &FrontMatter) -> Option<ModelSpec> {
    let value = fm.model.as_ref()?;
    let spec: ModelSpec = match serde_yaml_ng::from_value(value.clone()) {
        Ok(s) => s,
        Err(e) => {
            let at = ctx.line("model", None);
            ctx.report(
                Rule::Model,
                at,
                format!("the `model:` block does not read as a model: {e} (see CONTRIBUTING.md)"),
            );
            return None;
        }
    };
    match spec.compile(fm.sources.len()) {
        Ok(_) => Some(spec),
        Err(problems) => {
            let found = problems.into_iter().map(|p| (p.at, p.message));
            report_block(ctx, Rule::Model, "model", "example", found);
            None
        }
    }
}

/// Reports a block's problems at the line of what each is about: `id: <at>`
/// inside the block, or `<whole>:` for the part that is not an id.
pub(crate) fn report_block(
    ctx: &mut Ctx<'_>,
    rule: Rule,
    block: &str,
    whole: &str,
    problems: impl Iterator<Item = (String, String)>,
) {
    for (at, message) in problems {
        let needle = if at == whole {
            format!("{whole}:")
        } else {
            format!("id: {at}")
        };
        let line = ctx.line(block, Some(&needle));
        ctx.report(rule, line, message);
    }
}
