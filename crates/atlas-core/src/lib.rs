//! The Atlas's pure logic: the content model, the taxonomy, front matter,
//! validation and Markdown rendering. Nothing here knows about the browser, so
//! all of it is tested natively with `cargo test`.
//!
//! The build side (feature `loader`, on by default) reads `content/`, checks
//! every entry and compiles the [`Index`] the app ships with. The app depends on
//! this crate without `loader`: it only receives the compiled index.

pub mod commands;
pub mod compare;
pub mod decide;
pub mod diagram;
pub mod explore;
pub mod facets;
pub mod first_aid;
pub mod incident_stats;
pub mod markdown;
pub mod model;
pub mod model_calc;
pub mod paths;
pub mod runbook;
pub mod search;
pub mod source_url;
pub mod stats;
pub mod taxonomy;
pub mod text;
pub mod units;
pub mod url_state;
pub mod utc;

#[cfg(feature = "loader")]
pub mod check;
#[cfg(feature = "loader")]
pub mod corpus;
#[cfg(feature = "loader")]
pub mod frontmatter;
#[cfg(feature = "loader")]
pub mod problem;
#[cfg(feature = "loader")]
pub mod rules;

pub use model::{Confidence, EntryDetail, EntryMeta, Index, Source};
pub use paths::SitePaths;
pub use source_url::moving_ref;
pub use taxonomy::Taxonomy;
