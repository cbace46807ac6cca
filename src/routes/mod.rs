//! One file per page.
pub mod alert;
pub mod category;
pub mod decide;
pub mod embed;
pub mod entry;
pub mod explore;
pub mod first_aid;
pub mod home;
pub mod incidents;
pub mod not_found;
pub mod progress;
