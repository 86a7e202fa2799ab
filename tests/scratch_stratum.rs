use rlct::poly::{determinant, Limits, Poly};
use rlct::problem::Factor;
#[test]
fn scratch() {
    let model = rlct::models::lda(4, 2, 2, 1).unwrap();
    let problem = model.problem().unwrap();
    let gens: Vec<Poly> = match &problem.k_factors.1[0] {
        Factor::Sos(g) => g.iter().map(|(_, g)| g.clone()).collect(),
        _ => panic!(),
    };
    let d = problem.dim();
    let l = Limits::default();
    let t = std::time::Instant::now();
    let p = rlct::poly::solve::rational_point(&gens, &problem.domain);
    println!(
        "gens: {:?} in {:?}",
        p.map(|p| p.iter().map(|x| x.to_string()).collect::<Vec<_>>()),
        t.elapsed()
    );
    for base in [[0usize, 2, 4], [0, 1, 2]] {
        let mut sys = gens.clone();
        for k in 0..6 {
            if base.contains(&k) {
                continue;
            }
            let mut rows = base.to_vec();
            rows.push(k);
            rows.sort();
            for a in 0..d {
                for b in a + 1..d {
                    for c in b + 1..d {
                        for e in c + 1..d {
                            let cs = [a, b, c, e];
                            let m: Vec<Vec<Poly>> = rows
                                .iter()
                                .map(|&r| cs.iter().map(|&c| gens[r].derivative(c)).collect())
                                .collect();
                            let m = determinant(&m, &l).unwrap();
                            if !m.is_zero() {
                                sys.push(m);
                            }
                        }
                    }
                }
            }
        }
        let t = std::time::Instant::now();
        let p = rlct::poly::solve::rational_point(&sys, &problem.domain);
        println!(
            "base {:?}: {} polys: {:?} in {:?}",
            base,
            sys.len(),
            p.map(|p| p.iter().map(|x| x.to_string()).collect::<Vec<_>>()),
            t.elapsed()
        );
    }
}
