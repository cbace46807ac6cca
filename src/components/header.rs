use leptos::prelude::*;

use atlas_core::SitePaths;

use crate::state::Theme;

#[component]
pub fn Header(home: String) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let paths = SitePaths::new(&home);
    let label = move || {
        if theme.dark.get() {
            "Light theme"
        } else {
            "Dark theme"
        }
    };
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href=home>
                <span class="brand-mark" aria-hidden="true"></span>
                "Atlas"
                <span class="brand-sub">"of production distributed systems"</span>
            </a>
            <nav class="site-nav" aria-label="Main">
                <a href=paths.explore("")>"Explore "<kbd>"/"</kbd></a>
                <a class="first-aid-link" href=paths.first_aid("")>"3 AM "<kbd>"!"</kbd></a>
            </nav>
            <button class="theme-toggle" type="button" on:click=move |_| theme.toggle() aria-label=label title=label>
                {move || if theme.dark.get() { "☀" } else { "☾" }}
            </button>
        </header>
    }
}
