pub mod chips;
pub mod entry_list;
pub mod header;
pub mod markdown_view;
