//! One file per page.
pub mod category;
pub mod entry;
pub mod home;
pub mod not_found;
