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

/// Generators that share a monomial and whose quotients have no common zero
/// generate that monomial alone: the toric leaf reads them so at once
/// (without it, blow-ups at the origin never reach the corner where one
/// quotient vanishes), and the checker re-derives the reading in full.
#[test]
fn a_principal_monomial_part_is_read_and_rederived() {
    let case = common::cases::load_file("boundary.toml")
        .into_iter()
        .find(|c| c.id == "a-monomial-generated-by-two-generators-beside-a-coordinate")
        .expect("the case");
    let problem = rlct::parse(&common::cases::render(&case)).unwrap();
    let r = rlct::analyze(&problem, &rlct::Options::default()).unwrap();
    assert_eq!(r.status, rlct::Status::Exact);
    assert_eq!((r.lambda, r.multiplicity), (common::rational("1"), 2));
    let tree = r.resolution.tree.as_ref().expect("a tree");
    assert_eq!(tree.leaves().count(), 1, "one toric leaf");
    let report = rlct::check::check_tree(&problem, tree).unwrap();
    assert_eq!((report.fully, report.monomial_part), (1, 0));
}
