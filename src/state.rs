//! What every page reads: the compiled index, the site's paths, the theme.

use std::sync::Arc;

use atlas_core::{Index, SitePaths};
use leptos::prelude::*;

#[derive(Clone)]
pub struct Atlas {
    pub index: Arc<Index>,
    pub paths: SitePaths,
}

impl Atlas {
    /// URL of the Mermaid ES module, copied into the site at build time.
    pub fn mermaid_url(&self) -> String {
        self.paths.asset("vendor/mermaid/mermaid.esm.min.mjs")
    }
}

/// Light or dark; follows the OS until the reader toggles it.
#[derive(Clone, Copy)]
pub struct Theme {
    pub dark: RwSignal<bool>,
}

impl Theme {
    pub fn init() -> Self {
        let dark = RwSignal::new(crate::interop::initial_theme_is_dark());
        crate::interop::apply_theme(dark.get_untracked(), false);
        crate::interop::on_system_theme(move |is_dark| {
            dark.set(is_dark);
            crate::interop::apply_theme(is_dark, false);
        });
        Theme { dark }
    }

    pub fn toggle(&self) {
        let next = !self.dark.get_untracked();
        self.dark.set(next);
        crate::interop::apply_theme(next, true);
    }
}
