//! An entry's body, rendered from Markdown in Rust, its Mermaid diagrams drawn
//! in the current theme (again when it changes).

use atlas_core::markdown::{self, Links, Rendered};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::{Atlas, Theme};

#[component]
pub fn MarkdownView(body: String, entry_id: String) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let theme = expect_context::<Theme>();
    let page = atlas.paths.entry(&entry_id);
    let doc = {
        let entry = |id: &str| atlas.paths.entry(id);
        markdown::render(
            &body,
            &Links {
                page: &page,
                entry: &entry,
            },
        )
    };

    let container = NodeRef::<Div>::new();
    let mermaid_url = atlas.mermaid_url();
    Effect::new(move |_| {
        let dark = theme.dark.get();
        if let Some(el) = container.get() {
            spawn_local(crate::interop::render_diagrams(
                el.into(),
                mermaid_url.clone(),
                dark,
            ));
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
