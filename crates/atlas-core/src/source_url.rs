//! What a source's link says about how it can be checked later.

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
