//! `/decide?g=G-LIN,G-DUR&c=multi-region`: tick the guarantees you need
//! (and constraints on how it is run); see the mechanisms and patterns that
//! provide them, the technologies that offer them in which configuration
//! (and why a constraint rules one out), the comparisons, the production
//! systems that run them, and the incidents where they failed. Computed by
//! `atlas_core::decide` from the index; this only draws it.

use atlas_core::decide::{decide_with, Constraints};
use atlas_core::taxonomy::Facet;
use leptos::prelude::*;

use crate::components::explorer_state::use_list_in_url;
use crate::state::Atlas;

#[component]
pub fn DecidePage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title("Decide · Atlas");
    let (chosen, toggle) = use_list_in_url("g", "decide");
    let (constraints, toggle_constraint) = use_list_in_url("c", "decide");
    let constraint_choices = checkboxes(
        Constraints::ALL
            .iter()
            .map(|(id, meaning)| (id.to_string(), meaning.to_string()))
            .collect(),
        constraints,
        toggle_constraint,
    );
    let choices = checkboxes(
        atlas
            .index
            .taxonomy
            .guarantees
            .iter()
            .map(|g| (g.id.clone(), format!("{} {}", g.id, g.name)))
            .collect(),
        chosen,
        toggle,
    );
    let results = move || decision(&atlas, &chosen.get(), &constraints.get());
    view! {
        <h1>"Decide: what gives the guarantees you need"</h1>
        <p class="lede">"Tick the guarantees your system must keep. The atlas lists the mechanisms and patterns that provide them (from their concept entries), the production systems whose views are tagged with them, and the incidents where they or those mechanisms failed. The choice is kept in the address."</p>
        <fieldset class="decide-choice">
            <legend>"Guarantees"</legend>
            <ul>{choices}</ul>
        </fieldset>
        <fieldset class="decide-choice decide-constraints">
            <legend>"Constraints"</legend>
            <ul>{constraint_choices}</ul>
        </fieldset>
        {results}
    }
}

/// A list of checkboxes, one per (id, label), ticked when the URL's list
/// holds the id; a change toggles it there.
fn checkboxes(
    items: Vec<(String, String)>,
    list: Memo<Vec<String>>,
    toggle: impl Fn(String) + Clone + 'static,
) -> impl IntoView {
    items
        .into_iter()
        .map(|(id, label)| {
            let checked = {
                let id = id.clone();
                move || list.with(|c| c.contains(&id))
            };
            let toggle = toggle.clone();
            view! {
                <li><label>
                    <input type="checkbox" prop:checked=checked on:change=move |_| toggle(id.clone()) />
                    " "{label}
                </label></li>
            }
        })
        .collect_view()
}

/// The answer for the chosen guarantees and constraints: notices, then the
/// mechanisms, patterns, technologies (and why not), comparisons, systems
/// and incidents, each a link to the entry or document that backs it.
fn decision(atlas: &Atlas, chosen: &[String], constraints: &[String]) -> impl IntoView {
    let atlas = atlas.clone();
    let (c, mut notices) = Constraints::parse(constraints);
    let (d, more) = decide_with(&atlas.index, chosen, c);
    notices.extend(more);
    let index = &atlas.index;
    let entry_link = |i: usize| {
        let e = &index.entries[i];
        view! { <a href=atlas.paths.entry(&e.id)>{e.title.clone()}</a> }
    };
    let label = |g: &str| {
        index
            .taxonomy
            .label(Facet::Guarantee, g)
            .unwrap_or_else(|| g.to_string())
    };
    let list = |items: Vec<String>| items.join(", ");
    view! {
        {(!notices.is_empty()).then(|| view! {
            <div class="notice" role="status"><ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul></div>
        })}
        {if d.guarantees.is_empty() {
            view! { <p class="note">"Tick the guarantees your system needs."</p> }.into_any()
        } else {
            view! {
                <section aria-labelledby="mech-h">
                    <h2 id="mech-h">{format!("Mechanisms that provide them ({})", d.mechanisms.len())}</h2>
                    <ul class="decide-list">{d.mechanisms.iter().map(|m| view! {
                        <li>{entry_link(m.entry)}<span class="note">{format!(" · provides {}", list(m.covers.iter().map(|g| label(g)).collect()))}</span></li>
                    }).collect_view()}</ul>
                </section>
                <section aria-labelledby="pat-h">
                    <h2 id="pat-h">{format!("Patterns ({})", d.patterns.len())}</h2>
                    <ul class="decide-list">{d.patterns.iter().map(|p| view! {
                        <li>{entry_link(p.entry)}<span class="note">{format!(" · provides {}", list(p.covers.iter().map(|g| label(g)).collect()))}</span></li>
                    }).collect_view()}</ul>
                </section>
                <section aria-labelledby="tech-h">
                    <h2 id="tech-h">{format!("Technologies that offer them ({})", d.technologies.len())}</h2>
                    <ul class="decide-list">{d.technologies.iter().map(|t| view! {
                        <li>
                            <strong>{t.name.clone()}</strong><span class="note">{format!(" · {}", t.kind)}</span>
                            <ul>
                                {t.offers.iter().map(|(g, when, src)| view! {
                                    <li>{format!("{}: {when} ", label(g))}<a href=src.clone() rel="noopener noreferrer">"(docs)"</a></li>
                                }).collect_view()}
                                {t.multi_region.clone().filter(|_| c.multi_region).map(|(when, src)| view! {
                                    <li>{format!("Region loss: {when} ")}<a href=src rel="noopener noreferrer">"(docs)"</a></li>
                                })}
                                {(!t.missing.is_empty()).then(|| view! {
                                    <li class="note">{format!("Not recorded as offering: {}", list(t.missing.iter().map(|g| label(g)).collect()))}</li>
                                })}
                            </ul>
                        </li>
                    }).collect_view()}</ul>
                    {(!d.excluded.is_empty()).then(|| view! {
                        <h3>"Why not these?"</h3>
                        <ul class="decide-list why-not">{d.excluded.iter().map(|t| view! {
                            <li><strong>{t.name.clone()}</strong>{format!(": {}.", t.why_not.clone().unwrap_or_default())}</li>
                        }).collect_view()}</ul>
                    })}
                </section>
                <section aria-labelledby="cmp-h">
                    <h2 id="cmp-h">{format!("Comparisons that cover them ({})", d.comparisons.len())}</h2>
                    <ul class="decide-list">{d.comparisons.iter().map(|i| view! { <li>{entry_link(*i)}</li> }).collect_view()}</ul>
                </section>
                <section aria-labelledby="sys-h">
                    <h2 id="sys-h">{format!("Production systems that run them ({})", d.systems.len())}</h2>
                    <ul class="decide-list">{d.systems.iter().take(60).map(|s| view! {
                        <li>{entry_link(s.entry)}<span class="note">{format!(
                            " · {}{}",
                            list(s.covers.clone()),
                            if s.mechanisms.is_empty() { String::new() } else { format!(" with {}", list(s.mechanisms.clone())) }
                        )}</span></li>
                    }).collect_view()}</ul>
                </section>
                <section aria-labelledby="fail-h">
                    <h2 id="fail-h">{format!("Where they failed ({} incidents)", d.failures.len())}</h2>
                    <ul class="decide-list">{d.failures.iter().map(|f| view! {
                        <li>{entry_link(f.entry)}<span class="note">{format!(" · {}", list(f.factors.clone()))}</span></li>
                    }).collect_view()}</ul>
                </section>
            }.into_any()
        }}
    }
}

/// `/embed/decide?g=…&c=…`: the answer alone, for a wiki page, with a link
/// to change it in the atlas.
#[component]
pub fn EmbedDecidePage() -> impl IntoView {
    crate::interop::start_embed();
    let atlas = expect_context::<Atlas>();
    let (chosen, _) = use_list_in_url("g", "decide");
    let (constraints, _) = use_list_in_url("c", "decide");
    let query = leptos_router::hooks::use_location().search;
    let paths = atlas.paths.clone();
    view! {
        <section class="embed embed-decide">
            <h1 class="embed-title">"What gives these guarantees"</h1>
            {move || decision(&atlas, &chosen.get(), &constraints.get())}
            {move || {
                // The router's search string comes without its "?".
                let q = query.get();
                let q = q.trim_start_matches('?');
                let href = if q.is_empty() { paths.asset("decide") } else { paths.asset(&format!("decide?{q}")) };
                view! { <crate::routes::embed::OpenInAtlas href=href /> }
            }}
        </section>
    }
}
