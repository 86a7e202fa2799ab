//! A small exact linear-programming solver: dense two-phase simplex over ℚ
//! with Bland's rule (which cannot cycle, Bland 1977). Newton polyhedra here
//! have at most a few hundred vertices in a handful of dimensions, so a
//! dense tableau is simple and fast enough, and exactness is what matters.

use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, One, Signed, Zero};

use crate::poly::Rational;

/// The sense of a linear constraint `a·x (rel) b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relation {
    Le,
    Ge,
    Eq,
}

/// Maximise `objective·x` subject to the constraints; variables are
/// non-negative unless marked free.
#[derive(Clone, Debug)]
pub(crate) struct LinearProgram {
    pub free: Vec<bool>,
    pub constraints: Vec<(Vec<Rational>, Relation, Rational)>,
    pub objective: Vec<Rational>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Outcome {
    Optimal { value: Rational, x: Vec<Rational> },
    Infeasible,
    Unbounded,
}

impl LinearProgram {
    pub fn new(nvars: usize) -> Self {
        LinearProgram {
            free: vec![false; nvars],
            constraints: Vec::new(),
            objective: vec![Rational::zero(); nvars],
        }
    }

    pub fn constrain(&mut self, a: Vec<Rational>, rel: Relation, b: Rational) {
        // Programs with thousands of rows are built row by row: each one
        // is a chance to stop.
        crate::budget::checkpoint();
        debug_assert_eq!(a.len(), self.free.len());
        self.constraints.push((a, rel, b));
    }

    pub fn solve(&self) -> Outcome {
        self.run().0
    }

    /// The optimum with a dual solution: `y` with one entry per constraint
    /// (in their order), `y = c_B·B⁻¹` read off the final tableau's identity
    /// columns. Callers check what they use of it (it is a certificate, not
    /// a promise: rows dropped as redundant get whatever value remains).
    pub fn solve_with_duals(&self) -> Option<(Vec<Rational>, Vec<Rational>)> {
        match self.run() {
            (Outcome::Optimal { x, .. }, Some(y)) => Some((x, y)),
            _ => None,
        }
    }

    /// The simplex in machine-word fractions first — Newton polyhedra have
    /// small integer exponents, and big-integer fractions cost most of a
    /// chart's time — and, if a numerator or denominator overflows, again
    /// from the start in big fractions. Both are exact, and follow the same
    /// pivots, so the answer does not depend on which one finished.
    fn run(&self) -> (Outcome, Option<Vec<Rational>>) {
        if let Some(done) = Tableau::<Small>::build(self).and_then(|t| t.run(self)) {
            return done;
        }
        Tableau::<Rational>::build(self)
            .and_then(|t| t.run(self))
            .expect("big fractions do not overflow")
    }
}

/// The exact arithmetic the simplex needs: fractions whose operations are
/// checked. A machine-word fraction overflowing makes the simplex give up,
/// and the caller starts again in big fractions, where nothing fails.
trait Field: Clone + PartialOrd + Signed + CheckedAdd + CheckedSub + CheckedMul + CheckedDiv {
    fn from_rational(q: &Rational) -> Option<Self>;
    fn to_rational(&self) -> Rational;
}

impl Field for Rational {
    fn from_rational(q: &Rational) -> Option<Self> {
        Some(q.clone())
    }
    fn to_rational(&self) -> Rational {
        self.clone()
    }
}

/// A fraction of 128-bit integers, kept in lowest terms.
type Small = num_rational::Ratio<i128>;

impl Field for Small {
    fn from_rational(q: &Rational) -> Option<Self> {
        use num_traits::ToPrimitive;
        Some(Small::new_raw(q.numer().to_i128()?, q.denom().to_i128()?))
    }
    fn to_rational(&self) -> Rational {
        Rational::new_raw((*self.numer()).into(), (*self.denom()).into())
    }
}

/// `Σ a_i·b_i`, or `None` on overflow.
fn dot<'a, F: Field + 'a>(pairs: impl Iterator<Item = (&'a F, &'a F)>) -> Option<F> {
    let mut sum = F::zero();
    for (a, b) in pairs {
        if !a.is_zero() && !b.is_zero() {
            sum = sum.checked_add(&a.checked_mul(b)?)?;
        }
    }
    Some(sum)
}

struct Tableau<F> {
    rows: Vec<Vec<F>>, // each row: columns then right-hand side
    basis: Vec<usize>,
    /// Whether each column is in the basis (the entering search asks it
    /// of every column at every pivot).
    in_basis: Vec<bool>,
    ncols: usize,
    artificial: Vec<bool>,
    /// Per constraint: the column that started as its identity column
    /// (slack or artificial), and whether its row was negated (b < 0).
    identity: Vec<(usize, bool)>,
    /// Column of the positive part of each variable, and of its negative part when free.
    columns: Vec<(usize, Option<usize>)>,
}

impl<F: Field> Tableau<F> {
    fn build(lp: &LinearProgram) -> Option<Tableau<F>> {
        let mut columns = Vec::new();
        let mut ncols = 0;
        for &free in &lp.free {
            let pos = ncols;
            ncols += 1;
            let neg = free.then(|| {
                ncols += 1;
                ncols - 1
            });
            columns.push((pos, neg));
        }
        // Count the extra columns: one slack/surplus per inequality, one artificial per ≥ or = row.
        let mut extra = Vec::new();
        for (_, rel, b) in &lp.constraints {
            let rel = if b.is_negative() { flip(*rel) } else { *rel };
            extra.push(rel);
        }
        let nslack = extra.iter().filter(|r| **r != Relation::Eq).count();
        let nart = extra.iter().filter(|r| **r != Relation::Le).count();
        let total = ncols + nslack + nart;
        let mut artificial = vec![false; total];
        let mut rows = Vec::new();
        let mut basis = Vec::new();
        let mut next_slack = ncols;
        let mut next_art = ncols + nslack;
        let mut identity = Vec::new();
        for ((a, _, b), rel) in lp.constraints.iter().zip(&extra) {
            crate::budget::checkpoint();
            let negated = b.is_negative();
            let signed = |q: &Rational| F::from_rational(&if negated { -q } else { q.clone() });
            let mut row = vec![F::zero(); total + 1];
            for (j, coef) in a.iter().enumerate() {
                let (pos, neg) = columns[j];
                row[pos] = signed(coef)?;
                if let Some(neg) = neg {
                    row[neg] = signed(&-coef)?;
                }
            }
            row[total] = signed(b)?;
            identity.push((
                if *rel == Relation::Le {
                    next_slack
                } else {
                    next_art
                },
                negated,
            ));
            match rel {
                Relation::Le => {
                    row[next_slack] = F::one();
                    basis.push(next_slack);
                    next_slack += 1;
                }
                Relation::Ge => {
                    row[next_slack] = -F::one();
                    next_slack += 1;
                    row[next_art] = F::one();
                    artificial[next_art] = true;
                    basis.push(next_art);
                    next_art += 1;
                }
                Relation::Eq => {
                    row[next_art] = F::one();
                    artificial[next_art] = true;
                    basis.push(next_art);
                    next_art += 1;
                }
            }
            rows.push(row);
        }
        let mut in_basis = vec![false; total];
        for &b in &basis {
            in_basis[b] = true;
        }
        Some(Tableau {
            rows,
            basis,
            in_basis,
            ncols: total,
            artificial,
            identity,
            columns,
        })
    }

    fn pivot(&mut self, r: usize, c: usize) -> Option<()> {
        crate::budget::checkpoint();
        let p = self.rows[r][c].clone();
        for v in self.rows[r].iter_mut() {
            if !v.is_zero() {
                *v = v.checked_div(&p)?;
            }
        }
        let pivot_row = self.rows[r].clone();
        for (i, row) in self.rows.iter_mut().enumerate() {
            if i == r || row[c].is_zero() {
                continue;
            }
            let f = row[c].clone();
            for (v, pv) in row.iter_mut().zip(&pivot_row) {
                if !pv.is_zero() {
                    *v = v.checked_sub(&f.checked_mul(pv)?)?;
                }
            }
        }
        self.in_basis[self.basis[r]] = false;
        self.in_basis[c] = true;
        self.basis[r] = c;
        Some(())
    }

    /// Maximises `cost` over the allowed columns; `Some(false)` when
    /// unbounded, `None` on overflow.
    ///
    /// The entering column is the one of largest reduced cost (Dantzig),
    /// which takes far fewer pivots than Bland's rule; after a run of
    /// degenerate pivots (the objective not moving, where Dantzig's rule can
    /// cycle) it is Bland's smallest index until the objective moves again.
    /// Each move strictly improves the objective, so no basis recurs across
    /// moves, and Bland's rule cannot cycle between them (Bland 1977): the
    /// method ends.
    fn optimise(&mut self, cost: &[F], allowed: &[bool]) -> Option<bool> {
        const DEGENERATE_RUN: usize = 16;
        let mut degenerate = 0usize;
        let mut objective = self.value(cost)?;
        // Reduced costs c_j − c_B·B⁻¹A_j, kept up to date through the
        // pivots like one more row of the tableau (recomputing them from
        // the rows took as long as the pivots themselves).
        let mut reduced = Vec::with_capacity(self.ncols);
        for (j, c) in cost.iter().enumerate() {
            let basic = dot(self
                .rows
                .iter()
                .map(|row| &row[j])
                .zip(self.basis.iter().map(|&b| &cost[b])))?;
            reduced.push(c.checked_sub(&basic)?);
        }
        loop {
            let bland = degenerate >= DEGENERATE_RUN;
            let mut entering: Option<(usize, &F)> = None;
            for (j, rc) in reduced.iter().enumerate() {
                if !allowed[j] || self.in_basis[j] {
                    continue;
                }
                if rc.is_positive() && entering.is_none_or(|(_, r)| rc > r) {
                    entering = Some((j, rc));
                    if bland {
                        break;
                    }
                }
            }
            let Some((c, _)) = entering else {
                return Some(true);
            };
            let rhs = self.ncols;
            let mut leaving: Option<(usize, F)> = None;
            for (i, row) in self.rows.iter().enumerate() {
                if row[c].is_positive() {
                    let ratio = row[rhs].checked_div(&row[c])?;
                    let better = match &leaving {
                        None => true,
                        Some((li, lr)) => {
                            ratio < *lr || (ratio == *lr && self.basis[i] < self.basis[*li])
                        }
                    };
                    if better {
                        leaving = Some((i, ratio));
                    }
                }
            }
            let Some((r, _)) = leaving else {
                return Some(false);
            };
            self.pivot(r, c)?;
            let entering_cost = reduced[c].clone();
            for (rc, p) in reduced.iter_mut().zip(&self.rows[r]) {
                if !p.is_zero() {
                    *rc = rc.checked_sub(&entering_cost.checked_mul(p)?)?;
                }
            }
            let now = self.value(cost)?;
            if now == objective {
                degenerate += 1;
            } else {
                degenerate = 0;
                objective = now;
            }
        }
    }

    fn value(&self, cost: &[F]) -> Option<F> {
        let rhs = self.ncols;
        dot(self
            .rows
            .iter()
            .map(|row| &row[rhs])
            .zip(self.basis.iter().map(|&b| &cost[b])))
    }

    /// The outcome, and the duals at an optimum; `None` on overflow.
    fn run(mut self, lp: &LinearProgram) -> Option<(Outcome, Option<Vec<Rational>>)> {
        // Phase 1: drive the artificial variables to zero.
        let minus_one = -F::one();
        let phase1: Vec<F> = self
            .artificial
            .iter()
            .map(|&a| if a { minus_one.clone() } else { F::zero() })
            .collect();
        let all = vec![true; self.ncols];
        self.optimise(&phase1, &all)?;
        if self.value(&phase1)?.is_negative() {
            return Some((Outcome::Infeasible, None));
        }
        // Pivot remaining (zero-valued) artificials out of the basis, dropping redundant rows.
        let mut i = 0;
        while i < self.rows.len() {
            if self.artificial[self.basis[i]] {
                let col =
                    (0..self.ncols).find(|&j| !self.artificial[j] && !self.rows[i][j].is_zero());
                match col {
                    Some(j) => self.pivot(i, j)?,
                    None => {
                        self.in_basis[self.basis[i]] = false;
                        self.rows.remove(i);
                        self.basis.remove(i);
                        continue;
                    }
                }
            }
            i += 1;
        }
        // Phase 2.
        let mut cost = vec![F::zero(); self.ncols];
        for (j, c) in lp.objective.iter().enumerate() {
            let (pos, neg) = self.columns[j];
            cost[pos] = F::from_rational(c)?;
            if let Some(neg) = neg {
                cost[neg] = F::from_rational(&-c)?;
            }
        }
        let allowed: Vec<bool> = self.artificial.iter().map(|a| !a).collect();
        if !self.optimise(&cost, &allowed)? {
            return Some((Outcome::Unbounded, None));
        }
        let mut col_value = vec![Rational::zero(); self.ncols];
        for (row, &b) in self.rows.iter().zip(&self.basis) {
            col_value[b] = row[self.ncols].to_rational();
        }
        let x = self
            .columns
            .iter()
            .map(|&(pos, neg)| {
                let v = col_value[pos].clone();
                match neg {
                    Some(n) => v - &col_value[n],
                    None => v,
                }
            })
            .collect();
        let mut duals = Vec::with_capacity(self.identity.len());
        for &(col, negated) in &self.identity {
            let y = dot(self
                .rows
                .iter()
                .map(|row| &row[col])
                .zip(self.basis.iter().map(|&b| &cost[b])))?
            .to_rational();
            duals.push(if negated { -y } else { y });
        }
        let value = self.value(&cost)?.to_rational();
        Some((Outcome::Optimal { value, x }, Some(duals)))
    }
}

fn flip(r: Relation) -> Relation {
    match r {
        Relation::Le => Relation::Ge,
        Relation::Ge => Relation::Le,
        Relation::Eq => Relation::Eq,
    }
}

/// For the polyhedral cone `{x : E·x = 0, G·x ≥ 0}`, which rows of `G` can be
/// strictly positive somewhere on it. Because the set is a cone, a sum of
/// witnesses is a witness for all of them at once, so a single LP that
/// maximises `Σ min(1, g_k·x)` decides every row.
pub(crate) fn strictly_positive_rows(
    nvars: usize,
    eq: &[Vec<Rational>],
    ge: &[Vec<Rational>],
) -> Vec<bool> {
    let n = nvars + ge.len(); // x (free) then one s_k per row
    let mut lp = LinearProgram::new(n);
    for j in 0..nvars {
        lp.free[j] = true;
    }
    let zero = Rational::zero;
    for row in eq {
        let mut a = row.clone();
        a.resize(n, zero());
        lp.constrain(a, Relation::Eq, zero());
    }
    for (k, row) in ge.iter().enumerate() {
        let mut a = row.clone();
        a.resize(n, zero());
        lp.constrain(a.clone(), Relation::Ge, zero());
        // s_k ≤ g_k·x
        let mut b: Vec<Rational> = row.iter().map(|v| -v).collect();
        b.resize(n, zero());
        b[nvars + k] = Rational::one();
        lp.constrain(b, Relation::Le, zero());
        let mut cap = vec![zero(); n];
        cap[nvars + k] = Rational::one();
        lp.constrain(cap, Relation::Le, Rational::one());
        lp.objective[nvars + k] = Rational::one();
    }
    match lp.solve() {
        Outcome::Optimal { x, .. } => x[nvars..].iter().map(|s| s.is_positive()).collect(),
        // x = 0 is always feasible and the objective is capped.
        _ => unreachable!("the cone LP is feasible and bounded"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64) -> Rational {
        Rational::from_integer(n.into())
    }

    #[test]
    fn small_lp() {
        // max x + y s.t. x + 2y ≤ 4, 3x + y ≤ 6 → (8/5, 6/5), value 14/5
        let mut lp = LinearProgram::new(2);
        lp.objective = vec![q(1), q(1)];
        lp.constrain(vec![q(1), q(2)], Relation::Le, q(4));
        lp.constrain(vec![q(3), q(1)], Relation::Le, q(6));
        match lp.solve() {
            Outcome::Optimal { value, .. } => assert_eq!(value, Rational::new(14.into(), 5.into())),
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn overflowing_word_fractions_fall_back_to_big_ones() {
        // max x + y s.t. a·x + b·y ≤ a·b, b·x + a·y ≤ a·b with a, b near
        // 2⁷⁰: the entries fit in 128 bits, their products do not. The
        // optimum is at x = y = a·b/(a + b), value 2ab/(a + b).
        let big = |e: u32, d: i64| Rational::from_integer((num_bigint::BigInt::from(1) << e) + d);
        let (a, b) = (big(70, 1), big(70, 3));
        let mut lp = LinearProgram::new(2);
        lp.objective = vec![q(1), q(1)];
        lp.constrain(vec![a.clone(), b.clone()], Relation::Le, &a * &b);
        lp.constrain(vec![b.clone(), a.clone()], Relation::Le, &a * &b);
        assert!(Small::from_rational(&(&a * &b)).is_none());
        match lp.solve() {
            Outcome::Optimal { value, .. } => {
                assert_eq!(value, q(2) * &a * &b / (&a + &b))
            }
            o => panic!("{o:?}"),
        }
        // And where every entry fits but an update does not.
        let mut lp = LinearProgram::new(2);
        lp.objective = vec![q(1), q(1)];
        lp.constrain(vec![a.clone(), b.clone()], Relation::Le, q(1));
        lp.constrain(vec![b.clone(), a.clone()], Relation::Le, q(1));
        match lp.solve() {
            Outcome::Optimal { value, .. } => assert_eq!(value, q(2) / (&a + &b)),
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn infeasible_and_unbounded() {
        let mut lp = LinearProgram::new(1);
        lp.constrain(vec![q(1)], Relation::Ge, q(2));
        lp.constrain(vec![q(1)], Relation::Le, q(1));
        assert_eq!(lp.solve(), Outcome::Infeasible);
        let mut lp = LinearProgram::new(1);
        lp.objective = vec![q(1)];
        lp.constrain(vec![q(1)], Relation::Ge, q(2));
        assert_eq!(lp.solve(), Outcome::Unbounded);
    }

    #[test]
    fn cone_rows() {
        // cone {x ≥ 0, y ≥ 0, x - y ≥ 0, y - x ≥ 0} is the ray x = y
        let ge = vec![
            vec![q(1), q(0)],
            vec![q(0), q(1)],
            vec![q(1), q(-1)],
            vec![q(-1), q(1)],
        ];
        assert_eq!(
            strictly_positive_rows(2, &[], &ge),
            vec![true, true, false, false]
        );
    }
}
