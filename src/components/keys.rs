//! Keyboard shortcuts that work on every page: `/` focuses search (opening
//! the explorer if needed), `!` opens the 3 AM page.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::state::{Atlas, FocusSearch};

pub fn global_shortcuts() {
    let atlas = expect_context::<Atlas>();
    let focus = expect_context::<FocusSearch>();
    let navigate = use_navigate();
    let location = use_location();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_a_field(&ev) {
            return;
        }
        let here = location.pathname.get_untracked();
        let on = |route: &str| atlas.paths.route(&here) == route;
        match ev.key().as_str() {
            "/" => {
                ev.prevent_default();
                if !on("/explore") && !on("/3am") {
                    navigate(
                        atlas.paths.route(&atlas.paths.explore("")),
                        Default::default(),
                    );
                }
                focus.0.update(|n| *n += 1);
            }
            "!" => {
                ev.prevent_default();
                if !on("/3am") {
                    navigate(
                        atlas.paths.route(&atlas.paths.first_aid("")),
                        Default::default(),
                    );
                }
                focus.0.update(|n| *n += 1);
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

fn typing_in_a_field(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}
