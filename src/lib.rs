pub mod newton;
pub mod poly;
