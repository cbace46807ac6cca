//! Sources: at least one, each with a title and a public http(s) link.

use super::fields::check_date;
use super::Ctx;
use crate::frontmatter::FrontMatter;
use crate::model::Source;
use crate::rules::Rule;

pub(crate) fn check(ctx: &mut Ctx<'_>, fm: &FrontMatter) -> Vec<Source> {
    if fm.sources.is_empty() {
        ctx.report(
            Rule::Sources,
            ctx.line("sources", None),
            "no sources: list at least one, the primary source first, each with `title` and `url`",
        );
    }
    let mut out = Vec::with_capacity(fm.sources.len());
    for (i, s) in fm.sources.iter().enumerate() {
        let at = ctx.item_line("sources", i);
        let n = i + 1;
        match &s.url {
            None => ctx.report(
                Rule::Sources,
                at,
                format!("source {n} has no `url`; every source needs a public link"),
            ),
            Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => ctx.report(
                Rule::Sources,
                at,
                format!("source {n} has url `{u}`; it must start with https:// or http://"),
            ),
            Some(_) => {}
        }
        if s.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            ctx.report(Rule::Sources, at, format!("source {n} has no `title`"));
        }
        if let Some(d) = &s.date {
            if let Err(why) = check_date(d, true) {
                ctx.report(
                    Rule::Sources,
                    at,
                    format!("source {n} has date `{d}`, which {why}"),
                );
            }
        }
        out.push(Source {
            title: s.title.clone().unwrap_or_default(),
            url: s.url.clone().unwrap_or_default(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
        });
    }
    out
}
