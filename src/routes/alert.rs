//! `/alert/<AlertName>`: where a firing alert's `runbook_url` points. One
//! guide lists the alert: open it. Several: a short chooser. None: the 3 AM
//! mode with the name filled in, saying plainly that no guide lists it.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::components::entry_list::EntryList;
use crate::state::Atlas;

#[component]
pub fn AlertPage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let params = use_params_map();
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let guides = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            name.with(|n| {
                atlas
                    .index
                    .entries_for_alert(n)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    // One guide: open it; none: the 3 AM mode. Replacing this address, so
    // Back returns to where the alert link was clicked.
    let target = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            guides.with(|g| match g.as_slice() {
                [only] => Some(atlas.paths.entry(&only.id)),
                [] => {
                    let query = form_urlencoded::Serializer::new(String::new())
                        .append_pair("q", &name.get())
                        .append_pair("alert", &name.get())
                        .finish();
                    Some(atlas.paths.first_aid(&query))
                }
                _ => None,
            })
        })
    };
    let navigate = use_navigate();
    let paths = atlas.paths.clone();
    Effect::new(move |_| {
        if let Some(href) = target.get() {
            navigate(
                paths.route(&href),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || {
        let list = guides.get();
        if list.len() < 2 {
            return view! { <p class="loading" aria-live="polite">"Opening the guide…"</p> }
                .into_any();
        }
        let name = name.get();
        crate::interop::set_title(&format!("{name} · Atlas"));
        let n = list.len();
        view! {
            <section class="alert-chooser">
                <h1>{format!("Alert {name}")}</h1>
                <p class="lede">{format!("{n} guides list this alert. Pick the one that matches what you see.")}</p>
                <EntryList entries=list />
            </section>
        }
        .into_any()
    }
}
