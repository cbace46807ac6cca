use leptos::prelude::*;

use crate::components::entry_list::EntryList;
use crate::components::offline_download::OfflineDownloadPanel;
use crate::state::Atlas;

/// Coverage at a glance: each category against its target, then the entries
/// an on-call engineer reaches for first.
#[component]
pub fn HomePage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title("Atlas of production distributed systems");
    let coverage = atlas.index.coverage();
    let total: u32 = coverage.iter().map(|c| c.entries).sum();
    let diagrams: u32 = coverage.iter().map(|c| c.diagrams).sum();
    let target: u32 = coverage.iter().map(|c| c.category.target).sum();
    let (first_aid_heading, first_aid) = atlas.index.first_aid();
    let first_aid: Vec<_> = first_aid.into_iter().cloned().collect();
    view! {
        <section class="hero">
            <h1>"Atlas of production distributed systems"</h1>
            <p class="lede">
                "Real architectures, incidents, debugging guides and costs, drawn in four planes: "
                {atlas.index.taxonomy.planes.iter().map(|p| view! {
                    <span class="chip plane" style=format!("--plane:{}", p.colour) title=p.holds.clone()>{p.name.clone()}</span>
                }).collect_view()}
            </p>
            <p class="totals">{format!("{total} entries and {diagrams} diagrams of {target} planned.")}</p>
        </section>
        <section aria-labelledby="coverage-h">
            <h2 id="coverage-h">"Coverage"</h2>
            <p><a href=atlas.paths.asset("progress")>"Progress dashboard: systems × views and the quality gates"</a>
                " · "<a href=atlas.paths.asset("incidents/stats")>"Incident statistics: triggers, durations, time to detect"</a>
                " · "<a href=atlas.paths.asset("decide")>"Decide: what gives the guarantees you need"</a></p>
            <table class="coverage">
                <thead><tr><th scope="col">"Category"</th><th scope="col">"Entries"</th><th scope="col">"Target"</th><th scope="col">"Diagrams"</th><th scope="col">"Progress"</th></tr></thead>
                <tbody>
                    {coverage.iter().map(|c| {
                        let href = atlas.paths.category(&c.category.id);
                        let pct = c.percent();
                        view! {
                            <tr>
                                <th scope="row"><a href=href>{c.category.name.clone()}</a></th>
                                <td>{c.entries}</td>
                                <td>{c.category.target}</td>
                                <td>{c.diagrams}</td>
                                <td><progress max="100" value=pct.to_string() aria-label=format!("{pct}% of target")>{format!("{pct}%")}</progress></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="first-aid-h">
            <h2 id="first-aid-h">{first_aid_heading}</h2>
            <EntryList entries=first_aid />
        </section>
        <OfflineDownloadPanel />
    }
}
