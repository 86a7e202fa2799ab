//! From certified local data to the poles of ζ(z) = ∫ K^z φ dw.
//!
//! The integrand is positive for real z > −λ, so the leading poles of the
//! local pieces cannot cancel (DESIGN.md §2): λ is the minimum of the local
//! λ's and m the largest local order among the sites attaining it.

use num_traits::One;

use crate::newton::Nondegeneracy;
use crate::poly::Rational;
use crate::resolve::{Resolution, Site};

/// Whether λ is certified or only bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// λ and m are exact and certified.
    Exact,
    /// λ is an upper bound: the true λ is at most this value.
    Bound,
}

impl Status {
    /// `"exact"` or `"bound"`, as in the JSON interface.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Bound => "bound",
        }
    }
}

/// A pole `z = −λ` of ζ of the given order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pole {
    /// λ (the pole is at −λ).
    pub lambda: Rational,
    /// Its order.
    pub order: usize,
}

/// The real log canonical threshold of a problem, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Rlct {
    /// λ: exact, or an upper bound when `status` is [`Status::Bound`].
    pub lambda: Rational,
    /// m, the order of the pole −λ (for a bound: the order at the bounding site).
    pub multiplicity: usize,
    /// Exact or bound.
    pub status: Status,
    /// Why it is not exact, when it is not.
    pub reasons: Vec<Reason>,
    /// Candidate poles of ζ with their largest possible orders, increasing λ.
    pub poles: Vec<Pole>,
    /// The local data λ and m were read from.
    pub resolution: Resolution,
}

/// Why a result is only a bound.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// At this bounding site (an index into the resolution's sites), K is degenerate.
    Degenerate {
        /// Index of the site.
        site: usize,
    },
    /// At this bounding site, non-degeneracy could not be decided.
    Undecided {
        /// Index of the site.
        site: usize,
    },
    /// These charts of the resolution tree (node indices) were left unresolved.
    Unresolved {
        /// Node indices.
        charts: Vec<usize>,
    },
    /// The run's time or memory budget ran out before the analysis was
    /// complete (see [`Resolution::stopped`]).
    Stopped {
        /// What ran out, and when.
        why: String,
    },
}

/// The poles of a normal-crossing integral ∫ u^{k·z + h} du near 0: one
/// candidate `(h_i + 1)/k_i` per coordinate with `k_i > 0`, and the order of
/// each value is the number of coordinates attaining it. Returned in
/// increasing λ.
pub fn normal_crossing_poles(k: &[u32], h: &[u32]) -> Vec<Pole> {
    group_poles(
        k.iter()
            .zip(h)
            .filter(|(k, _)| **k > 0)
            .map(|(k, h)| Rational::new((h + 1).into(), (*k).into()))
            .collect(),
    )
}

/// Poles from candidate values, each value's order the number of times it
/// occurs, in increasing λ.
pub fn group_poles(mut values: Vec<Rational>) -> Vec<Pole> {
    values.sort();
    let mut poles: Vec<Pole> = Vec::new();
    for v in values {
        match poles.last_mut() {
            Some(p) if p.lambda == v => p.order += 1,
            _ => poles.push(Pole {
                lambda: v,
                order: 1,
            }),
        }
    }
    poles
}

/// Reads λ and m off a resolution.
pub fn rlct(resolution: Resolution) -> Rlct {
    if resolution.tree.is_some() {
        from_tree(resolution)
    } else {
        from_sites(resolution)
    }
}

/// λ is the smallest leading pole over the certified leaves and m the largest
/// order among the leaves attaining it; unresolved charts make it a bound,
/// together with any Newton sites (each an upper bound at a zero).
fn from_tree(resolution: Resolution) -> Rlct {
    let tree = resolution.tree.as_ref().expect("a tree");
    let leading: Vec<Pole> = tree
        .leaves()
        .filter_map(|(_, _, l)| l.attained_pole().cloned())
        .collect();
    let site_values: Vec<Rational> = resolution
        .sites
        .iter()
        .map(|s| s.certificate.lambda())
        .collect();
    // Unresolved charts always come with a site or the fallback bound, so
    // the last resort below is never a guess that reaches a user as exact.
    let lambda = leading
        .iter()
        .map(|p| p.lambda.clone())
        .chain(site_values.iter().cloned())
        .chain(resolution.fallback_bound.iter().cloned())
        .min()
        .unwrap_or_else(Rational::one);
    let multiplicity = leading
        .iter()
        .filter(|p| p.lambda == lambda)
        .map(|p| p.order)
        .chain(
            resolution
                .sites
                .iter()
                .filter(|s| s.certificate.lambda() == lambda)
                .map(|s| s.certificate.codim),
        )
        .max()
        .unwrap_or(1);
    let unresolved: Vec<usize> = tree.unresolved().map(|(i, _, _)| i).collect();
    let mut reasons = stopped(&resolution);
    if !unresolved.is_empty() {
        reasons.push(Reason::Unresolved { charts: unresolved });
    }
    // λ ≥ ρ/2 with order at most 1 there over the whole box (the rank
    // bound), and a leaf attaining −ρ/2: λ = ρ/2, m = 1, whatever the
    // charts left open or the limits.
    let mut notes = Vec::new();
    if let Some(bound) = tree.lower_bound.as_ref().filter(|b| !b.whole()) {
        let exempt = tree
            .leaves()
            .filter(|(_, _, l)| matches!(l.kind, crate::resolve::LeafKind::OffStratum { .. }))
            .count();
        if exempt > 0 {
            notes.push(format!(
                "λ ≥ {l} (order at most 1) near every zero of K off a stratum: each of {n} \
                 polynomials is in the radical of K's generators and {r}×{r} minors of their \
                 Jacobian (Rabinowitsch's certificates are the JSON's `rank_bound`; `--certify` \
                 re-derives them), so where one is nonzero some {r} generators are coordinates; \
                 {exempt} charts keep one away from 0 and are settled by that bound",
                l = bound.lambda,
                n = bound.off.len(),
                r = bound.rank,
            ));
        }
    }
    if let Some(bound) = tree.lower_bound.as_ref().filter(|b| b.whole()) {
        let attained = leading.iter().any(|p| p.lambda == lambda);
        // An order above 1 there would contradict the bound: left as it is.
        if bound.lambda == lambda && attained && multiplicity == 1 {
            reasons.clear();
            notes.push(format!(
                "λ ≥ {l} over the whole box: K's generators and {n} {r}×{r} minors of their \
                 Jacobian{units} have no common zero (the cofactors that combine them into 1 are the \
                 JSON's `rank_bound`; `--certify` re-derives them), so at every zero of K some \
                 {r} generators are coordinates; a leaf attains the pole, so λ = {l}, m = 1, \
                 whatever the charts left open",
                l = bound.lambda,
                r = bound.rank,
                n = bound.minor_cofactors.len(),
                units = match bound.units.len() {
                    0 => String::new(),
                    k => format!(" ({k} factors with no zero where K vanishes divided out)"),
                }
            ));
        }
    }
    let mut poles: Vec<Pole> = Vec::new();
    for (_, _, leaf) in tree.leaves() {
        for c in &leaf.candidates {
            match poles.iter_mut().find(|p| p.lambda == c.lambda) {
                Some(p) => p.order = p.order.max(c.order),
                None => poles.push(c.clone()),
            }
        }
    }
    poles.sort();
    let mut resolution = resolution;
    resolution.notes.extend(notes);
    finish(lambda, multiplicity, reasons, poles, resolution)
}

fn from_sites(resolution: Resolution) -> Rlct {
    let value = |s: &Site| s.certificate.lambda();
    let lambda = resolution
        .sites
        .iter()
        .map(value)
        .chain(resolution.fallback_bound.iter().cloned())
        .min()
        .unwrap_or_else(Rational::one);
    let bounding: Vec<usize> = (0..resolution.sites.len())
        .filter(|&i| value(&resolution.sites[i]) == lambda)
        .collect();
    let multiplicity = bounding
        .iter()
        .map(|&i| resolution.sites[i].certificate.codim)
        .max()
        .unwrap_or(1);
    let mut reasons = stopped(&resolution);
    for &site in &bounding {
        match resolution.sites[site].certificate.nondegeneracy {
            Nondegeneracy::NonDegenerate => {}
            Nondegeneracy::Degenerate { .. } => reasons.push(Reason::Degenerate { site }),
            // A site used only as a bound decides nothing either.
            Nondegeneracy::Undecided { .. } | Nondegeneracy::NotChecked => {
                reasons.push(Reason::Undecided { site })
            }
        }
    }
    let poles = vec![Pole {
        lambda: lambda.clone(),
        order: multiplicity,
    }];
    finish(lambda, multiplicity, reasons, poles, resolution)
}

/// The reason a run cut short gives, if it was.
fn stopped(resolution: &Resolution) -> Vec<Reason> {
    resolution
        .stopped
        .iter()
        .map(|why| Reason::Stopped { why: why.clone() })
        .collect()
}

/// The result: exact exactly when nothing stands in the way.
fn finish(
    lambda: Rational,
    multiplicity: usize,
    reasons: Vec<Reason>,
    poles: Vec<Pole>,
    resolution: Resolution,
) -> Rlct {
    let status = if reasons.is_empty() {
        Status::Exact
    } else {
        Status::Bound
    };
    Rlct {
        lambda,
        multiplicity,
        status,
        reasons,
        poles,
        resolution,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_crossing_reads_ratios() {
        // x^2 y^2: two poles at 1/2 → one pole of order 2.
        assert_eq!(
            normal_crossing_poles(&[2, 2], &[0, 0]),
            vec![Pole {
                lambda: Rational::new(1.into(), 2.into()),
                order: 2
            }]
        );
        // x^2 y^4 with prior y^2: 1/2 and 3/4.
        let p = normal_crossing_poles(&[2, 4], &[0, 2]);
        assert_eq!(p[0].lambda, Rational::new(1.into(), 2.into()));
        assert_eq!(p[1].lambda, Rational::new(3.into(), 4.into()));
    }
}
