pub mod error;
pub mod newton;
pub mod parse;
pub mod poly;
pub mod problem;
