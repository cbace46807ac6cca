//! The explorer's state in the URL query string, so a filtered view can be
//! bookmarked, shared and embedded:
//!
//! `?q=replica+lag&category=incident,debugging&plane=state&year=2021`
//!
//! Parsing never fails: whatever cannot be understood is dropped and reported
//! as a notice the page shows.

use crate::facets::{is_known, FacetKind, Selection};
use crate::model::Index;

/// Query keys that belong to the page, not to the explorer state.
pub const PAGE_KEYS: [&str; 1] = ["alert"];

/// Longest query kept; anything longer is a paste accident.
pub const MAX_QUERY: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExploreState {
    pub query: String,
    pub selection: Selection,
}

impl ExploreState {
    /// The 3 AM mode's view: only the categories taxonomy.yaml marks
    /// `first_aid`, whatever the address asked for (the page, `atlas
    /// first-aid` and the tests share it).
    pub fn only_first_aid(&mut self, taxonomy: &crate::Taxonomy) {
        self.selection = Default::default();
        for c in taxonomy.first_aid_categories() {
            self.selection.insert(FacetKind::Category, &c.id);
        }
    }

    /// Parses a query string (with or without the leading `?`). Returns the
    /// state and one notice per thing ignored.
    pub fn parse(query_string: &str, index: &Index) -> (ExploreState, Vec<String>) {
        let qs = query_string.strip_prefix('?').unwrap_or(query_string);
        let mut state = ExploreState::default();
        let mut notices = Vec::new();
        for (key, value) in form_urlencoded::parse(qs.as_bytes()) {
            if key == "q" {
                let mut q: String = value.chars().filter(|c| !c.is_control()).collect();
                if q.chars().count() > MAX_QUERY {
                    q = q.chars().take(MAX_QUERY).collect();
                    notices.push(format!(
                        "The search text was cut to {MAX_QUERY} characters."
                    ));
                }
                state.query = q;
                continue;
            }
            let Some(kind) = FacetKind::from_key(&key) else {
                // Keys a page reads for itself (the 3 AM page's `alert`).
                if !key.is_empty() && !PAGE_KEYS.contains(&key.as_ref()) {
                    notices.push(format!(
                        "Ignored the unknown parameter “{}”.",
                        shorten(&key)
                    ));
                }
                continue;
            };
            for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                if is_known(index, kind, v) {
                    state.selection.insert(kind, v);
                } else {
                    notices.push(format!(
                        "Ignored “{}”: not a known {}.",
                        shorten(v),
                        kind.title().to_lowercase()
                    ));
                }
            }
        }
        (state, notices)
    }

    /// The query string for this state, without `?`; empty for the default.
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.query.is_empty() {
            out.append_pair("q", &self.query);
        }
        for (kind, values) in self.selection.iter() {
            let joined: Vec<&str> = values.iter().map(String::as_str).collect();
            out.append_pair(kind.key(), &joined.join(","));
        }
        out.finish()
    }
}

/// A comma-separated list held in one query parameter (`ids=a,b`), its
/// items trimmed and blanks dropped.
pub fn comma_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The query string (without `?`) for a list in parameter `key`; empty
/// for an empty list.
pub fn list_query(key: &str, items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    form_urlencoded::Serializer::new(String::new())
        .append_pair(key, &items.join(","))
        .finish()
}

/// A query with one list parameter set to `items` (removed when empty),
/// every other parameter kept in its place: ticking a constraint on the
/// decision page keeps the chosen guarantees.
pub fn set_list(pairs: &[(&str, &str)], key: &str, items: &[String]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    let mut placed = false;
    for (k, v) in pairs {
        if *k == key {
            if !placed && !items.is_empty() {
                q.append_pair(key, &items.join(","));
            }
            placed = true;
        } else {
            q.append_pair(k, v);
        }
    }
    if !placed && !items.is_empty() {
        q.append_pair(key, &items.join(","));
    }
    q.finish()
}

/// Echo at most 40 characters of user input back in a notice.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_through_a_parameter() {
        assert_eq!(comma_list(" G-LIN, ,G-DUR "), ["G-LIN", "G-DUR"]);
        assert_eq!(
            list_query("g", &["G-LIN".into(), "G-DUR".into()]),
            "g=G-LIN%2CG-DUR"
        );
        assert_eq!(list_query("g", &[]), "");
    }

    #[test]
    fn one_list_changes_and_the_others_stay() {
        let pairs = [("g", "G-LIN,G-DUR"), ("c", "managed")];
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            set_list(&pairs, "c", &items(&["managed", "multi-region"])),
            "g=G-LIN%2CG-DUR&c=managed%2Cmulti-region"
        );
        assert_eq!(set_list(&pairs, "c", &[]), "g=G-LIN%2CG-DUR");
        assert_eq!(
            set_list(&pairs[..1], "c", &items(&["managed"])),
            "g=G-LIN%2CG-DUR&c=managed"
        );
        assert_eq!(set_list(&[], "g", &items(&["G-LIN"])), "g=G-LIN");
    }
}
