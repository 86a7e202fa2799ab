//! Regular simplicial refinements of the normal fan of a Newton polyhedron:
//! the combinatorics behind the toric blow-up ([`Chart::toric`]).
//!
//! The normal fan of Γ₊ = conv(points) + ℝⁿ_{≥0} covers the orthant ℝⁿ_{≥0};
//! its maximal cones are the normal cones of the vertices. Each is
//! triangulated (pulling the lexicographically first ray) and each simplex is
//! made unimodular by stellar subdivision at a lattice point of its
//! fundamental parallelepiped. The result is a list of cones, each spanned by
//! n primitive non-negative integer vectors with determinant ±1 and each
//! inside one cone of the normal fan, whose union is the orthant and whose
//! interiors are disjoint.
//!
//! That is all the integral needs. A cone σ with generators v_1 … v_n gives
//! the chart w_i = Π_j u_j^{v_j(i)}: on the torus it maps |u_j| ≤ 1 one to
//! one onto the w with (−log|w_1|, …, −log|w_n|) ∈ σ (a unimodular V is
//! invertible over ℤ, and modulo 2 on the signs). So the charts of the cones
//! cover the unit box up to a set of measure zero, whether or not the
//! subdivisions of neighbouring cones agree on their common faces (a fan in
//! the strict sense is what gluing charts into a variety needs; a cover of
//! the integral does not). Inside a normal cone every face polynomial met on
//! a chart's exceptional divisors is that of one face of Γ₊: where K is
//! non-degenerate, it is a monomial times a unit near them (Varchenko 1976).
//!
//! [`Chart::toric`]: super::chart::Chart::toric

use crate::budget;

/// A cone: its generators, each a primitive vector of non-negative integers.
pub type Cone = Vec<Vec<u32>>;

/// Largest number of linear systems the ray enumeration may solve: beyond
/// it the caller falls back to blow-ups of coordinate subspaces.
const MAX_SYSTEMS: u128 = 400_000;

/// Largest |det| of a simplex the stellar subdivision starts from.
const MAX_DET: i128 = 4096;

/// Largest absolute value of an entry of a generator.
const MAX_ENTRY: i128 = 1 << 20;

/// A cover of ℝⁿ_{≥0} by unimodular simplicial cones, each inside a normal
/// cone of conv(`points`) + ℝⁿ_{≥0}; `None` when the polyhedron is too large
/// to enumerate (or its numbers too large).
pub fn unimodular_cover(points: &[Vec<u32>]) -> Option<Vec<Cone>> {
    let n = points.first()?.len();
    if n == 0 {
        return None;
    }
    let points: Vec<Vec<i128>> = minimal(points)
        .into_iter()
        .map(|p| p.iter().map(|&x| i128::from(x)).collect())
        .collect();
    let rows = n + points.len() - 1;
    if choose(rows as u128, (n - 1) as u128).saturating_mul(points.len() as u128) > MAX_SYSTEMS {
        return None;
    }
    let mut out = Vec::new();
    for p in &points {
        budget::checkpoint();
        let mut ineqs: Vec<Vec<i128>> = (0..n).map(|i| unit(n, i)).collect();
        for q in &points {
            if q != p {
                ineqs.push(primitive(q.iter().zip(p).map(|(a, b)| a - b).collect()));
            }
        }
        ineqs.sort();
        ineqs.dedup();
        let rays = extreme_rays(&ineqs, n)?;
        if rank(&rays) < n {
            continue; // not a vertex
        }
        let facets = facets(&rays, &ineqs, n);
        let all: Vec<usize> = (0..rays.len()).collect();
        for simplex in triangulate(&all, n, &rays, &facets) {
            let cone: Vec<Vec<i128>> = simplex.iter().map(|&i| rays[i].clone()).collect();
            unimodular(cone, &mut out)?;
        }
    }
    Some(
        out.into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|v| v.into_iter().map(|x| x as u32).collect())
                    .collect()
            })
            .collect(),
    )
}

/// The points no other point dominates (the others lie in Γ₊ of these),
/// sorted and without repeats.
pub(crate) fn minimal(points: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = Vec::new();
    for p in points {
        let dominated = points
            .iter()
            .any(|q| q != p && q.iter().zip(p).all(|(a, b)| a <= b));
        if !dominated && !out.contains(p) {
            out.push(p.clone());
        }
    }
    out.sort();
    out
}

fn unit(n: usize, i: usize) -> Vec<i128> {
    (0..n).map(|j| i128::from(j == i)).collect()
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn primitive(v: Vec<i128>) -> Vec<i128> {
    let g = v.iter().fold(0, |g, &x| gcd(g, x));
    if g <= 1 {
        v
    } else {
        v.into_iter().map(|x| x / g).collect()
    }
}

fn dot(a: &[i128], b: &[i128]) -> i128 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn choose(n: u128, k: u128) -> u128 {
    let mut r: u128 = 1;
    for i in 0..k.min(n) {
        r = r.saturating_mul(n - i) / (i + 1);
    }
    r
}

/// Determinant of a square integer matrix (Bareiss: exact, fraction-free);
/// `None` on overflow.
pub(crate) fn det(m: &[Vec<i128>]) -> Option<i128> {
    let n = m.len();
    if n == 0 {
        return Some(1);
    }
    let mut a = m.to_vec();
    let mut sign = 1;
    let mut prev = 1i128;
    for k in 0..n - 1 {
        if a[k][k] == 0 {
            let Some(p) = (k + 1..n).find(|&i| a[i][k] != 0) else {
                return Some(0);
            };
            a.swap(k, p);
            sign = -sign;
        }
        for i in k + 1..n {
            for j in k + 1..n {
                let x = a[i][j].checked_mul(a[k][k])?;
                let y = a[i][k].checked_mul(a[k][j])?;
                a[i][j] = x.checked_sub(y)? / prev;
            }
        }
        prev = a[k][k];
    }
    Some(sign * a[n - 1][n - 1])
}

fn rank(rows: &[Vec<i128>]) -> usize {
    let q: Vec<Vec<crate::poly::Rational>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|&x| crate::poly::Rational::from_integer(x.into()))
                .collect()
        })
        .collect();
    crate::newton::rank(q)
}

/// The vector orthogonal to n − 1 vectors of ℤⁿ (their signed maximal
/// minors), primitive; zero when they are dependent, `None` on overflow.
fn orthogonal(vs: &[&Vec<i128>], n: usize) -> Option<Vec<i128>> {
    let v: Vec<i128> = (0..n)
        .map(|k| {
            let minor: Vec<Vec<i128>> = vs
                .iter()
                .map(|r| (0..n).filter(|&j| j != k).map(|j| r[j]).collect())
                .collect();
            let d = det(&minor)?;
            Some(if k % 2 == 0 { d } else { -d })
        })
        .collect::<Option<_>>()?;
    Some(primitive(v))
}

/// The extreme rays of {a : ⟨r, a⟩ ≥ 0 for every row r} (a pointed cone,
/// since the unit vectors are among the rows), sorted.
fn extreme_rays(ineqs: &[Vec<i128>], n: usize) -> Option<Vec<Vec<i128>>> {
    if n == 1 {
        return Some(vec![vec![1]]);
    }
    let mut rays: Vec<Vec<i128>> = Vec::new();
    let mut chosen: Vec<usize> = Vec::new();
    fn rec(
        start: usize,
        ineqs: &[Vec<i128>],
        n: usize,
        chosen: &mut Vec<usize>,
        rays: &mut Vec<Vec<i128>>,
    ) -> Option<()> {
        if chosen.len() == n - 1 {
            budget::checkpoint();
            let vs: Vec<&Vec<i128>> = chosen.iter().map(|&i| &ineqs[i]).collect();
            let v = orthogonal(&vs, n)?;
            if v.iter().all(|&x| x == 0) {
                return Some(());
            }
            if v.iter().any(|x| x.abs() > MAX_ENTRY) {
                return None;
            }
            for r in [v.clone(), v.iter().map(|x| -x).collect()] {
                if ineqs.iter().all(|row| dot(row, &r) >= 0) && !rays.contains(&r) {
                    rays.push(r);
                }
            }
            return Some(());
        }
        for i in start..ineqs.len() {
            chosen.push(i);
            rec(i + 1, ineqs, n, chosen, rays)?;
            chosen.pop();
        }
        Some(())
    }
    rec(0, ineqs, n, &mut chosen, &mut rays)?;
    rays.sort();
    Some(rays)
}

/// The facets of the cone spanned by `rays`, as sets of ray indices: the
/// rays tight on an inequality, when they span a hyperplane.
fn facets(rays: &[Vec<i128>], ineqs: &[Vec<i128>], n: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for row in ineqs {
        let tight: Vec<usize> = (0..rays.len())
            .filter(|&i| dot(row, &rays[i]) == 0)
            .collect();
        let vs: Vec<Vec<i128>> = tight.iter().map(|&i| rays[i].clone()).collect();
        if tight.len() >= n - 1 && rank(&vs) == n - 1 && !out.contains(&tight) {
            out.push(tight);
        }
    }
    out
}

/// A triangulation of the face `face` (ray indices, of dimension `dim`) of
/// the cone: the pulling triangulation from its first ray. A face's own
/// facets are its maximal intersections with the cone's facets that have
/// dimension one less.
fn triangulate(
    face: &[usize],
    dim: usize,
    rays: &[Vec<i128>],
    facets: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    budget::checkpoint();
    if face.len() == dim {
        return vec![face.to_vec()];
    }
    let apex = face[0];
    let mut subfaces: Vec<Vec<usize>> = Vec::new();
    for f in facets {
        let g: Vec<usize> = face.iter().copied().filter(|i| f.contains(i)).collect();
        let vs: Vec<Vec<i128>> = g.iter().map(|&i| rays[i].clone()).collect();
        if g.len() >= dim - 1
            && g.len() < face.len()
            && rank(&vs) == dim - 1
            && !subfaces.contains(&g)
        {
            subfaces.push(g);
        }
    }
    let mut out = Vec::new();
    for g in subfaces.iter().filter(|g| !g.contains(&apex)) {
        for mut s in triangulate(g, dim - 1, rays, facets) {
            s.insert(0, apex);
            out.push(s);
        }
    }
    out
}

/// Appends to `out` a unimodular subdivision of the simplicial cone spanned
/// by `cone`: while |det| > 1, a stellar subdivision at the non-zero lattice
/// point Σ λ_i v_i (0 ≤ λ_i < 1) of least coordinate sum, which replaces
/// the cone by the cones with v_i exchanged for it where λ_i > 0, each of
/// determinant λ_i·det.
fn unimodular(cone: Vec<Vec<i128>>, out: &mut Vec<Vec<Vec<i128>>>) -> Option<()> {
    budget::checkpoint();
    let n = cone.len();
    // Rows of M are the generators; det(M) = det of the matrix of columns.
    let d = det(&cone)?;
    if d == 0 {
        return Some(());
    }
    if d.abs() == 1 {
        out.push(cone);
        return Some(());
    }
    if d.abs() > MAX_DET {
        return None;
    }
    let p = parallelepiped_point(&cone, d)?;
    let lambda = coordinates(&cone, &p, d)?;
    for i in 0..n {
        if lambda[i] > 0 {
            let mut c = cone.clone();
            c[i] = p.clone();
            unimodular(c, out)?;
        }
    }
    Some(())
}

/// |det|·λ, the coordinates of `p` in the generators, as integers: by
/// Cramer's rule.
fn coordinates(cone: &[Vec<i128>], p: &[i128], d: i128) -> Option<Vec<i128>> {
    (0..cone.len())
        .map(|i| {
            let mut c = cone.to_vec();
            c[i] = p.to_vec();
            Some(det(&c)? * d.signum())
        })
        .collect()
}

/// The non-zero lattice point of the half-open parallelepiped of the cone
/// with the least coordinate sum (then the least lexicographically). The
/// lattice points there are the elements of ℤⁿ / Vℤⁿ, a group of order
/// |det| generated by the unit vectors; each is found as |det|·λ mod |det|.
fn parallelepiped_point(cone: &[Vec<i128>], d: i128) -> Option<Vec<i128>> {
    let n = cone.len();
    let m = d.abs();
    let gens: Vec<Vec<i128>> = (0..n)
        .map(|i| coordinates(cone, &unit(n, i), d))
        .collect::<Option<_>>()?;
    let mut seen: std::collections::BTreeSet<Vec<i128>> = std::collections::BTreeSet::new();
    let zero = vec![0; n];
    seen.insert(zero.clone());
    let mut queue = vec![zero];
    while let Some(c) = queue.pop() {
        budget::checkpoint();
        for g in &gens {
            let next: Vec<i128> = c
                .iter()
                .zip(g)
                .map(|(a, b)| (a + b).rem_euclid(m))
                .collect();
            if seen.insert(next.clone()) {
                queue.push(next);
            }
        }
    }
    seen.into_iter()
        .filter(|c| c.iter().any(|&x| x != 0))
        .map(|c| {
            (0..n)
                .map(|i| (0..n).map(|j| c[j] * cone[j][i]).sum::<i128>() / m)
                .collect::<Vec<i128>>()
        })
        .min_by_key(|p| (p.iter().sum::<i128>(), p.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dets(cones: &[Cone]) -> Vec<i128> {
        cones
            .iter()
            .map(|c| {
                let m: Vec<Vec<i128>> = c
                    .iter()
                    .map(|v| v.iter().map(|&x| i128::from(x)).collect())
                    .collect();
                det(&m).unwrap().abs()
            })
            .collect()
    }

    /// The cusp y² − x³: rays (1,0), (2,3), (0,1), refined by (1,1) and
    /// (1,2) into four unimodular cones (the minimal resolution's fan).
    #[test]
    fn the_cusp_needs_four_cones() {
        let cones = unimodular_cover(&[vec![3, 0], vec![0, 2]]).unwrap();
        assert_eq!(cones.len(), 4);
        assert!(dets(&cones).iter().all(|&d| d == 1));
        let mut rays: Vec<Vec<u32>> = cones.iter().flatten().cloned().collect();
        rays.sort();
        rays.dedup();
        assert_eq!(
            rays,
            vec![vec![0, 1], vec![1, 0], vec![1, 1], vec![1, 2], vec![2, 3]]
        );
    }

    /// Every cone is unimodular and the cones cover the orthant: the
    /// normalised volumes of their sections by Σ a_i = 1 add up to that of
    /// the simplex (checked through a fine lattice of rays: each ray lies in
    /// some cone).
    #[test]
    fn cones_cover_the_orthant() {
        let supports: Vec<Vec<Vec<u32>>> = vec![
            vec![vec![2, 0, 0], vec![0, 2, 0], vec![0, 0, 3]],
            vec![vec![2, 1, 0], vec![0, 3, 0], vec![0, 0, 2]],
            vec![vec![3, 0, 0], vec![0, 3, 0], vec![0, 0, 4], vec![1, 1, 1]],
            vec![vec![1, 0, 1], vec![0, 2, 0], vec![2, 0, 0], vec![0, 0, 5]],
        ];
        for s in supports {
            let cones = unimodular_cover(&s).unwrap();
            assert!(dets(&cones).iter().all(|&d| d == 1), "{s:?}");
            for a in 0..=6i128 {
                for b in 0..=6 - a {
                    let r = vec![a, b, 6 - a - b];
                    let inside = cones.iter().any(|c| {
                        let m: Vec<Vec<i128>> = c
                            .iter()
                            .map(|v| v.iter().map(|&x| i128::from(x)).collect())
                            .collect();
                        let d = det(&m).unwrap();
                        coordinates(&m, &r, d).unwrap().iter().all(|&x| x >= 0)
                    });
                    assert!(inside, "{r:?} in no cone for {s:?}");
                }
            }
        }
    }
}
