//! Taxonomy ids: every plane, company, guarantee, mechanism, pattern,
//! category, system view and concept an entry names exists in
//! taxonomy.yaml; near misses get a "did you mean".

use super::Ctx;
use crate::frontmatter::FrontMatter;
use crate::rules::Rule;
use crate::taxonomy::{Category, ConceptKind, Facet, Taxonomy};

/// The entry's category, reporting an unknown one.
pub(crate) fn category<'t>(ctx: &mut Ctx<'t>, fm: &FrontMatter) -> Option<&'t Category> {
    let c = fm.category.as_deref()?;
    let found = ctx.taxonomy.category(c);
    if found.is_none() {
        let msg = unknown(ctx.taxonomy, Facet::Category, c);
        ctx.report(Rule::Taxonomy, ctx.line("category", None), msg);
    }
    found
}

pub(crate) fn check(ctx: &mut Ctx<'_>, fm: &FrontMatter, category: Option<&Category>) {
    for (facet, values) in [
        (Facet::Plane, &fm.planes),
        (Facet::Company, &fm.companies),
        (Facet::Guarantee, &fm.guarantees),
        (Facet::Mechanism, &fm.mechanisms),
        (Facet::Pattern, &fm.patterns),
    ] {
        for v in values {
            if !ctx.taxonomy.contains(facet, v) {
                let msg = unknown(ctx.taxonomy, facet, v);
                ctx.report(Rule::Taxonomy, ctx.line(facet.field(), Some(v)), msg);
            }
        }
    }
    if let Some(v) = &fm.system_view {
        if !ctx.taxonomy.contains(Facet::SystemView, v) {
            let msg = unknown(ctx.taxonomy, Facet::SystemView, v);
            ctx.report(Rule::Taxonomy, ctx.line("system_view", None), msg);
        }
    }
    if let (Some(kind), Some(c)) = (category.and_then(|c| c.concept), &fm.concept) {
        let facet = concept_facet(kind);
        if !ctx.taxonomy.contains(facet, c) {
            let msg = unknown(ctx.taxonomy, facet, c);
            ctx.report(Rule::Taxonomy, ctx.line("concept", None), msg);
        }
    }
}

pub(crate) fn concept_facet(kind: ConceptKind) -> Facet {
    match kind {
        ConceptKind::Guarantees => Facet::Guarantee,
        ConceptKind::Mechanisms => Facet::Mechanism,
        ConceptKind::Patterns => Facet::Pattern,
    }
}

pub(crate) fn unknown(taxonomy: &Taxonomy, facet: Facet, value: &str) -> String {
    let ids = taxonomy.ids(facet);
    let near: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| id.eq_ignore_ascii_case(value) || close(id, value))
        .collect();
    let suggestion = match near.first() {
        Some(n) => format!("; did you mean `{n}`?"),
        None if ids.len() <= 13 => format!("; known: {}", ids.join(", ")),
        None => "; see content/taxonomy.yaml (add it there if it is new)".to_string(),
    };
    format!("unknown {} id `{value}`{suggestion}", facet.noun())
}

/// One edit apart (substitution, insertion or deletion), ignoring case.
pub(crate) fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (
        a.to_lowercase().chars().collect(),
        b.to_lowercase().chars().collect(),
    );
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || long.len() < 3 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        assert!(close("G-LIN", "G-LIM"));
        assert!(close("github", "githb"));
        assert!(!close("M1", "M2x"));
    }
}
