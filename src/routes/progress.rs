//! The progress dashboard: `atlas stats` in the browser, from the index.

use atlas_core::stats::Stats;
use leptos::prelude::*;

use crate::state::Atlas;

#[component]
pub fn ProgressPage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title("Progress · Atlas");
    let stats = Stats::from_index(&atlas.index);
    let view_names: Vec<String> = atlas
        .index
        .taxonomy
        .system_views
        .iter()
        .map(|v| v.name.clone())
        .collect();
    let complete = stats.complete_systems();
    view! {
        <h1>"Progress"</h1>
        <p class="totals">{format!("{} entries and {} diagrams of {} planned.", stats.entries, stats.diagrams, stats.target)}</p>
        <section aria-labelledby="cat-h">
            <h2 id="cat-h">"Entries per category"</h2>
            <table class="coverage">
                <thead><tr><th scope="col">"Category"</th><th scope="col">"Entries"</th><th scope="col">"Target"</th><th scope="col">"Diagrams"</th><th scope="col">"Progress"</th></tr></thead>
                <tbody>
                    {stats.categories.iter().map(|c| {
                        let pct = c.percent();
                        view! {
                            <tr>
                                <th scope="row"><a href=atlas.paths.category(&c.id)>{c.name.clone()}</a></th>
                                <td>{c.entries}</td><td>{c.target}</td><td>{c.diagrams}</td>
                                <td><progress max="100" value=pct.to_string()>{format!("{pct}%")}</progress></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="grid-h">
            <h2 id="grid-h">{format!("The {} systems × {} views ({complete} complete)", stats.systems.len(), stats.views.len())}</h2>
            <div class="grid-scroll">
                <table class="systems-grid">
                    <thead><tr><th scope="col">"System"</th>
                        {view_names.iter().map(|v| view! { <th scope="col">{v.clone()}</th> }).collect_view()}
                        <th scope="col">"Views"</th></tr></thead>
                    <tbody>
                        {stats.systems.iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.name.clone()}<span class="tier">{format!(" tier {}", row.tier)}</span></th>
                                {row.views.iter().map(|v| match v {
                                    Some(id) => view! { <td class="have"><a href=atlas.paths.entry(id) aria-label="present">"✓"</a></td> }.into_any(),
                                    None => view! { <td class="gap" aria-label="missing">"·"</td> }.into_any(),
                                }).collect_view()}
                                <td>{format!("{}/{}", row.present(), row.views.len())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="gates-h">
            <h2 id="gates-h">"Quality gates"</h2>
            <p>"Hard rules (schema, taxonomy ids, sources with URLs, plane colours, links, required sections of incidents and debugging guides) pass for every entry, or the atlas would not build. These gates are advice; here is how many entries pass each."</p>
            <table class="coverage">
                <thead><tr><th scope="col">"Gate"</th><th scope="col">"Passing"</th><th scope="col">"Rate"</th></tr></thead>
                <tbody>
                    {stats.gates.iter().map(|g| view! {
                        <tr><th scope="row"><code>{g.id.clone()}</code></th><td>{format!("{}/{}", g.passing, g.total)}</td>
                            <td><progress max="100" value=g.percent().to_string()>{format!("{}%", g.percent())}</progress></td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
