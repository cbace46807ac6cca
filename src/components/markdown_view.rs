//! An entry's body: fetched as a static file, rendered from Markdown in Rust,
//! its Mermaid diagrams drawn in the current theme (again when it changes).

use atlas_core::markdown::{self, Links, Rendered};
use atlas_core::EntryMeta;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::{Atlas, Theme};

#[component]
pub fn MarkdownView(meta: EntryMeta) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let theme = expect_context::<Theme>();
    let body_url = atlas.paths.asset(&meta.body);
    let body = LocalResource::new(move || {
        let url = body_url.clone();
        async move { crate::interop::fetch_text(&url).await }
    });
    let page = atlas.paths.entry(&meta.id);
    let toc_page = page.clone();
    let paths = atlas.paths.clone();
    let rendered = Memo::new(move |_| {
        body.get().map(|r| {
            r.map(|md| {
                let entry = |id: &str| paths.entry(id);
                RenderedHtml(markdown::render(
                    &md,
                    &Links {
                        page: &page,
                        entry: &entry,
                    },
                ))
            })
        })
    });

    let container = NodeRef::<Div>::new();
    let mermaid_url = atlas.mermaid_url();
    Effect::new(move |_| {
        let dark = theme.dark.get();
        let ready = rendered.with(|r| matches!(r, Some(Ok(_))));
        if let (true, Some(el)) = (ready, container.get()) {
            spawn_local(crate::interop::render_diagrams(
                el.into(),
                mermaid_url.clone(),
                dark,
            ));
        }
    });

    view! {
        {move || rendered.with(|r| match r {
            None => view! { <p class="loading" aria-live="polite">"Loading the entry…"</p> }.into_any(),
            Some(Err(e)) => view! {
                <section class="problem" role="alert">
                    <p>{format!("The text of this entry did not load: {e}.")}</p>
                </section>
            }.into_any(),
            Some(Ok(RenderedHtml(doc))) => view! {
                <div class="entry-body">
                    <Toc doc=doc.clone() page=toc_page.clone() />
                    <div class="prose" node_ref=container inner_html=doc.html.clone()></div>
                </div>
            }.into_any(),
        })}
    }
}

/// Rendered output, compared by HTML so the memo only fires on real changes.
#[derive(Clone)]
struct RenderedHtml(Rendered);

impl PartialEq for RenderedHtml {
    fn eq(&self, other: &Self) -> bool {
        self.0.html == other.0.html
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
