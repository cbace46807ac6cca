//! An entry's body, rendered from Markdown in Rust, its Mermaid diagrams drawn
//! in the current theme (again when it changes).

use std::collections::BTreeMap;

use atlas_core::markdown::{self, Links, Rendered};

use crate::interop::{DiagramOptions, PlaneInfo};
use leptos::html::Div;
use leptos::prelude::*;

use crate::state::{Atlas, Theme};

#[component]
pub fn MarkdownView(
    body: String,
    entry_id: String,
    node_links: BTreeMap<String, String>,
) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let theme = expect_context::<Theme>();
    let page = atlas.paths.entry(&entry_id);
    let planes = atlas.index.taxonomy.plane_colours();
    let doc = {
        let entry = |id: &str| atlas.paths.entry(id);
        markdown::render(
            &body,
            &Links {
                page: &page,
                entry: &entry,
                nodes: &node_links,
                planes: &planes,
            },
        )
    };

    let container = NodeRef::<Div>::new();
    let plane_info: Vec<(String, String, String)> = atlas
        .index
        .taxonomy
        .planes
        .iter()
        .map(|p| (p.id.clone(), p.name.clone(), p.colour.clone()))
        .collect();
    Effect::new(move |_| {
        let dark = theme.dark.get();
        if let Some(el) = container.get() {
            let opts = DiagramOptions {
                mermaid_url: atlas.mermaid_url(),
                panzoom_url: atlas.paths.asset("vendor/panzoom/panzoom.es.js"),
                dark,
                planes: plane_info
                    .iter()
                    .map(|(id, name, colour)| PlaneInfo {
                        id: id.clone(),
                        name: name.clone(),
                        colour: colour.clone(),
                    })
                    .collect(),
                file_stem: entry_id.clone(),
            };
            crate::interop::setup_diagrams(&el, &opts);
            crate::interop::add_copy_buttons(&el);
        }
    });

    view! {
        <div class="entry-body">
            <Toc doc=doc.clone() page=page.clone() />
            <div class="prose" node_ref=container inner_html=doc.html></div>
        </div>
    }
}

#[component]
fn Toc(doc: Rendered, page: String) -> impl IntoView {
    (doc.toc.len() > 1).then(|| {
        view! {
            <nav class="toc" aria-label="On this page">
                <p class="toc-title">"On this page"</p>
                <ol>
                    {doc.toc
                        .into_iter()
                        .map(|item| {
                            let class = if item.level > 2 { "toc-sub" } else { "" };
                            view! { <li class=class><a href=format!("{page}#{}", item.anchor)>{item.text}</a></li> }
                        })
                        .collect_view()}
                </ol>
            </nav>
        }
    })
}
