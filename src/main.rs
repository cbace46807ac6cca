//! The Atlas app: a Leptos client-side app compiled to wasm by Trunk.
//! Routes render pages (`routes/`), components are the pieces pages share
//! (`components/`), and all JavaScript is bound in `interop/`.

mod app;
mod components;
mod interop;
mod routes;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
