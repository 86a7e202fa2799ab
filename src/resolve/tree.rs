//! The resolution tree: every chart with the step that made it, and what
//! became of it. Nodes are stored in creation order (depth-first), so the
//! tree and everything rendered from it are deterministic.

use super::chart::Chart;
use super::leaf::Leaf;
use crate::poly::Rational;
use crate::problem::Interval;

/// How a chart was obtained from its parent.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The whole domain.
    Root,
    /// Restriction to a sub-box.
    Restrict,
    /// Restriction to a neighbourhood of the fiber over the point of a
    /// local problem: the rest of the box holds no point of the fiber, and
    /// only a neighbourhood of it counts.
    Neighbourhood,
    /// Restriction of a block of coordinates, in which every factor of K
    /// that vanishes on the box is homogeneous, to a box symmetric about 0
    /// inside the parent's: every local problem outside it repeats one
    /// inside it (see `resolve::homogeneous_block`).
    Cone {
        /// The block's coordinates.
        block: Vec<usize>,
    },
    /// The origin moved to this point of the parent's coordinates.
    Translate(Vec<Rational>),
    /// Coordinates scaled: `u = r·u'`.
    Scale(Vec<Rational>),
    /// A shear: the new coordinate `u_coord' = u_coord + by` (see `Chart::shear`).
    Shear {
        /// The coordinate that changes.
        coord: usize,
        /// What is added to it, a polynomial free of it.
        by: crate::poly::Poly,
    },
    /// A chart of the toric blow-up of the coordinates `coords` by a
    /// unimodular cone of a refinement of the Newton polyhedron's normal fan
    /// (see `Chart::toric`).
    Toric {
        /// The coordinates blown up.
        coords: Vec<usize>,
        /// The cone's generators: `w_{coords[i]} = Π_j u_{coords[j]}^{rays[j][i]}`.
        rays: Vec<Vec<u32>>,
        /// Per generator, `Some(true)` for `u ≥ 0`, `Some(false)` for `u ≤ 0`.
        signs: Vec<Option<bool>>,
    },
    /// Chart `chart` of the blow-up of `{u_j = 0, j ∈ centre}`, on one side of 0 when `sign` is given.
    BlowUp {
        /// Coordinates of the centre.
        centre: Vec<usize>,
        /// The chart's distinguished coordinate.
        chart: usize,
        /// `Some(true)` for `u_chart ≥ 0`, `Some(false)` for `≤ 0`.
        sign: Option<bool>,
    },
}

/// What became of a chart.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Certified; its poles are known.
    Leaf(Leaf),
    /// Replaced by its children.
    Split,
    /// Not resolved within the limits: the result becomes a bound.
    Unresolved(String),
}

/// One node of the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The chart.
    pub chart: Chart,
    /// The parent node, `None` for the root.
    pub parent: Option<usize>,
    /// How the chart was made from its parent.
    pub step: Step,
    /// Number of steps from the root.
    pub depth: usize,
    /// What became of it.
    pub outcome: Outcome,
}

/// The resolution tree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResolutionTree {
    /// All nodes; index 0 is the root.
    pub nodes: Vec<Node>,
    /// A bound λ ≥ ρ/2 over the whole box from the rank of K's Jacobian
    /// (see `rank`): once a leaf attains −ρ/2 the exploration stops, and
    /// the charts left open do not make the result a bound.
    pub lower_bound: Option<super::rank::RankBound>,
}

impl ResolutionTree {
    /// The certified leaves, with their node indices.
    pub fn leaves(&self) -> impl Iterator<Item = (usize, &Node, &Leaf)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match &n.outcome {
                Outcome::Leaf(l) => Some((i, n, l)),
                _ => None,
            })
    }

    /// The nodes left unresolved.
    pub fn unresolved(&self) -> impl Iterator<Item = (usize, &Node, &str)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match &n.outcome {
                Outcome::Unresolved(why) => Some((i, n, why.as_str())),
                _ => None,
            })
    }

    /// Children of a node, in order.
    pub fn children(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(move |&i| self.nodes[i].parent == Some(id))
    }
}

/// Text for an interval box.
pub fn box_text(domain: &[Interval], names: &[String]) -> String {
    names
        .iter()
        .zip(domain)
        .map(|(n, iv)| {
            format!(
                "{n}∈[{}, {}]",
                crate::poly::fmt_rational(&iv.lo),
                crate::poly::fmt_rational(&iv.hi)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}
