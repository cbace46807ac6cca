//! The app's URLs, under any base path (a GitHub Pages project site lives
//! under `/<repo>/`). One place builds them so links and routes agree.

/// URL builder for a site served under `base` ("" for the host root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePaths {
    base: String,
}

impl SitePaths {
    /// `base_href` is the document's base path, e.g. `/atlas/` or `/`.
    pub fn new(base_href: &str) -> Self {
        let trimmed = base_href.trim().trim_end_matches('/');
        let base = if trimmed.is_empty() {
            String::new()
        } else if trimmed.starts_with('/') {
            trimmed.to_string()
        } else {
            format!("/{trimmed}")
        };
        SitePaths { base }
    }

    /// The router's base: "" or "/atlas".
    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn home(&self) -> String {
        format!("{}/", self.base)
    }

    pub fn category(&self, id: &str) -> String {
        format!("{}/c/{}", self.base, encode(id))
    }

    pub fn entry(&self, id: &str) -> String {
        format!("{}/e/{}", self.base, encode(id))
    }

    /// The address a firing alert links to (`runbook_url`).
    pub fn alert(&self, name: &str) -> String {
        format!("{}/alert/{}", self.base, encode(name))
    }

    /// The explorer with a query string (from `ExploreState::to_query`).
    pub fn explore(&self, query: &str) -> String {
        with_query(format!("{}/explore", self.base), query)
    }

    /// The 3 AM page, optionally with a search.
    pub fn first_aid(&self, query: &str) -> String {
        with_query(format!("{}/3am", self.base), query)
    }

    /// A site path without the base, as the router's `navigate` wants it.
    pub fn route<'a>(&self, href: &'a str) -> &'a str {
        match href.strip_prefix(self.base.as_str()) {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => href,
        }
    }

    /// A static file of the site, e.g. `index.json` or an entry body.
    pub fn asset(&self, path: &str) -> String {
        format!("{}/{}", self.base, path.trim_start_matches('/'))
    }
}

fn with_query(path: String, query: &str) -> String {
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// Percent-encodes what may not appear in a path segment. Ids are kebab-case,
/// but route parameters come from the address bar and may be anything.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_sub_path() {
        let root = SitePaths::new("/");
        assert_eq!(root.home(), "/");
        assert_eq!(root.entry("m6-quorum"), "/e/m6-quorum");
        let sub = SitePaths::new("/atlas/");
        assert_eq!(sub.base(), "/atlas");
        assert_eq!(sub.home(), "/atlas/");
        assert_eq!(sub.category("incident"), "/atlas/c/incident");
        assert_eq!(sub.asset("index.json"), "/atlas/index.json");
        assert_eq!(SitePaths::new("atlas").base(), "/atlas");
    }

    #[test]
    fn routes_drop_the_base() {
        let sub = SitePaths::new("/atlas/");
        assert_eq!(sub.route(&sub.entry("x")), "/e/x");
        assert_eq!(sub.route(&sub.home()), "/");
        assert_eq!(sub.route(&sub.explore("q=a")), "/explore?q=a");
        assert_eq!(SitePaths::new("/").route("/e/x"), "/e/x");
        assert_eq!(sub.route("/atlasx/e"), "/atlasx/e");
    }

    #[test]
    fn odd_ids_are_encoded() {
        assert_eq!(SitePaths::new("").entry("a b/<x>"), "/e/a%20b%2F%3Cx%3E");
    }
}
