//! The facet panel: every facet with its values, live counts, values without
//! matches dimmed (not hidden), and one-click clearing.

use atlas_core::facets::{FacetCounts, FacetKind};
use leptos::prelude::*;

#[component]
pub fn FacetPanel(
    counts: Signal<Vec<FacetCounts>>,
    any_selected: Signal<bool>,
    on_toggle: Callback<(FacetKind, String)>,
    on_clear: Callback<Option<FacetKind>>,
) -> impl IntoView {
    view! {
        <aside class="facets" aria-label="Filters">
            <div class="facets-head">
                <h2>"Filters"</h2>
                <Show when=move || any_selected.get()>
                    <button type="button" class="clear-all" on:click=move |_| on_clear.run(None)>"Clear all"</button>
                </Show>
            </div>
            {move || {
                counts
                    .get()
                    .into_iter()
                    .filter(|f| !f.values.is_empty())
                    .map(|f| {
                        let kind = f.kind;
                        let selected = f.values.iter().any(|v| v.selected);
                        view! {
                            <fieldset class="facet" data-facet=kind.key()>
                                <legend>
                                    {kind.title()}
                                    {selected.then(|| view! {
                                        <button type="button" class="clear" on:click=move |_| on_clear.run(Some(kind))
                                            aria-label=format!("Clear {}", kind.title().to_lowercase())>"clear"</button>
                                    })}
                                </legend>
                                <ul>
                                    {f.values.into_iter().map(|v| {
                                        let value = v.value.clone();
                                        let dim = v.count == 0 && !v.selected;
                                        view! {
                                            <li class:dim=dim>
                                                <label>
                                                    <input type="checkbox" prop:checked=v.selected
                                                        on:change=move |_| on_toggle.run((kind, value.clone())) />
                                                    <span class="facet-label">{v.label}</span>
                                                    <span class="count">{v.count}</span>
                                                </label>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </fieldset>
                        }
                    })
                    .collect_view()
            }}
        </aside>
    }
}
