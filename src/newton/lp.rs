//! A small exact linear-programming solver: dense two-phase simplex over ℚ
//! with Bland's rule (which cannot cycle, Bland 1977). Newton polyhedra here
//! have at most a few hundred vertices in a handful of dimensions, so a
//! dense tableau is simple and fast enough, and exactness is what matters.

use num_traits::{One, Signed, Zero};

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
        Tableau::build(self).run(self).0
    }

    /// The optimum with a dual solution: `y` with one entry per constraint
    /// (in their order), `y = c_B·B⁻¹` read off the final tableau's identity
    /// columns. Callers check what they use of it (it is a certificate, not
    /// a promise: rows dropped as redundant get whatever value remains).
    pub fn solve_with_duals(&self) -> Option<(Vec<Rational>, Vec<Rational>)> {
        match Tableau::build(self).run(self) {
            (Outcome::Optimal { x, .. }, Some(y)) => Some((x, y)),
            _ => None,
        }
    }
}

struct Tableau {
    rows: Vec<Vec<Rational>>, // each row: columns then right-hand side
    basis: Vec<usize>,
    ncols: usize,
    artificial: Vec<bool>,
    /// Per constraint: the column that started as its identity column
    /// (slack or artificial), and whether its row was negated (b < 0).
    identity: Vec<(usize, bool)>,
    /// Column of the positive part of each variable, and of its negative part when free.
    columns: Vec<(usize, Option<usize>)>,
}

impl Tableau {
    fn build(lp: &LinearProgram) -> Tableau {
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
            let sign = if b.is_negative() {
                -Rational::one()
            } else {
                Rational::one()
            };
            let mut row = vec![Rational::zero(); total + 1];
            for (j, coef) in a.iter().enumerate() {
                let (pos, neg) = columns[j];
                row[pos] = coef * &sign;
                if let Some(neg) = neg {
                    row[neg] = -(coef * &sign);
                }
            }
            row[total] = b * &sign;
            let negated = b.is_negative();
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
                    row[next_slack] = Rational::one();
                    basis.push(next_slack);
                    next_slack += 1;
                }
                Relation::Ge => {
                    row[next_slack] = -Rational::one();
                    next_slack += 1;
                    row[next_art] = Rational::one();
                    artificial[next_art] = true;
                    basis.push(next_art);
                    next_art += 1;
                }
                Relation::Eq => {
                    row[next_art] = Rational::one();
                    artificial[next_art] = true;
                    basis.push(next_art);
                    next_art += 1;
                }
            }
            rows.push(row);
        }
        Tableau {
            rows,
            basis,
            ncols: total,
            artificial,
            identity,
            columns,
        }
    }

    fn pivot(&mut self, r: usize, c: usize) {
        crate::budget::checkpoint();
        let p = self.rows[r][c].clone();
        for v in self.rows[r].iter_mut() {
            *v /= &p;
        }
        let pivot_row = self.rows[r].clone();
        for (i, row) in self.rows.iter_mut().enumerate() {
            if i == r || row[c].is_zero() {
                continue;
            }
            let f = row[c].clone();
            for (v, pv) in row.iter_mut().zip(&pivot_row) {
                if !pv.is_zero() {
                    *v -= &f * pv;
                }
            }
        }
        self.basis[r] = c;
    }

    /// Maximises `cost` over the allowed columns; false when unbounded.
    ///
    /// The entering column is the one of largest reduced cost (Dantzig),
    /// which takes far fewer pivots than Bland's rule; after a run of
    /// degenerate pivots (the objective not moving, where Dantzig's rule can
    /// cycle) it is Bland's smallest index until the objective moves again.
    /// Each move strictly improves the objective, so no basis recurs across
    /// moves, and Bland's rule cannot cycle between them (Bland 1977): the
    /// method ends.
    fn optimise(&mut self, cost: &[Rational], allowed: &[bool]) -> bool {
        const DEGENERATE_RUN: usize = 16;
        let mut degenerate = 0usize;
        let mut objective = self.value(cost);
        loop {
            let bland = degenerate >= DEGENERATE_RUN;
            let mut entering: Option<(usize, Rational)> = None;
            for j in 0..self.ncols {
                if !allowed[j] || self.basis.contains(&j) {
                    continue;
                }
                let mut reduced = cost[j].clone();
                for (i, row) in self.rows.iter().enumerate() {
                    if !row[j].is_zero() {
                        reduced -= &cost[self.basis[i]] * &row[j];
                    }
                }
                if reduced.is_positive() && entering.as_ref().is_none_or(|(_, r)| reduced > *r) {
                    entering = Some((j, reduced));
                    if bland {
                        break;
                    }
                }
            }
            let Some((c, _)) = entering else { return true };
            let rhs = self.ncols;
            let mut leaving: Option<(usize, Rational)> = None;
            for (i, row) in self.rows.iter().enumerate() {
                if row[c].is_positive() {
                    let ratio = &row[rhs] / &row[c];
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
            let Some((r, _)) = leaving else { return false };
            self.pivot(r, c);
            let now = self.value(cost);
            if now == objective {
                degenerate += 1;
            } else {
                degenerate = 0;
                objective = now;
            }
        }
    }

    fn value(&self, cost: &[Rational]) -> Rational {
        let rhs = self.ncols;
        self.rows
            .iter()
            .zip(&self.basis)
            .map(|(row, &b)| &cost[b] * &row[rhs])
            .sum()
    }

    fn run(mut self, lp: &LinearProgram) -> (Outcome, Option<Vec<Rational>>) {
        // Phase 1: drive the artificial variables to zero.
        let phase1: Vec<Rational> = self
            .artificial
            .iter()
            .map(|&a| {
                if a {
                    -Rational::one()
                } else {
                    Rational::zero()
                }
            })
            .collect();
        let all = vec![true; self.ncols];
        self.optimise(&phase1, &all);
        if self.value(&phase1).is_negative() {
            return (Outcome::Infeasible, None);
        }
        // Pivot remaining (zero-valued) artificials out of the basis, dropping redundant rows.
        let mut i = 0;
        while i < self.rows.len() {
            if self.artificial[self.basis[i]] {
                let col =
                    (0..self.ncols).find(|&j| !self.artificial[j] && !self.rows[i][j].is_zero());
                match col {
                    Some(j) => self.pivot(i, j),
                    None => {
                        self.rows.remove(i);
                        self.basis.remove(i);
                        continue;
                    }
                }
            }
            i += 1;
        }
        // Phase 2.
        let mut cost = vec![Rational::zero(); self.ncols];
        for (j, c) in lp.objective.iter().enumerate() {
            let (pos, neg) = self.columns[j];
            cost[pos] = c.clone();
            if let Some(neg) = neg {
                cost[neg] = -c.clone();
            }
        }
        let allowed: Vec<bool> = self.artificial.iter().map(|a| !a).collect();
        if !self.optimise(&cost, &allowed) {
            return (Outcome::Unbounded, None);
        }
        let mut col_value = vec![Rational::zero(); self.ncols];
        for (row, &b) in self.rows.iter().zip(&self.basis) {
            col_value[b] = row[self.ncols].clone();
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
        let duals = self
            .identity
            .iter()
            .map(|&(col, negated)| {
                let y: Rational = self
                    .rows
                    .iter()
                    .zip(&self.basis)
                    .map(|(row, &b)| &cost[b] * &row[col])
                    .sum();
                if negated {
                    -y
                } else {
                    y
                }
            })
            .collect();
        let value = self.value(&cost);
        (Outcome::Optimal { value, x }, Some(duals))
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
