//! Sources: at least one, each with a title and a public http(s) link.

use super::fields::check_date;
use super::Ctx;
use crate::frontmatter::FrontMatter;
use crate::model::Source;
use crate::rules::Rule;
use crate::source_url::moving_ref;

pub(crate) fn check(
    ctx: &mut Ctx<'_>,
    fm: &FrontMatter,
    category: Option<&crate::taxonomy::Category>,
) -> Vec<Source> {
    let dated = category.is_some_and(|c| c.dated_sources);
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
            Some(u) => {
                if let Some(branch) = moving_ref(u) {
                    ctx.report(
                        Rule::Sources,
                        at,
                        format!("source {n} links `{branch}` of a GitHub repository, which moves on: cite the commit you read (…/blob/<commit>/<path>)"),
                    );
                }
            }
        }
        if s.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            ctx.report(Rule::Sources, at, format!("source {n} has no `title`"));
        }
        for (field, value) in [("date", &s.date), ("read", &s.read)] {
            if let Some(d) = value {
                if let Err(why) = check_date(d, true) {
                    ctx.report(
                        Rule::Sources,
                        at,
                        format!("source {n} has {field} `{d}`, which {why}"),
                    );
                }
            }
        }
        if dated && s.date.is_none() && s.read.is_none() {
            ctx.report(
                Rule::Sources,
                at,
                format!("source {n} has neither `date` (when it was published) nor `read` (the day you read it): prices and bills change, so say when this one held"),
            );
        }
        out.push(Source {
            title: s.title.clone().unwrap_or_default(),
            url: s.url.clone().unwrap_or_default(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
            read: s.read.clone(),
        });
    }
    out
}
