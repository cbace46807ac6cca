use atlas_core::{EntryDetail, EntryMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::chips::{CompanyChips, ConceptChips, PlaneChips};
use crate::components::markdown_view::MarkdownView;
use crate::routes::not_found::NotFound;
use crate::state::Atlas;

#[component]
pub fn EntryPage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        match atlas.index.entry(&id) {
            Some(meta) => view! { <Entry meta=meta.clone() /> }.into_any(),
            None => view! { <NotFound message=format!("The atlas has no entry “{id}”. It may have been renamed; try the home page.") /> }.into_any(),
        }
    }
}

#[component]
fn Entry(meta: EntryMeta) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title(&format!("{} · Atlas", meta.title));
    let taxonomy = &atlas.index.taxonomy;
    let (category_name, view_name) = meta.category_and_view(taxonomy);
    let tagged: Vec<_> = meta
        .concept
        .as_deref()
        .map(|c| {
            atlas
                .index
                .tagged_with(c)
                .into_iter()
                .map(|(cat, list)| {
                    (
                        cat.name.clone(),
                        list.into_iter()
                            .map(|e| (atlas.paths.entry(&e.id), e.title.clone()))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let concept_label = meta.concept.clone().unwrap_or_default();
    let detail = {
        let (entries, paths, meta) = (atlas.entries, atlas.paths.clone(), meta.clone());
        LocalResource::new(move || {
            let (paths, meta) = (paths.clone(), meta.clone());
            async move { entries.detail(&paths, &meta).await }
        })
    };
    let entry_id = meta.id.clone();

    view! {
        <article class="entry" data-entry=meta.id.clone()>
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href=atlas.paths.home()>"Atlas"</a>" / "
                <a href=atlas.paths.category(&meta.category)>{category_name}</a>
            </nav>
            <header class="entry-head">
                <h1>{meta.title.clone()}</h1>
                {meta.first_check.clone().map(|c| view! { <p class="first-check"><strong>"Check first: "</strong>{c}</p> })}
                <p class="summary">{meta.summary.clone()}</p>
                <p class="entry-facts">
                    {meta.date.clone().map(|d| view! { <span class="date">{d}</span> })}
                    {view_name.map(|v| view! { <span class="chip view">{format!("View: {v}")}</span> })}
                    <CompanyChips companies=meta.companies.clone() />
                    <PlaneChips planes=meta.planes.clone() />
                    <ConceptChips meta=meta.clone() />
                    <span class="confidence" title=meta.confidence.describe()>{format!("Confidence {:?}", meta.confidence)}</span>
                    <button type="button" class="print" on:click=|_| crate::interop::print_page()>"Print"</button>
                </p>
            </header>
            {move || match detail.get() {
                None => view! { <p class="loading" aria-live="polite">"Loading the entry…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <section class="problem" role="alert">
                        <p>{format!("The text of this entry did not load: {e}.")}</p>
                    </section>
                }.into_any(),
                Some(Ok(d)) => view! { <Detail detail=(*d).clone() entry_id=entry_id.clone() /> }.into_any(),
            }}
            {(!tagged.is_empty()).then(|| view! {
                <section class="tagged" aria-labelledby="tagged-h">
                    <h2 id="tagged-h">{format!("Entries tagged {concept_label}")}</h2>
                    {tagged.into_iter().map(|(cat, list)| view! {
                        <h3>{cat}</h3>
                        <ul>{list.into_iter().map(|(href, title)| view! { <li><a href=href>{title}</a></li> }).collect_view()}</ul>
                    }).collect_view()}
                </section>
            })}
        </article>
    }
}

#[component]
fn Detail(detail: EntryDetail, entry_id: String) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let EntryDetail {
        technologies,
        related,
        backlinks,
        path,
        symptoms,
        sources,
        links,
        body,
        model,
        compare,
    } = detail;
    let link_list = |ids: &[String]| {
        ids.iter()
            .filter_map(|id| atlas.index.entry(id))
            .map(|e| view! { <li><a href=atlas.paths.entry(&e.id)>{e.title.clone()}</a></li> })
            .collect_view()
    };
    let related_view = (!related.is_empty()).then(|| {
        let list = link_list(&related);
        view! { <section class="related"><h2>"Related"</h2><ul>{list}</ul></section> }
    });
    let backlinks_view = (!backlinks.is_empty()).then(|| {
        let list = link_list(&backlinks);
        view! { <section class="backlinks"><h2>"Linked from"</h2><ul>{list}</ul></section> }
    });
    view! {
        {(!technologies.is_empty()).then(|| view! {
            <p class="technologies"><span class="label">"Technologies: "</span>{technologies.join(" · ")}</p>
        })}
        {(!symptoms.is_empty()).then(|| view! {
            <section class="symptoms" aria-labelledby="symptoms-h">
                <h2 id="symptoms-h">"Symptoms this entry covers"</h2>
                <ul>{symptoms.into_iter().map(|s| view! { <li><code>{s}</code></li> }).collect_view()}</ul>
            </section>
        })}
        {model.map(|spec| view! { <crate::components::model_view::ModelView spec=spec sources=sources.clone() entry_id=entry_id.clone() /> })}
        {compare.map(|spec| {
            let table = atlas_core::compare::table_html(&spec, &|t| atlas.index.taxonomy.technology_name(t));
            view! {
                <section class="comparison" aria-labelledby="compare-h">
                    <h2 id="compare-h">"Side by side"</h2>
                    <div inner_html=table></div>
                </section>
            }
        })}
        <MarkdownView body=body entry_id=entry_id node_links=links />
        <section class="sources" aria-labelledby="sources-h">
            <h2 id="sources-h">"Sources"</h2>
            <ol>
                {sources.into_iter().enumerate().map(|(n, s)| view! {
                    <li id=format!("source-{}", n + 1)>
                        <a href=s.url rel="noopener noreferrer">{s.title}</a>
                        {s.publisher.map(|p| format!(" · {p}"))}
                        {s.date.map(|d| format!(" · {d}"))}
                        {s.read.map(|d| format!(" · read {d}"))}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        {related_view}
        {backlinks_view}
        <p class="edit">{format!("Source file: {path}")}</p>
    }
}
