pub mod chips;
pub mod entry_list;
pub mod explorer_state;
pub mod facet_panel;
pub mod header;
pub mod keys;
pub mod markdown_view;
pub mod results;
