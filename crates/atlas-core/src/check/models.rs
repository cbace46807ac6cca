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
            for p in problems {
                let needle = if p.at == "example" {
                    "example:".to_string()
                } else {
                    format!("id: {}", p.at)
                };
                let at = ctx.line("model", Some(&needle));
                ctx.report(Rule::Model, at, p.message);
            }
            None
        }
    }
}
