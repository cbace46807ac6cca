//! Across incidents, from the index: `/incidents/stats` (trigger × plane,
//! durations and times to detect and mitigate, contributing factors) and
//! `/incidents/timeline?ids=a,b` (two to six incidents on one axis from
//! their start). The numbers come from atlas-core; this only draws them.

use atlas_core::facets::FacetKind;
use atlas_core::incident_stats::{
    aligned, format_minutes, median, percentile, IncidentStats, Span, Tally, TimelineRow,
    MAX_ALIGNED, NOT_PUBLISHED_ID,
};
use atlas_core::url_state::ExploreState;
use leptos::prelude::*;

use crate::components::explorer_state::{list_href, use_list_in_url};
use crate::state::Atlas;

const TIMELINE: &str = "incidents/timeline";

/// The explorer showing incidents with these facet values.
fn incidents_where(atlas: &Atlas, filters: &[(FacetKind, &str)]) -> String {
    let mut state = ExploreState::default();
    if let Some(category) = atlas.index.incident_category() {
        state.selection.insert(FacetKind::Category, category);
    }
    for (kind, value) in filters {
        state.selection.insert(*kind, *value);
    }
    atlas.paths.explore(&state.to_query())
}

#[component]
pub fn IncidentStatsPage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title("Incident statistics · Atlas");
    let stats = IncidentStats::from_index(&atlas.index);
    let planes = stats.planes.clone();
    let timed: Vec<usize> = stats.durations.iter().map(|s| s.entry).collect();
    let compare = {
        let ids: Vec<String> = timed
            .iter()
            .rev()
            .take(3)
            .map(|&i| atlas.index.entries[i].id.clone())
            .collect();
        list_href(&atlas, TIMELINE, "ids", &ids)
    };
    let table = stats
        .by_trigger
        .iter()
        .map(|row| {
            let cells = row
                .counts
                .iter()
                .zip(&planes)
                .map(|(n, (plane, _))| {
                    if *n == 0 || row.trigger == NOT_PUBLISHED_ID {
                        view! { <td>{if *n == 0 { "·".to_string() } else { n.to_string() }}</td> }
                            .into_any()
                    } else {
                        let href = incidents_where(
                            &atlas,
                            &[
                                (FacetKind::Trigger, &row.trigger),
                                (FacetKind::Plane, plane),
                            ],
                        );
                        view! { <td><a href=href>{*n}</a></td> }.into_any()
                    }
                })
                .collect_view();
            let head = if row.trigger == NOT_PUBLISHED_ID {
                view! { <th scope="row">{row.label.clone()}</th> }.into_any()
            } else {
                let href = incidents_where(&atlas, &[(FacetKind::Trigger, &row.trigger)]);
                view! { <th scope="row"><a href=href>{row.label.clone()}</a></th> }.into_any()
            };
            view! { <tr>{head}{cells}<td>{row.total}</td></tr> }
        })
        .collect_view();
    let tallies = |list: &[Tally], kind: FacetKind| {
        let most = list.iter().map(|t| t.count).max().unwrap_or(1).max(1);
        list.iter()
            .map(|t| {
                let pct = t.count * 100 / most;
                let label = if t.id == NOT_PUBLISHED_ID {
                    view! { <span>{t.label.clone()}</span> }.into_any()
                } else {
                    let href = incidents_where(&atlas, &[(kind, &t.id)]);
                    view! { <a href=href>{t.label.clone()}</a> }.into_any()
                };
                view! {
                    <li>
                        <span class="tally-label">{label}</span>
                        <span class="tally-bar" style=format!("--pct:{pct}%") aria-hidden="true"></span>
                        <span class="tally-count">{t.count}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h1>"Incidents: what starts them, how long they last"</h1>
        <p class="lede">{format!(
            "{} incidents, from their records: {} with start and end to the minute, {} with the time they were detected. Where a source does not publish a time, the incident is left out of that chart, not guessed.",
            stats.incidents, stats.durations.len(), stats.to_detect.len()
        )}</p>
        <p><a href=compare>"Compare incidents on one timeline"</a></p>
        <section aria-labelledby="trigger-h">
            <h2 id="trigger-h">"Trigger × plane"</h2>
            <p class="note">"How each incident started (the Google SRE workbook's trigger classes), by the planes it touched; an incident counts once per plane."</p>
            <div class="grid-scroll">
                <table class="coverage trigger-table">
                    <thead><tr><th scope="col">"Trigger"</th>
                        {planes.iter().map(|(_, name)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                        <th scope="col">"Incidents"</th></tr></thead>
                    <tbody>{table}</tbody>
                </table>
            </div>
        </section>
        <Distribution id="duration" title="How long they lasted (start to resolved)" spans=stats.durations.clone() />
        <Distribution id="detect" title="Time to detect (start to detected)" spans=stats.to_detect.clone() />
        <Distribution id="mitigate" title="Time to mitigate (start to mitigated)" spans=stats.to_mitigate.clone() />
        <section aria-labelledby="factors-h">
            <h2 id="factors-h">"Guarantees and mechanisms among the contributing factors"</h2>
            <ul class="tallies">{tallies(&stats.factors, FacetKind::Factor)}</ul>
        </section>
        <section aria-labelledby="impact-h">
            <h2 id="impact-h">"Impact"</h2>
            <ul class="tallies">{tallies(&stats.impacts, FacetKind::Impact)}</ul>
        </section>
        <section aria-labelledby="detection-h">
            <h2 id="detection-h">"How they were detected"</h2>
            <ul class="tallies">{tallies(&stats.detections, FacetKind::Detection)}</ul>
        </section>
    }
}

/// Log-scale x position (0–1) of a span, from one minute to `max` minutes.
fn log_x(minutes: u32, max: u32) -> f64 {
    let top = (max.max(2) as f64).ln();
    ((minutes.max(1) as f64).ln() / top).clamp(0.0, 1.0)
}

/// A strip chart of spans on a log axis (drawn for the eye, hidden from
/// screen readers), with the same figures as a list.
#[component]
fn Distribution(id: &'static str, title: &'static str, spans: Vec<Span>) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let heading = format!("{id}-h");
    let labelled = heading.clone();
    if spans.is_empty() {
        return view! {
            <section aria-labelledby=labelled>
                <h2 id=heading>{title}</h2>
                <p class="note">"No incident publishes both times to the minute."</p>
            </section>
        }
        .into_any();
    }
    let max = spans.iter().map(|s| s.minutes).max().unwrap_or(1).max(60);
    let (w, h, pad) = (640.0, 96.0, 24.0);
    let ticks: Vec<(u32, &str)> = [
        (1, "1 min"),
        (10, "10 min"),
        (60, "1 h"),
        (360, "6 h"),
        (1440, "1 d"),
        (10080, "1 wk"),
    ]
    .into_iter()
    .filter(|(m, _)| *m <= max)
    .collect();
    let x = move |m: u32| pad + log_x(m, max) * (w - 2.0 * pad);
    let summary = format!(
        "{} incidents; median {}, 90th percentile {}, longest {}.",
        spans.len(),
        format_minutes(median(&spans).unwrap_or(0)),
        format_minutes(percentile(&spans, 90).unwrap_or(0)),
        format_minutes(max.min(spans.iter().map(|s| s.minutes).max().unwrap_or(0)))
    );
    let dots = spans
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let cy = 22.0 + (k % 4) as f64 * 12.0;
            let name = atlas.index.entries[s.entry].title.clone();
            view! {
                <circle cx=format!("{:.1}", x(s.minutes)) cy=format!("{cy:.1}") r="5" class="dot">
                    <title>{format!("{name}: {}", format_minutes(s.minutes))}</title>
                </circle>
            }
        })
        .collect_view();
    let med = x(median(&spans).unwrap_or(1));
    let list = spans
        .iter()
        .map(|s| {
            let e = &atlas.index.entries[s.entry];
            view! { <li><a href=atlas.paths.entry(&e.id)>{e.title.clone()}</a>{format!(": {}", format_minutes(s.minutes))}</li> }
        })
        .collect_view();
    view! {
        <section aria-labelledby=labelled>
            <h2 id=heading>{title}</h2>
            <p>{summary}</p>
            <svg class="strip" viewBox=format!("0 0 {w} {h}") aria-hidden="true" focusable="false">
                <line x1=pad y1="76" x2=w - pad y2="76" class="axis" />
                {ticks.into_iter().map(|(m, label)| view! {
                    <line x1=x(m) y1="72" x2=x(m) y2="80" class="axis" />
                    <text x=x(m) y="92" class="tick">{label}</text>
                }).collect_view()}
                <line x1=med y1="10" x2=med y2="76" class="median" />
                {dots}
            </svg>
            <details class="as-list">
                <summary>"Show as a list"</summary>
                <ol>{list}</ol>
            </details>
        </section>
    }
    .into_any()
}

#[component]
pub fn IncidentTimelinePage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title("Incident timelines · Atlas");
    let (ids, toggle) = use_list_in_url("ids", TIMELINE);
    let choices: Vec<(String, String)> = {
        let stats = IncidentStats::from_index(&atlas.index);
        let mut timed: Vec<usize> = stats.durations.iter().map(|s| s.entry).collect();
        timed.sort();
        timed
            .into_iter()
            .map(|i| {
                (
                    atlas.index.entries[i].id.clone(),
                    atlas.index.entries[i].title.clone(),
                )
            })
            .collect()
    };
    let chart = {
        let atlas = atlas.clone();
        move || {
            let (rows, notices) = aligned(&atlas.index, &ids.get());
            view! {
                {(!notices.is_empty()).then(|| view! {
                    <div class="notice" role="status"><ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul></div>
                })}
                {if rows.is_empty() {
                    view! { <p class="note">"Tick two to six incidents below to lay them on one axis."</p> }.into_any()
                } else {
                    view! { <Aligned rows=rows /> }.into_any()
                }}
            }
        }
    };
    view! {
        <h1>"Incidents on one timeline"</h1>
        <p class="lede">{format!("Up to {MAX_ALIGNED} incidents, each from its own start (0): when it was detected, mitigated and resolved, as published. The address keeps the choice, to share it.")}</p>
        {chart}
        <fieldset class="timeline-choice">
            <legend>"Incidents with a published start and end"</legend>
            <ul>
                {choices.into_iter().map(|(id, title)| {
                    let checked = { let id = id.clone(); move || ids.with(|l| l.contains(&id)) };
                    let toggle = toggle.clone();
                    let value = id.clone();
                    view! {
                        <li><label>
                            <input type="checkbox" prop:checked=checked on:change=move |_| toggle(value.clone()) />
                            " "{title}
                        </label></li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

#[component]
fn Aligned(rows: Vec<TimelineRow>) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let end = rows
        .iter()
        .filter_map(|r| r.resolved.or(r.mitigated).or(r.detected))
        .max()
        .unwrap_or(60)
        .max(60);
    let (w, row_h, left, right) = (640.0, 34.0, 8.0, 16.0);
    let h = rows.len() as f64 * row_h + 30.0;
    let x = move |m: u32| left + (m as f64 / end as f64) * (w - left - right);
    // About five ticks, on whole hours when the span is long.
    let step = [15u32, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080]
        .into_iter()
        .find(|s| end / s <= 6)
        .unwrap_or(20160);
    let ticks: Vec<u32> = (0..=end / step).map(|k| k * step).collect();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let y = 10.0 + k as f64 * row_h;
            let until = r.resolved.or(r.mitigated).or(r.detected).unwrap_or(0);
            let title = atlas.index.entries[r.entry].title.clone();
            let mark = |t: Option<u32>, class: &'static str| {
                t.map(|m| view! { <circle cx=x(m) cy=y + 8.0 r="6" class=class /> })
            };
            view! {
                <rect x=x(0) y=y + 4.0 width=(x(until) - x(0)).max(2.0) height="8" class="span-bar" />
                {mark(r.detected, "mark-detected")}
                {mark(r.mitigated, "mark-mitigated")}
                {mark(r.resolved, "mark-resolved")}
                <text x=x(0) y=y + 28.0 class="row-label">{title}</text>
            }
        })
        .collect_view();
    let cell = |t: Option<u32>| {
        t.map(format_minutes)
            .unwrap_or_else(|| "not published".into())
    };
    view! {
        <svg class="aligned" viewBox=format!("0 0 {w} {h}") aria-hidden="true" focusable="false">
            {ticks.iter().map(|&m| view! {
                <line x1=x(m) y1="0" x2=x(m) y2=h - 18.0 class="grid" />
                <text x=x(m) y=h - 4.0 class="tick">{format!("+{}", format_minutes(m))}</text>
            }).collect_view()}
            {bars}
        </svg>
        <p class="legend"><span class="key mark-detected"></span>" detected "<span class="key mark-mitigated"></span>" mitigated "<span class="key mark-resolved"></span>" resolved"</p>
        <table class="coverage">
            <caption class="visually-hidden">"The same times, from each incident's start"</caption>
            <thead><tr><th scope="col">"Incident"</th><th scope="col">"Started (UTC)"</th><th scope="col">"Detected"</th><th scope="col">"Mitigated"</th><th scope="col">"Resolved"</th></tr></thead>
            <tbody>
                {rows.iter().map(|r| {
                    let e = &atlas.index.entries[r.entry];
                    view! {
                        <tr>
                            <th scope="row"><a href=atlas.paths.entry(&e.id)>{e.title.clone()}</a></th>
                            <td>{r.started.clone()}</td>
                            <td>{cell(r.detected)}</td>
                            <td>{cell(r.mitigated)}</td>
                            <td>{cell(r.resolved)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
