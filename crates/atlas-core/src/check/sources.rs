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

/// The branch a GitHub file link follows (`main` in
/// `https://github.com/o/r/blob/main/docs/x.md`), if it follows one: what it
/// shows changes after the claim that cites it was checked. Tags and commits
/// stay put and pass.
pub fn moving_ref(url: &str) -> Option<&str> {
    const BRANCHES: [&str; 7] = [
        "main", "master", "trunk", "develop", "HEAD", "gh-pages", "unstable",
    ];
    let rest = url
        .strip_prefix("https://github.com/")
        .map(|r| {
            let mut parts = r.splitn(4, '/');
            let (_, _, kind) = (parts.next(), parts.next(), parts.next());
            kind.filter(|k| ["blob", "tree", "raw", "edit"].contains(k))
                .and(parts.next())
        })
        .or_else(|| {
            url.strip_prefix("https://raw.githubusercontent.com/")
                .map(|r| r.splitn(3, '/').nth(2))
        })??;
    let reference = rest.split('/').next()?;
    BRANCHES.contains(&reference).then_some(reference)
}

#[cfg(test)]
mod tests {
    use super::moving_ref;

    #[test]
    fn branch_links_move_commits_and_tags_do_not() {
        assert_eq!(
            moving_ref("https://github.com/apache/kafka/blob/trunk/docs/ops.html"),
            Some("trunk")
        );
        assert_eq!(
            moving_ref("https://raw.githubusercontent.com/redis/redis/unstable/redis.conf"),
            Some("unstable")
        );
        assert_eq!(
            moving_ref("https://github.com/etcd-io/etcd/tree/main/"),
            Some("main")
        );
        for fixed in [
            "https://github.com/apache/kafka/blob/1eb7644349cb07139d6a3c1ad1986979647cac99/docs/ops.html",
            "https://github.com/postgres/postgres/blob/REL_16_2/src/backend/tcop/postgres.c",
            "https://github.com/apache/kafka",
            "https://github.com/apache/kafka/pull/123",
            "https://example.org/blob/main/x",
        ] {
            assert_eq!(moving_ref(fixed), None, "{fixed}");
        }
    }
}
