//! The facet panel: every facet with its values, live counts, values without
//! matches dimmed (not hidden), and one-click clearing. On a phone it folds
//! behind a "Filters" button that says how many values are ticked.

use atlas_core::facets::{FacetCounts, FacetKind};
use leptos::prelude::*;

#[component]
pub fn FacetPanel(
    counts: Signal<Vec<FacetCounts>>,
    any_selected: Signal<bool>,
    on_toggle: Callback<(FacetKind, String)>,
    on_clear: Callback<Option<FacetKind>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let ticked = move || {
        counts.with(|c| {
            c.iter()
                .flat_map(|f| f.values.iter())
                .filter(|v| v.selected)
                .count()
        })
    };
    view! {
        <aside class="facets" aria-label="Filters">
            <button type="button" class="filters-toggle" aria-controls="facet-body"
                aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || match ticked() {
                    0 => "Filters".to_string(),
                    n => format!("Filters ({n} ticked)"),
                }}
            </button>
            <div id="facet-body" class="facet-body" class:open=move || open.get()>
            <div class="facets-head">
                <h2>"Filters"</h2>
                <Show when=move || any_selected.get()>
                    <button type="button" class="clear-all" on:click=move |_| on_clear.run(None)>"Clear all"</button>
                </Show>
            </div>
            // Keyed lists: a keystroke that changes a few counts redraws those
            // rows only, not every facet.
            <For
                each=move || counts.with(|c| c.iter().filter(|f| !f.values.is_empty()).map(|f| f.kind).collect::<Vec<_>>())
                key=|kind| *kind
                children=move |kind| {
                    let values = move || counts.with(|c| c.iter().find(|f| f.kind == kind).map(|f| f.values.clone()).unwrap_or_default());
                    let selected = move || counts.with(|c| c.iter().any(|f| f.kind == kind && f.values.iter().any(|v| v.selected)));
                    view! {
                        <fieldset class="facet" data-facet=kind.key()>
                            <legend>
                                {kind.title()}
                                <Show when=selected>
                                    <button type="button" class="clear" on:click=move |_| on_clear.run(Some(kind))
                                        aria-label=format!("Clear {}", kind.title().to_lowercase())>"clear"</button>
                                </Show>
                            </legend>
                            <ul>
                                <For
                                    each=values
                                    key=|v| v.clone()
                                    children=move |v| {
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
                                    }
                                />
                            </ul>
                        </fieldset>
                    }
                }
            />
            </div>
        </aside>
    }
}
