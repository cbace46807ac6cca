//! A capacity or cost model the reader changes: inputs as number fields,
//! the outputs recomputed as they type (by atlas-core, in base units), each
//! default traced to its source or stated as an assumption, and the
//! published example the model reproduces. Changed inputs live in the
//! address (`?rate=2000`), so a reader can share their numbers.

use std::collections::BTreeMap;

use atlas_core::model_calc::{format_number, ModelSpec};
use atlas_core::Source;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::explorer_state::go_to;
use crate::state::Atlas;

#[component]
pub fn ModelView(spec: ModelSpec, sources: Vec<Source>, entry_id: String) -> impl IntoView {
    let compiled = match spec.compile(sources.len()) {
        Ok(c) => c,
        Err(problems) => {
            return view! {
                <section class="problem" role="alert">
                    <p>{format!("This model cannot run: {}", problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; "))}</p>
                </section>
            }
            .into_any()
        }
    };
    let defaults = compiled.defaults();
    // Inputs the address sets (numbers only; anything else is ignored).
    let query = use_query_map();
    let mut initial = defaults.clone();
    query.with_untracked(|q| {
        for i in &spec.inputs {
            if let Some(v) = q.get(&i.id).and_then(|v| v.trim().parse::<f64>().ok()) {
                if v.is_finite() {
                    initial.insert(i.id.clone(), v);
                }
            }
        }
    });
    let inputs = RwSignal::new(initial);
    // Changed inputs go into the address (replacing the history entry).
    let keep_in_url = {
        let atlas = expect_context::<Atlas>();
        let go = go_to(true);
        let defaults = defaults.clone();
        move |values: &BTreeMap<String, f64>| {
            let mut q = form_urlencoded::Serializer::new(String::new());
            for (k, v) in values {
                if defaults.get(k) != Some(v) {
                    q.append_pair(k, &v.to_string());
                }
            }
            let q = q.finish();
            let page = atlas.paths.entry(&entry_id);
            go(if q.is_empty() {
                page
            } else {
                format!("{page}?{q}")
            });
        }
    };
    let result = {
        let compiled = compiled.clone();
        Memo::new(move |_| inputs.with(|i| compiled.run(i)))
    };
    let source_link = {
        let sources = sources.clone();
        move |n: usize| {
            sources.get(n - 1).map(|s| {
                view! { <a href=s.url.clone() rel="noopener noreferrer" title=s.title.clone()>{format!("source {n}")}</a> }
            })
        }
    };
    let (unit_of, label_of) = {
        let (a, b) = (spec.clone(), spec.clone());
        (
            move |id: &str| a.unit_of(id),
            move |id: &str| b.label_of(id),
        )
    };
    let fields = spec
        .inputs
        .iter()
        .map(|i| {
            let id = i.id.clone();
            let field_id = format!("model-{}", i.id);
            let origin = match (&i.source, &i.assumption) {
                (Some(n), _) => view! { <span class="origin">"default from "{source_link(*n)}</span> }.into_any(),
                (None, Some(a)) => view! { <span class="origin">{format!("assumption: {a}")}</span> }.into_any(),
                _ => ().into_any(),
            };
            let value = {
                let id = id.clone();
                move || inputs.with(|m| m.get(&id).copied().unwrap_or_default().to_string())
            };
            let on_input = {
                let (id, keep) = (id.clone(), keep_in_url.clone());
                move |ev: leptos::ev::Event| {
                    if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                        inputs.update(|m| {
                            m.insert(id.clone(), v);
                        });
                        inputs.with_untracked(|m| keep(m));
                    }
                }
            };
            view! {
                <div class="model-input">
                    <label for=field_id.clone()>{i.label.clone()}{(!i.unit.is_empty()).then(|| format!(" ({})", i.unit))}</label>
                    <input id=field_id type="number" min=i.min max=i.max step=i.step.map(|s| s.to_string()).unwrap_or_else(|| "any".into())
                        prop:value=value on:input=on_input />
                    {origin}
                </div>
            }
        })
        .collect_view();
    let outputs = spec.outputs.clone();
    let all: Vec<String> = spec.values.iter().map(|v| v.id.clone()).collect();
    let example = spec.example.clone().map(|ex| {
        let got = compiled.run(&{
            let mut m = defaults.clone();
            m.extend(ex.inputs.clone());
            m
        });
        let line = ex
            .outputs
            .iter()
            .map(|(k, want)| {
                let have = got.as_ref().ok().and_then(|g| g.get(k)).copied().unwrap_or(f64::NAN);
                format!("{}: the model gives {}, the source states {}", label_of(k), format_number(have), format_number(*want))
            })
            .collect::<Vec<_>>()
            .join("; ");
        view! { <p class="model-example">"Published example ("{source_link(ex.source)}"): "{ex.description.clone()}". "{line}"."</p> }
    });
    view! {
        <section class="model" aria-labelledby="model-h">
            <h2 id="model-h">"Try it with your numbers"</h2>
            <div class="model-inputs">{fields}</div>
            <button type="button" class="model-reset" on:click={
                let (defaults, keep) = (defaults.clone(), keep_in_url.clone());
                move |_| {
                    inputs.set(defaults.clone());
                    keep(&defaults);
                }
            }>"Back to the defaults"</button>
            {move || match result.get() {
                Err(e) => view! { <p class="problem" role="alert">{e}</p> }.into_any(),
                Ok(values) => {
                    let row = |id: &String, values: &BTreeMap<String, f64>| view! {
                        <tr><th scope="row">{label_of(id)}</th><td>{format_number(values.get(id).copied().unwrap_or(f64::NAN))}</td><td>{unit_of(id)}</td></tr>
                    };
                    view! {
                        <table class="model-outputs" aria-live="polite">
                            <caption>"Results"</caption>
                            <tbody>{outputs.iter().map(|id| row(id, &values)).collect_view()}</tbody>
                        </table>
                        <details class="model-all">
                            <summary>"Every value"</summary>
                            <table><tbody>{all.iter().map(|id| row(id, &values)).collect_view()}</tbody></table>
                        </details>
                    }.into_any()
                }
            }}
            {example}
        </section>
    }
    .into_any()
}
