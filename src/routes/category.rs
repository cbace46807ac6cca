use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::entry_list::EntryList;
use crate::routes::not_found::NotFound;
use crate::state::Atlas;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let params = use_params_map();
    move || {
        let id = params.read().get("category").unwrap_or_default();
        let Some(category) = atlas.index.taxonomy.category(&id).cloned() else {
            return view! { <NotFound message=format!("The atlas has no category “{id}”.") /> }
                .into_any();
        };
        crate::interop::set_title(&format!("{} · Atlas", category.name));
        let entries: Vec<_> = atlas.index.in_category(&category.id).cloned().collect();
        let count = entries.len();
        view! {
            <nav class="crumbs" aria-label="Breadcrumb"><a href=atlas.paths.home()>"Atlas"</a>" / "</nav>
            <h1>{category.name.clone()}</h1>
            <p class="category-about">
                {format!("{count} of {} planned. ", category.target)}
                {category.requires.clone().map(|r| format!("Each carries: {r}."))}
            </p>
            {if count == 0 {
                view! { <p class="empty">"No entries yet. See CONTRIBUTING.md to write the first."</p> }.into_any()
            } else {
                view! { <EntryList entries=entries /> }.into_any()
            }}
        }
        .into_any()
    }
}
