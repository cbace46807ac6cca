//! Embed mode, for iframes in wikis: one entry, one diagram, or one filtered
//! list, with no header or sidebars, a small "Open in Atlas" link, and the
//! content height reported to the parent page.
//!
//!   /embed/e/<id>               the entry
//!   /embed/e/<id>?diagram=<n>   its n-th diagram (1-based)
//!   /embed/explore?<state>      the list the explorer shows for <state>

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::explorer_state::{run_query, use_explorer};
use crate::components::markdown_view::MarkdownView;
use crate::components::results::result_views;
use crate::routes::not_found::NotFound;
use crate::state::Atlas;

#[component]
pub fn EmbedEntryPage() -> impl IntoView {
    crate::interop::start_embed();
    let atlas = expect_context::<Atlas>();
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        let Some(meta) = atlas.index.entry(&id).cloned() else {
            return view! { <NotFound message=format!("The atlas has no entry “{id}”.") /> }
                .into_any();
        };
        let diagram = query.read().get("diagram");
        let detail = {
            let (entries, paths, meta) = (atlas.entries, atlas.paths.clone(), meta.clone());
            LocalResource::new(move || {
                let (paths, meta) = (paths.clone(), meta.clone());
                async move { entries.detail(&paths, &meta).await }
            })
        };
        let href = atlas.paths.entry(&meta.id);
        let title = meta.title.clone();
        let entry_id = meta.id.clone();
        view! {
            <article class="embed" data-entry=meta.id.clone()>
                <h1 class="embed-title">{title}</h1>
                {move || match detail.get() {
                    None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="problem" role="alert">{format!("This entry did not load: {e}.")}</p> }.into_any(),
                    Some(Ok(d)) => match pick_body(&d.body, diagram.as_deref()) {
                        Ok(body) => view! { <MarkdownView body=body entry_id=entry_id.clone() node_links=d.links.clone() /> }.into_any(),
                        Err(msg) => view! { <p class="problem" role="alert">{msg}</p> }.into_any(),
                    },
                }}
                <OpenInAtlas href=href />
            </article>
        }
        .into_any()
    }
}

/// The whole body, or just its n-th diagram (1-based) as a body of its own.
fn pick_body(body: &str, diagram: Option<&str>) -> Result<String, String> {
    let Some(n) = diagram else {
        return Ok(body.to_string());
    };
    let diagrams = atlas_core::markdown::scan(body).diagrams;
    match n.parse::<usize>() {
        Ok(i) if (1..=diagrams.len()).contains(&i) => Ok(format!(
            "```mermaid\n{}\n```\n",
            diagrams[i - 1].1.trim_end()
        )),
        _ => Err(format!(
            "diagram={n} does not exist: this entry has diagrams 1 to {}.",
            diagrams.len()
        )),
    }
}

#[component]
pub fn EmbedExplorePage() -> impl IntoView {
    crate::interop::start_embed();
    let atlas = expect_context::<Atlas>();
    let ex = use_explorer(|_, _| {}, run_query);
    view! {
        {move || {
            let (state, notices) = ex.parsed.get();
            let (rows, total) = ex.outcome.with(|o| (ex.snippets.with(|sn| result_views(&atlas, o, sn, 50)), o.rows.len()));
            let href = atlas.paths.explore(&state.to_query());
            view! {
                <section class="embed embed-list">
                    <h1 class="visually-hidden">"Atlas entries"</h1>
                    {(!notices.is_empty()).then(|| view! { <p class="notice" role="status">{notices.join(" ")}</p> })}
                    <p class="result-count">{format!("{total} entries")}</p>
                    <ul class="embed-results">
                        {rows.into_iter().map(|r| view! {
                            <li>
                                <a href=r.href target="_blank" rel="noopener">{r.title}</a>
                                <span class="result-kind">{r.kind}{r.date.map(|d| format!(" · {d}"))}</span>
                                <p class="snippet">{r.summary}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                    <OpenInAtlas href=href />
                </section>
            }
        }}
    }
}

#[component]
pub fn OpenInAtlas(href: String) -> impl IntoView {
    view! { <p class="open-in-atlas"><a href=href target="_blank" rel="noopener">"Open in Atlas ↗"</a></p> }
}
