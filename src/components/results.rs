//! The search box and result list shared by the explorer and the 3 AM page:
//! type to search, arrow keys move through results, Enter opens, Escape clears.

use atlas_core::search::Piece;
use leptos::html::Input;
use leptos::prelude::*;

use crate::state::FocusSearch;

/// One result as the list shows it. Equal views render the same row, so
/// the list is keyed on the view itself: a keystroke redraws only the rows
/// that changed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ResultView {
    pub id: String,
    pub href: String,
    pub title: String,
    pub kind: String,
    /// The category id, for ordering.
    pub category: String,
    pub date: Option<String>,
    pub summary: String,
    pub snippet: Option<Vec<Piece>>,
    pub first_check: Option<String>,
    /// A guide's first command, to copy from the result itself.
    pub first_move: Option<String>,
    /// What its output can show, and where each outcome leads:
    /// (outcome, href, link text).
    pub outcomes: Vec<(String, String, String)>,
}

#[component]
pub fn SearchBox(
    /// Current query (from the URL).
    value: Signal<String>,
    label: &'static str,
    placeholder: &'static str,
    on_change: Callback<String>,
    results: Signal<Vec<ResultView>>,
    active: RwSignal<Option<usize>>,
    on_open: Callback<String>,
) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let focus = expect_context::<FocusSearch>();
    // Focus on arrival and whenever `/` or `!` asks.
    Effect::new(move |_| {
        focus.0.track();
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = results.with_untracked(|r| r.len());
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1).min(n - 1))));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = a.and_then(|i| i.checked_sub(1)));
            }
            "Enter" => {
                let pick = active.get_untracked().unwrap_or(0);
                if let Some(r) = results.with_untracked(|r| r.get(pick).cloned()) {
                    ev.prevent_default();
                    on_open.run(r.id);
                }
            }
            "Escape" => {
                ev.prevent_default();
                active.set(None);
                on_change.run(String::new());
            }
            _ => {}
        }
    };
    view! {
        <div class="search-box" role="search">
            <label for="search-input" class="visually-hidden">{label}</label>
            <input
                id="search-input"
                type="search"
                node_ref=input
                placeholder=placeholder
                autocomplete="off"
                spellcheck="false"
                aria-controls="results"
                aria-activedescendant=move || active.get().map(|i| format!("result-{i}"))
                prop:value=move || value.get()
                on:input=move |ev| {
                    active.set(None);
                    on_change.run(event_target_value(&ev));
                }
                on:keydown=on_key
            />
            <kbd class="hint" aria-hidden="true">"/"</kbd>
        </div>
    }
}

#[component]
pub fn ResultList(
    results: Signal<Vec<ResultView>>,
    active: RwSignal<Option<usize>>,
    total: Signal<usize>,
) -> impl IntoView {
    view! {
        <p class="result-count" aria-live="polite">
            {move || match total.get() {
                0 => "No entries match.".to_string(),
                1 => "1 entry".to_string(),
                n if n > results.with(|r| r.len()) => format!("{n} entries, the first {} shown", results.with(|r| r.len())),
                n => format!("{n} entries"),
            }}
        </p>
        // A plain list of real links (Tab reaches them; arrows and Enter work
        // from the search box): an ARIA listbox may not hold links.
        <ol id="results" class="results" aria-label="Results">
            <For
                each=move || results.get().into_iter().enumerate()
                key=|(i, r)| (*i, r.clone())
                children=move |(i, r)| {
                    let is_active = move || active.get() == Some(i);
                    view! {
                        <li id=format!("result-{i}") class="result" class:active=is_active aria-current=move || is_active().then_some("true")>
                            <a class="result-title" href=r.href.clone()>{r.title.clone()}</a>
                            <span class="result-kind">{r.kind.clone()}{r.date.clone().map(|d| format!(" · {d}"))}</span>
                            {r.first_check.clone().map(|c| view! { <p class="first-check"><strong>"Check first: "</strong>{c}</p> })}
                            {r.first_move.clone().map(|cmd| {
                                let text = cmd.clone();
                                view! {
                                    <div class="first-move code-block">
                                        <pre><code>{cmd}</code></pre>
                                        <button type="button" class="copy-code" aria-label="Copy the first command"
                                            on:click=move |ev| {
                                                if let Some(b) = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
                                                    crate::interop::copy_with_button(&b, &text);
                                                }
                                            }>"Copy"</button>
                                    </div>
                                }
                            })}
                            {(!r.outcomes.is_empty()).then(|| view! {
                                <ul class="first-move-outcomes" aria-label="What the output means">
                                    {r.outcomes.clone().into_iter().map(|(when, href, label)| view! {
                                        <li>{when}" → "<a href=href>{label}</a></li>
                                    }).collect_view()}
                                </ul>
                            })}
                            {match r.snippet.clone() {
                                Some(pieces) => view! { <p class="snippet">{render_pieces(pieces)}</p> }.into_any(),
                                None => view! { <p class="snippet">{r.summary.clone()}</p> }.into_any(),
                            }}
                        </li>
                    }
                }
            />
        </ol>
    }
}

fn render_pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| {
            if p.hit {
                view! { <mark>{p.text}</mark> }.into_any()
            } else {
                p.text.into_any()
            }
        })
        .collect_view()
}

/// Result views for the first `limit` rows of an explorer outcome.
pub fn result_views(
    atlas: &crate::state::Atlas,
    outcome: &atlas_core::explore::Outcome,
    snippets: &atlas_core::explore::Snippets,
    limit: usize,
) -> Vec<ResultView> {
    use atlas_core::taxonomy::Facet;
    outcome
        .rows
        .iter()
        .take(limit)
        .enumerate()
        .map(|(n, row)| {
            let e = &atlas.index.entries[row.entry];
            ResultView {
                id: e.id.clone(),
                href: atlas.paths.entry(&e.id),
                title: e.title.clone(),
                kind: atlas
                    .index
                    .taxonomy
                    .label(Facet::Category, &e.category)
                    .unwrap_or_else(|| e.category.clone()),
                category: e.category.clone(),
                date: e.date.clone(),
                summary: e.summary.clone(),
                snippet: snippets.rows.get(n).cloned().flatten(),
                first_check: e.first_check.clone(),
                first_move: e.first_move.as_ref().map(|m| m.command.clone()),
                outcomes: e
                    .first_move
                    .iter()
                    .flat_map(|m| m.branches.iter())
                    .filter(|b| !b.when.is_empty())
                    .map(|b| {
                        (
                            b.when.clone(),
                            atlas_core::markdown::link_href(
                                &b.to,
                                &atlas.paths.entry(&e.id),
                                &|id| atlas.paths.entry(id),
                            ),
                            b.label.clone(),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}
