//! "Make the whole atlas available offline": a normal visit caches only what
//! it uses; this downloads everything on purpose, with progress, a cancel
//! button, and resume (what arrived stays).

use leptos::prelude::*;

use crate::offline::{self, Download, Outcome, Progress};
use crate::state::Atlas;

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running(Progress),
    Finished { ok: bool, message: String },
}

#[component]
pub fn OfflineDownloadPanel() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let status = RwSignal::new(Status::Idle);
    let handle = StoredValue::new_local(None::<Download>);
    let list_url = atlas.paths.asset("offline-files.json");
    let start = Callback::new(move |_: ()| {
        status.set(Status::Running(Progress::default()));
        let h = offline::start(
            list_url.clone(),
            move |p| status.set(Status::Running(p)),
            move |outcome| {
                status.set(match outcome {
                    Outcome::Complete(message) => Status::Finished { ok: true, message },
                    Outcome::Cancelled(message)
                    | Outcome::Failed(message)
                    | Outcome::Unavailable(message) => Status::Finished { ok: false, message },
                })
            },
        );
        handle.set_value(Some(h));
    });
    let cancel = move |_| {
        handle.with_value(|h| {
            if let Some(h) = h {
                h.cancel();
            }
        })
    };
    let mib = |b: f64| format!("{:.1}", b / 1_048_576.0);
    view! {
        <section class="offline" aria-labelledby="offline-h">
            <h2 id="offline-h">"Offline"</h2>
            <p>"A visit keeps what it opens. For the whole atlas on a plane or in a data centre without internet, download it once:"</p>
            {move || match status.get() {
                Status::Running(p) => {
                    let pct = if p.total_bytes > 0.0 { (p.bytes * 100.0 / p.total_bytes) as u32 } else { 0 };
                    view! {
                        <div class="offline-progress" role="status" aria-live="polite">
                            <progress max="100" value=pct.to_string() aria-label="Offline download"></progress>
                            <span>{format!("{} of {} files, {} of {} MiB", p.files, p.total_files, mib(p.bytes), mib(p.total_bytes))}</span>
                            <button type="button" on:click=cancel>"Cancel"</button>
                        </div>
                    }.into_any()
                }
                Status::Finished { ok, message } => view! {
                    <p class=if ok { "offline-done" } else { "notice" } role="status">{message}</p>
                    <button type="button" on:click=move |_| start.run(())>{if ok { "Check for missing files" } else { "Make the whole atlas available offline" }}</button>
                }.into_any(),
                Status::Idle => view! {
                    <button type="button" on:click=move |_| start.run(())>"Make the whole atlas available offline"</button>
                }.into_any(),
            }}
        </section>
    }
}
