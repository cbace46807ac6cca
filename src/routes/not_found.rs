use leptos::prelude::*;

use crate::state::Atlas;

/// Shown for unknown routes, categories and entry ids: says what was not
/// found and offers the way back.
#[component]
pub fn NotFound(message: String) -> impl IntoView {
    let home = use_context::<Atlas>()
        .map(|a| a.paths.home())
        .unwrap_or_else(|| "/".into());
    crate::interop::set_title("Not found · Atlas");
    view! {
        <section class="not-found" role="alert">
            <h1>"Not found"</h1>
            <p>{message}</p>
            <p><a href=home>"Go to the atlas home page"</a></p>
        </section>
    }
}
