//! Zeros of K on the boundary of the box, in global problems: every case
//! of tests/cases/boundary.toml (hypersurfaces meeting each other or
//! touching a face only on a face or at a corner, each value derived in the
//! table) is exact with its λ and m, and its tree passes the independent
//! checker. These are the points the stratification finds exactly and the
//! strategy translates to, so that the box becomes one-sided there instead
//! of being subdivided towards them.

mod common;

#[test]
fn zeros_on_faces_and_corners_are_resolved_exactly() {
    common::cases::assert_all_hold("boundary.toml");
}
