//! The Atlas app: a Leptos client-side app compiled to wasm by Trunk.
//! Routes render pages (`routes/`), components are the pieces pages share
//! (`components/`), and all JavaScript is bound in `interop/`.

mod app;
mod components;
mod data;
mod interop;
mod offline;
mod prerendered;
mod routes;
mod state;
mod theme;

fn main() {
    console_error_panic_hook::set_once();
    prerendered::drop_trailing_slash(&interop::base_path());
    leptos::mount::mount_to_body(app::App);
}
