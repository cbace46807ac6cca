use atlas_core::SitePaths;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::state::{Theme, UpdateReady};

/// Site header with navigation and the theme toggle; absent in embed mode.
/// The "new version" banner shows on every page, embedded or not.
#[component]
pub fn Header(home: String) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let update = expect_context::<UpdateReady>();
    let paths = SitePaths::new(&home);
    let location = use_location();
    let embedded = {
        let paths = paths.clone();
        move || paths.route(&location.pathname.get()).starts_with("/embed/")
    };
    let label = move || {
        if theme.dark.get() {
            "Light theme"
        } else {
            "Dark theme"
        }
    };
    let (explore, first_aid) = (paths.explore(""), paths.first_aid(""));
    view! {
        <Show when=move || update.0.get()>
            <div class="update-banner" role="status">
                "New version available — "
                <button type="button" on:click=move |_| crate::interop::apply_update()>"reload"</button>
            </div>
        </Show>
        <Show when=move || !embedded()>
            <a class="skip" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="brand" href=home.clone()>
                    <span class="brand-mark" aria-hidden="true"></span>
                    "Atlas"
                    <span class="brand-sub">"of production distributed systems"</span>
                </a>
                <nav class="site-nav" aria-label="Main">
                    <a href=explore.clone()>"Explore "<kbd>"/"</kbd></a>
                    <a class="first-aid-link" href=first_aid.clone()>"3 AM "<kbd>"!"</kbd></a>
                </nav>
                <button class="theme-toggle" type="button" on:click=move |_| theme.toggle() aria-label=label title=label>
                    {move || if theme.dark.get() { "☀" } else { "☾" }}
                </button>
            </header>
        </Show>
    }
}
