//! From a [`Problem`] to the certified local data the poles are read from.
//!
//! This stage finds where K vanishes on the domain and, at each such site,
//! brings K into a form whose poles are known. The fast path is the Newton
//! polyhedron ([`newton_site`]); blow-ups into normal-crossing charts extend
//! it where the polyhedron alone does not certify the answer.
//!
//! Global analysis needs *all* zeros of K on the box. They are known exactly
//! when K is positive-even (a positive combination of even monomials): its
//! zeros are the coordinate subspaces the box meets, and one toric chart
//! argument covers them all. Otherwise the resolution tree's charts cover the
//! whole box. Local analysis (`at`) uses the Newton polyhedron at the point
//! when it certifies, and otherwise a tree that follows the fiber over it.

pub mod chart;
pub mod fan;
mod homogeneous_block;
pub mod leaf;
mod morse_bott;
mod newton_blowup;
mod newton_site;
pub mod rank;
mod sample;
pub mod sign;
pub mod strategy;
mod stratify;
mod stratum;
pub mod toric;
pub mod transversal;
pub mod tree;
pub mod unit;

use num_traits::{Signed, Zero};

use std::time::Duration;

use crate::budget::{self, Budget, Exhausted};
use crate::error::Error;
use crate::poly::bernstein::definite_sign;
use crate::poly::{fmt_rational, Limits, Poly, Rational};
use crate::problem::{Interval, Problem};

pub use chart::Chart;
pub(crate) use leaf::seen_to_vanish;
pub use leaf::{Leaf, LeafKind};
pub use newton_site::{newton_bound, newton_site, Decide, NewtonCertificate, SiteProblem};
pub use tree::{Node, Outcome, ResolutionTree, Step};

/// Resource limits and budgets.
#[derive(Clone, Debug)]
pub struct Options {
    /// Time limit of the analysis, unless the caller runs it under a
    /// [`Budget`] of its own (the command line's covers the whole run).
    pub timeout: Option<Duration>,
    /// Memory budget in bytes, on the same terms.
    pub max_memory: Option<u64>,
    /// Size limits for polynomial expansion.
    pub limits: Limits,
    /// Largest number of sampled zeros given a Newton bound when the
    /// resolution stops at a limit.
    pub max_sites: usize,
    /// Limits of the blow-up exploration.
    pub exploration: strategy::Limits,
    /// Use blow-ups even where the Newton polyhedron alone certifies the answer.
    pub always_resolve: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Some(Duration::from_secs(60)),
            max_memory: Some(DEFAULT_MAX_MEMORY),
            limits: Limits::default(),
            max_sites: 16,
            exploration: strategy::Limits::default(),
            always_resolve: false,
        }
    }
}

/// The default memory budget: 4 GiB.
pub const DEFAULT_MAX_MEMORY: u64 = 4 << 30;

impl Options {
    /// The budget these options ask for, starting now.
    pub fn budget(&self) -> Budget {
        Budget::new(self.timeout, self.max_memory)
    }
}

/// Whether the RLCT is global over the box or local at a point.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    /// Over the whole domain box.
    Global,
    /// At this point.
    Local(Vec<Rational>),
}

/// One analysed place where K vanishes.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// The site in the original coordinates: a value per coordinate, or
    /// `None` where the site extends over the coordinate's whole interval.
    pub locus: Vec<Option<Rational>>,
    /// What the Newton polyhedron certifies there.
    pub certificate: NewtonCertificate,
}

/// The certified local data of a problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    /// Global or local.
    pub scope: Scope,
    /// The analysed sites.
    pub sites: Vec<Site>,
    /// The resolution tree, when blow-ups were used.
    pub tree: Option<ResolutionTree>,
    /// Remarks a reader should see (what was sampled, what is not proven).
    pub notes: Vec<String>,
    /// An upper bound on λ that holds whatever the charts say, for a run
    /// that ends with neither a certified pole nor a Newton site to bound it.
    pub fallback_bound: Option<Rational>,
    /// Where the run's budget ran out before the analysis was complete
    /// (the result is then a bound).
    pub stopped: Option<String>,
}

/// Runs the analysis under the current [`Budget`], or under one made from
/// `options` when the caller installed none. When the budget runs out the
/// analysis ends with what it has: the charts finished so far, and bounds
/// that hold without the rest.
pub fn resolve(problem: &Problem, options: &Options) -> Result<Resolution, Error> {
    match budget::current() {
        Some(_) => resolve_within(problem, options),
        None => options.budget().enter(|| resolve_within(problem, options)),
    }
}

fn resolve_within(problem: &Problem, options: &Options) -> Result<Resolution, Error> {
    match budget::catch(|| analyse(problem, options)) {
        Ok(r) => r,
        Err(why) => cut_short(problem, options, why),
    }
}

/// The answer of a run stopped before its tree (or its Newton site) was
/// finished: at a zero of K, the Newton distance bounds λ, and anywhere
/// λ ≤ d + deg φ (see `global_resolved`). A bound is all that is claimed.
fn cut_short(problem: &Problem, options: &Options, why: Exhausted) -> Result<Resolution, Error> {
    let sites = budget::grace_part(0.5, || -> Result<Vec<Site>, Error> {
        let Ok(k) = problem.k(&options.limits) else {
            return Ok(Vec::new());
        };
        Ok(match &problem.point {
            Some(p) => vec![point_site(problem, &k, p, Decide::Bound)?],
            None => {
                let samples = sample::grid(&problem.domain);
                newton_bounds_at_sampled_zeros(problem, &k, &samples, options.max_sites)
            }
        })
    })
    .unwrap_or(Ok(Vec::new()))?;
    let mut notes = Vec::new();
    let fallback_bound = sites.is_empty().then(|| {
        let bound = dimension_bound(problem);
        notes.push(format!(
            "the analysis stopped before any bound was found: λ ≤ d + deg φ = {}, which holds at any zero of K on the box",
            fmt_rational(&bound)
        ));
        bound
    });
    Ok(Resolution {
        scope: match &problem.point {
            Some(p) => Scope::Local(p.clone()),
            None => Scope::Global,
        },
        sites,
        tree: None,
        notes,
        fallback_bound,
        stopped: Some(format!("{why} before the analysis was complete")),
    })
}

/// λ ≤ d + deg φ at any zero of K on the box (see `global_resolved`).
fn dimension_bound(problem: &Problem) -> Rational {
    Rational::from_integer((problem.dim() as i64 + i64::from(problem.prior.degree())).into())
}

/// What the checks of an input found: K expanded, and the notes a reader
/// should see (what is assumed rather than proven).
pub struct Checked {
    /// K as one polynomial.
    pub k: Poly,
    /// The sample grid of the domain the checks used.
    pub samples: Vec<Vec<Rational>>,
    /// What is assumed, not proven.
    pub notes: Vec<String>,
}

/// The checks every input must pass before anything is computed from it,
/// exact or numeric: K and the prior not identically zero, neither negative
/// at a sample point of the domain nor (for K) where the whole domain's
/// chart shows a sign change, and K zero at the point of a local problem.
pub fn check_input(problem: &Problem, options: &Options) -> Result<Checked, Error> {
    let k_line = problem.origin.k_line;
    let k = problem
        .k(&options.limits)
        .map_err(|e| Error::input(format!("{}: polynomial too large: {e}", item("K", k_line))))?;
    if k.is_zero() {
        return Err(Error::input(format!(
            "{} is identically zero: its zeta function has no poles",
            item("K", k_line)
        )));
    }
    if problem.prior.is_zero() {
        return Err(Error::input(format!(
            "{} is identically zero",
            item("the prior", problem.origin.prior_line)
        )));
    }
    let samples = sample::grid(&problem.domain);
    let mut notes = Vec::new();
    let k_proven = problem.k_manifestly_nonnegative || k.is_positive_even();
    let k_at = |x: &[Rational]| problem.k_at(x);
    check_nonnegative(problem, "K", k_line, &k_at, k_proven, &samples, &mut notes)?;
    let prior_proven = problem.prior_manifestly_nonnegative
        || problem.prior.is_positive_even()
        || prior_sign(&problem.prior, &problem.domain) == Some(true);
    let prior_line = problem.origin.prior_line;
    check_nonnegative(
        problem,
        "the prior",
        prior_line,
        &|x: &[Rational]| problem.prior.eval(x),
        prior_proven,
        &samples,
        &mut notes,
    )?;
    if !k_proven {
        // The fast paths of the analysis build no chart: look for K < 0
        // where the whole domain's chart shows it (a local problem's is
        // centred at its point).
        if let Some(w) = sign::negative_point(&sign_chart(problem)) {
            return Err(negative(problem, &w));
        }
    }
    if let Some(p) = &problem.point {
        not_vanishing_at(problem, &k, p)?;
    }
    Ok(Checked { k, samples, notes })
}

fn analyse(problem: &Problem, options: &Options) -> Result<Resolution, Error> {
    let Checked {
        k,
        samples,
        mut notes,
    } = check_input(problem, options)?;
    let mut resolution = match &problem.point {
        Some(p) => match local(problem, &k, p)? {
            Some(newton) if !options.always_resolve => newton,
            _ => local_resolved(problem, &k, p, options)?,
        },
        None if k.is_positive_even() && !options.always_resolve => {
            global_positive_even(problem, &k)?
        }
        None => global_resolved(problem, &k, &samples, options)?,
    };
    notes.append(&mut resolution.notes);
    resolution.notes = notes;
    Ok(resolution)
}

/// `K (line 3)`, or just `K` for problems built in code.
fn item(name: &str, line: usize) -> String {
    if line == 0 {
        name.to_string()
    } else {
        format!("{name} (line {line})")
    }
}

fn check_nonnegative(
    problem: &Problem,
    name: &str,
    line: usize,
    f: &dyn Fn(&[Rational]) -> Rational,
    proven: bool,
    samples: &[Vec<Rational>],
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    if proven {
        return Ok(());
    }
    if let Some(p) = samples.iter().find(|p| f(p).is_negative()) {
        return Err(Error::input(format!(
            "{} is negative on the domain: at {} it equals {}",
            item(name, line),
            problem.point_text(p),
            fmt_rational(&f(p))
        )));
    }
    notes.push(format!(
        "{name} ≥ 0 on the domain is assumed, not proven: it is not negative at any of {} sample points",
        samples.len()
    ));
    Ok(())
}

/// Whether the prior is proven ≥ 0 (`Some(true)`) or ≤ 0 on the box as a
/// monomial of constant sign (odd powers only of one-sided coordinates)
/// times a factor of constant sign; `None` when neither is shown.
fn prior_sign(prior: &Poly, domain: &[Interval]) -> Option<bool> {
    let h = prior.monomial_content();
    let unit = prior.div_monomial(&h);
    let mut positive = match unit.degree() {
        0 => unit.constant_term().is_positive(),
        _ => definite_sign(&unit, domain, 256)?,
    };
    for (e, iv) in h.iter().zip(domain) {
        if e % 2 == 1 {
            if iv.hi <= Rational::zero() {
                positive = !positive;
            } else if iv.lo < Rational::zero() {
                return None;
            }
        }
    }
    Some(positive)
}

/// The exponents h of the prior's monomial part w^h, when the rest of it
/// has a constant sign on `domain` (as given: a local problem's prior and
/// box are centred at its point). Only |φ| = |w^h|·|unit| enters the poles,
/// and φ ≥ 0 has been checked, so a negative unit (−y·(2 + x²) on y ≤ 0)
/// serves as well as a positive one.
fn prior_monomial(problem: &Problem, prior: &Poly, domain: &[Interval]) -> Result<Vec<u32>, Error> {
    let h = prior.monomial_content();
    let unit = prior.div_monomial(&h);
    let constant_sign = unit.degree() == 0 || definite_sign(&unit, domain, 256).is_some();
    if constant_sign {
        return Ok(h);
    }
    Err(Error::Unsupported(format!(
        "the prior's factor {} is not proven of constant sign on the domain",
        unit.display(&problem.vars)
    )))
}

/// The chart of the whole domain for the sign search (no prior needed):
/// centred at the point of a local problem.
fn sign_chart(problem: &Problem) -> Chart {
    let (constant, factors) = problem.k_factors.clone();
    let d = problem.dim();
    match &problem.point {
        Some(p) => {
            let factors = factors.iter().map(|f| f.map(|g| g.translate(p))).collect();
            Chart::root_at(
                problem.vars.clone(),
                &problem.domain,
                p,
                constant,
                factors,
                vec![0; d],
            )
        }
        None => Chart::root(
            problem.vars.clone(),
            problem.domain.clone(),
            constant,
            factors,
            vec![0; d],
        ),
    }
}

/// The error for a point of the domain where K < 0 (the certificate of a
/// [`sign`] search, checked again here on K as the problem gives it).
fn negative(problem: &Problem, w: &[Rational]) -> Error {
    let value = problem.k_at(w);
    let inside = problem.domain.iter().zip(w).all(|(iv, x)| iv.contains(x));
    if !(value.is_negative() && inside) {
        // Never for a correct chart; said as what it is rather than as bad input.
        return Error::Unsupported(format!(
            "internal: a sign certificate does not hold at {} (K = {} there)",
            problem.point_text(w),
            fmt_rational(&value)
        ));
    }
    Error::input(format!(
        "{} is negative on the domain: at {} it equals {}",
        item("K", problem.origin.k_line),
        problem.point_text(w),
        fmt_rational(&value)
    ))
}

/// A local problem needs K(p) = 0.
fn not_vanishing_at(problem: &Problem, k: &Poly, p: &[Rational]) -> Result<(), Error> {
    let value = k.eval(p);
    if value.is_zero() {
        return Ok(());
    }
    Err(Error::input(format!(
        "{} does not vanish at the point {}: K = {} there, so it has no singularity to measure",
        item("K", problem.origin.k_line),
        problem.point_text(p),
        fmt_rational(&value)
    )))
}

/// Work (see `newton::check_within`) the Newton method at the point of a
/// local problem may spend before the resolution: polyhedra of up to five
/// points, whose compact faces take a few linear programs.
const LOCAL_NEWTON_WORK: usize = 125;

/// The Newton method at the point of a local problem, when it certifies λ
/// on a small polyhedron (or K is positive-even there): on larger ones the
/// enumeration of compact faces, one linear program per join, and even the
/// Newton distance can cost more than the whole resolution, which reads a
/// non-degenerate polyhedron in one toric blow-up anyway. `None` otherwise;
/// the full decision waits until a tree stops short (`local_resolved`).
fn local(problem: &Problem, k: &Poly, p: &[Rational]) -> Result<Option<Resolution>, Error> {
    not_vanishing_at(problem, k, p)?;
    let translated = k.translate(p);
    let newton = crate::newton::NewtonPolyhedron::of(&translated);
    let decided =
        budget::catch(|| crate::newton::check_within(&translated, &newton, LOCAL_NEWTON_WORK));
    if decided != Ok(crate::newton::Nondegeneracy::NonDegenerate) {
        return Ok(None);
    }
    Ok(Some(Resolution {
        scope: Scope::Local(p.to_vec()),
        sites: vec![point_site(
            problem,
            k,
            p,
            Decide::Within(LOCAL_NEWTON_WORK),
        )?],
        tree: None,
        notes: Vec::new(),
        fallback_bound: None,
        stopped: None,
    }))
}

/// The Newton site at a point of a local problem (K must vanish there),
/// deciding non-degeneracy as far as `decide` says.
fn point_site(problem: &Problem, k: &Poly, p: &[Rational], decide: Decide) -> Result<Site, Error> {
    not_vanishing_at(problem, k, p)?;
    let (coords, k, prior) = (
        problem.vars.clone(),
        k.translate(p),
        problem.prior.translate(p),
    );
    let certificate = newton_site::newton_site_with(coords, k, &prior, decide);
    Ok(Site {
        locus: p.iter().cloned().map(Some).collect(),
        certificate: certificate.map_err(|e| site_error(problem, p, e))?,
    })
}

/// The Newton polyhedron of K at a point where K vanishes, whether or not
/// the analysis needed it (a resolution certifies without it): for readers
/// and pictures.
///
/// Whether K is non-degenerate there is decided within half the time left
/// of the current budget; past it, the site has the Newton distance alone.
pub fn site_at(problem: &Problem, p: &[Rational], options: &Options) -> Result<Site, Error> {
    let k = problem
        .k(&options.limits)
        .map_err(|e| Error::input(format!("K: polynomial too large: {e}")))?;
    decided_site(problem, &k, p)
}

/// The Newton site at `p` with non-degeneracy decided within half the time
/// left of the current budget, else the Newton distance alone.
fn decided_site(problem: &Problem, k: &Poly, p: &[Rational]) -> Result<Site, Error> {
    site_within(problem, k, p, Decide::Full, 0.5)
        .unwrap_or_else(|| point_site(problem, k, p, Decide::Bound))
}

/// The Newton site at `p`, deciding as far as `decide` says, within `part`
/// of the time left of the current budget; `None` when that runs out.
fn site_within(
    problem: &Problem,
    k: &Poly,
    p: &[Rational],
    decide: Decide,
    part: f64,
) -> Option<Result<Site, Error>> {
    let share = budget::current().map_or_else(Budget::unlimited, |b| b.share(part));
    share.run(|| point_site(problem, k, p, decide)).ok()
}

fn site_error(problem: &Problem, p: &[Rational], e: SiteProblem) -> Error {
    match e {
        SiteProblem::PriorNotMonomial => Error::Unsupported(format!(
            "the prior vanishes at {} but is not a monomial times a non-vanishing factor there",
            problem.point_text(p)
        )),
    }
}

/// K = Σ c_a w^a with every c_a > 0 and every a even. Let Z be the
/// coordinates whose interval contains 0. K vanishes exactly where, for every
/// term, some coordinate of its support is 0; coordinates outside Z never are.
/// In each chart of a regular refinement of the normal fan of Γ₊(K) (in the
/// Z coordinates, with the others as parameters), K = u^ℓ · K̃ where K̃ is a
/// positive-even polynomial with a positive constant term, hence K̃ > 0 on the
/// whole chart; so 1/t₀ and the codimension of the face hit are the exact
/// global λ and m (the toric-resolution argument of Varchenko 1976, here with
/// K̃ > 0 on every chart rather than only near its origin). The prior must be a
/// monomial times a factor positive on the box.
fn global_positive_even(problem: &Problem, k: &Poly) -> Result<Resolution, Error> {
    let z: Vec<usize> = (0..problem.dim())
        .filter(|&i| problem.domain[i].contains_zero())
        .collect();
    if let Some((e, c)) = k.terms().find(|(e, _)| z.iter().all(|&i| e[i] == 0)) {
        let term = Poly::monomial(e.clone(), c.clone());
        return Err(Error::input(format!(
            "{} has no zero on the domain: K ≥ {} > 0 there",
            item("K", problem.origin.k_line),
            term.display(&problem.vars)
        )));
    }
    let h = prior_monomial(problem, &problem.prior, &problem.domain)?;
    let restrict = |p: &Poly| -> Poly {
        Poly::from_terms(
            z.len(),
            p.terms()
                .map(|(e, c)| (z.iter().map(|&i| e[i]).collect(), c.clone())),
        )
    };
    let prior_local = Poly::monomial(
        z.iter().map(|&i| h[i]).collect(),
        Rational::from_integer(1.into()),
    );
    let coords: Vec<String> = z.iter().map(|&i| problem.vars[i].clone()).collect();
    let certificate =
        newton_site(coords, restrict(k), &prior_local).expect("a monomial prior always applies");
    let locus = (0..problem.dim())
        .map(|i| z.contains(&i).then(Rational::zero))
        .collect();
    Ok(Resolution {
        scope: Scope::Global,
        sites: vec![Site { locus, certificate }],
        tree: None,
        notes: Vec::new(),
        fallback_bound: None,
        stopped: None,
    })
}

/// Newton bounds at the zeros of K among the sample points: each is an upper
/// bound of the global λ, used when the resolution stops at a limit. When
/// the budget runs out on one, those found before it are kept.
fn newton_bounds_at_sampled_zeros(
    problem: &Problem,
    k: &Poly,
    samples: &[Vec<Rational>],
    max: usize,
) -> Vec<Site> {
    let mut sites = Vec::new();
    for p in samples {
        if sites.len() >= max {
            break;
        }
        let site = budget::catch(|| {
            if !problem.k_at(p).is_zero() {
                return None;
            }
            let certificate = newton_bound(
                problem.vars.clone(),
                k.translate(p),
                &problem.prior.translate(p),
            )
            .ok()?;
            Some(Site {
                locus: p.iter().cloned().map(Some).collect(),
                certificate,
            })
        });
        match site {
            Ok(Some(site)) => sites.push(site),
            Ok(None) => {}
            Err(_) => break,
        }
    }
    sites
}

/// The box a local tree starts from, and the exponents of the prior's
/// monomial part there (`prior` centred at `p`). Only a neighbourhood of
/// the point counts, so a factor of the prior that does not vanish at the
/// point is a unit there, whatever it does elsewhere: the box is shrunk
/// around the point until its sign is proven (the Jacobian prior of a
/// simplex, s₁·s₂, vanishes on the faces of a box around an interior
/// truth, but not near the truth).
fn prior_near(
    problem: &Problem,
    prior: &Poly,
    p: &[Rational],
) -> Result<(Vec<crate::problem::Interval>, Vec<u32>), Error> {
    const SHRINKS: usize = 16;
    let mut around = neighbourhood(&problem.domain, p);
    let shifted = |b: &[crate::problem::Interval]| -> Vec<crate::problem::Interval> {
        b.iter()
            .zip(p)
            .map(|(iv, x)| crate::problem::Interval {
                lo: &iv.lo - x,
                hi: &iv.hi - x,
            })
            .collect()
    };
    let unit_at_point = !prior
        .div_monomial(&prior.monomial_content())
        .constant_term()
        .is_zero();
    for _ in 0..SHRINKS {
        match prior_monomial(problem, prior, &shifted(&around)) {
            Err(_) if unit_at_point => {
                let half = Rational::new(1.into(), 2.into());
                around = around
                    .iter()
                    .zip(p)
                    .map(|(iv, x)| crate::problem::Interval {
                        lo: x + (&iv.lo - x) * &half,
                        hi: x + (&iv.hi - x) * &half,
                    })
                    .collect();
            }
            done => return done.map(|h| (around, h)),
        }
    }
    prior_monomial(problem, prior, &shifted(&around)).map(|h| (around, h))
}

/// Local analysis by blow-ups: the root chart is centred at the point, and
/// every chart carries the fiber over it, so that only poles there count.
/// Where the exploration stops at a limit, the Newton site at the point
/// joins it, non-degeneracy decided in what time is left.
fn local_resolved(
    problem: &Problem,
    k: &Poly,
    p: &[Rational],
    options: &Options,
) -> Result<Resolution, Error> {
    let prior = problem.prior.translate(p);
    let (around, h) = prior_near(problem, &prior, p)?;
    let (constant, factors) = problem.k_factors.clone();
    let factors = factors.iter().map(|f| f.map(|g| g.translate(p))).collect();
    let root = Chart::root_at(problem.vars.clone(), &around, p, constant, factors, h);
    // With many coordinates the tree may well stop at a limit, and then the
    // Newton distance at the point is the bound a user gets: it is found
    // first, in a quarter of the time (one linear program over K's
    // support; RRR 3-3-4-1 at its truth: λ ≤ 15/2, against d = 24 without).
    let early = (problem.dim() > EARLY_BOUND_DIM)
        .then(|| site_within(problem, k, p, Decide::Bound, 0.25))
        .flatten()
        .transpose()?;
    let tree =
        strategy::explore(root, &options.exploration, None).map_err(|w| negative(problem, &w))?;
    let complete = tree.unresolved().count() == 0;
    // An unfinished tree is a bound: the Newton method, now deciding every
    // face it can, may still certify λ (and then stands alone, as it would
    // have before the tree), or bound it lower. When the run's time is out,
    // the early distance serves, or the distance gets a little time of its
    // own; failing even that, λ ≤ d + deg φ (as globally).
    let sites = if complete {
        Vec::new()
    } else {
        match (site_within(problem, k, p, Decide::Full, 0.5), early) {
            (Some(decided), _) => vec![decided?],
            (None, Some(site)) => vec![site],
            (None, None) => budget::grace_part(0.5, || point_site(problem, k, p, Decide::Bound))
                .map_or(Ok(Vec::new()), |site| site.map(|s| vec![s]))?,
        }
    };
    let exact_site = !sites.is_empty() && sites.iter().all(|s| s.certificate.is_exact());
    if exact_site && !options.always_resolve {
        return Ok(Resolution {
            scope: Scope::Local(p.to_vec()),
            sites,
            tree: None,
            notes: Vec::new(),
            fallback_bound: None,
            stopped: None,
        });
    }
    let has_pole = tree.leaves().any(|(_, _, l)| l.attained_pole().is_some());
    let mut notes = Vec::new();
    let fallback_bound = (!complete && !has_pole && sites.is_empty()).then(|| {
        let bound = dimension_bound(problem);
        notes.push(format!(
            "no chart reached a pole and the Newton distance at the point was not found in time: the bound is λ ≤ d + deg φ = {}",
            fmt_rational(&bound)
        ));
        bound
    });
    Ok(Resolution {
        scope: Scope::Local(p.to_vec()),
        sites,
        tree: Some(tree),
        notes,
        fallback_bound,
        stopped: None,
    })
}

/// Above this many coordinates a local problem finds its Newton bound
/// before its tree (see `local_resolved`); below it the tree is quick, and
/// the bound's linear program would cost more than it (factor analysis
/// p = 5 at its diagonal truth, 10 coordinates: 72 ms against 31 ms).
const EARLY_BOUND_DIM: usize = 12;

/// The box a local problem is resolved over: the domain near the point,
/// within 1/2, 1/3, 1/5, … (the primes, one per coordinate) of it. Only a
/// neighbourhood of the point matters, and half-widths with no monomial
/// relation among them (r^a = r^b only for a = b) keep the real zeros of
/// face polynomials off the walls between toric charts, where a chart's
/// box would only touch them: x² − y² has its zeros at |x| = |y|, on the
/// wall of every blow-up of the unit square, but at |x|/|y| = 2/3 in the
/// box of half-widths 1/2 and 1/3. Many coordinates would make the numbers
/// long for no such gain: beyond the 24th coordinate the domain is kept.
fn neighbourhood(domain: &[Interval], p: &[Rational]) -> Vec<Interval> {
    const PRIMES: [i64; 24] = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
    ];
    if domain.len() > PRIMES.len() {
        return domain.to_vec();
    }
    domain
        .iter()
        .zip(p)
        .zip(PRIMES)
        .map(|((iv, x), prime)| {
            let r = Rational::new(1.into(), prime.into());
            Interval {
                lo: iv.lo.clone().max(x - &r),
                hi: iv.hi.clone().min(x + &r),
            }
        })
        .collect()
}

/// Global analysis by blow-ups: the root chart is the whole domain; the tree's
/// leaves cover it. When the exploration stops at a limit, the Newton bounds
/// at sampled zeros are added so that a bound is always available.
fn global_resolved(
    problem: &Problem,
    k: &Poly,
    samples: &[Vec<Rational>],
    options: &Options,
) -> Result<Resolution, Error> {
    let h = prior_monomial(problem, &problem.prior, &problem.domain)?;
    let (constant, factors) = problem.k_factors.clone();
    let root = Chart::root(
        problem.vars.clone(),
        problem.domain.clone(),
        constant,
        factors,
        h,
    );
    let bound = rank::lower_bound(problem, samples);
    let tree =
        strategy::explore(root, &options.exploration, bound).map_err(|w| negative(problem, &w))?;
    let unresolved = tree.unresolved().count();
    let has_pole = tree.leaves().any(|(_, _, l)| l.leading.is_some());
    if unresolved == 0 && !has_pole {
        return Err(Error::input(format!(
            "{} has no zero on the domain: every chart of its resolution is certified zero-free",
            item("K", problem.origin.k_line)
        )));
    }
    let mut resolution = Resolution {
        scope: Scope::Global,
        sites: Vec::new(),
        tree: Some(tree),
        notes: Vec::new(),
        fallback_bound: None,
        stopped: None,
    };
    if unresolved > 0 {
        // A bound must exist even if no leaf carries a pole: add Newton
        // sites (with a little time of their own if the budget ran out).
        resolution.sites = budget::grace_part(0.5, || {
            newton_bounds_at_sampled_zeros(problem, k, samples, options.max_sites)
        })
        .unwrap_or_default();
        if !has_pole && resolution.sites.is_empty() {
            // Near any zero w₀ of K on the box, K ≤ C·|w − w₀| (a polynomial
            // is Lipschitz there) and φ vanishes to order at most deg φ, so
            // V(t) ≥ c·t^{d + deg φ}: λ ≤ d + deg φ, weak but certain.
            let bound = dimension_bound(problem);
            resolution.notes.push(format!(
                "no chart reached a pole and no zero of K was sampled: the bound is λ ≤ d + deg φ = {}, which holds at any zero of K on the box",
                fmt_rational(&bound)
            ));
            resolution.fallback_bound = Some(bound);
        }
    }
    Ok(resolution)
}
