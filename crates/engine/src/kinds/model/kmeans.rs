//! k-means: k-means++ starts (Arthur and Vassilvitskii, 2007), Lloyd's iterations, the best of
//! several seeded starts.

use super::design::{Matrix, SplitMix};

pub const MAX_ITERATIONS: u32 = 300;

/// A clustering: centroids (rows of the design's units), each row's cluster, the within-cluster
/// sum of squares.
#[derive(Clone, Debug)]
pub struct Clustering {
    pub centroids: Vec<Vec<f64>>,
    pub labels: Vec<u32>,
    pub wcss: f64,
    pub iterations: u32,
    pub converged: bool,
}

fn distance2(x: &Matrix, i: usize, c: &[f64]) -> f64 {
    x.cols
        .iter()
        .zip(c)
        .map(|(col, m)| (col[i] - m) * (col[i] - m))
        .sum()
}

/// k-means++: the first centre uniformly, each next one with probability proportional to the
/// squared distance to the nearest centre so far.
fn plus_plus(x: &Matrix, k: usize, rng: &mut SplitMix) -> Vec<Vec<f64>> {
    let n = x.rows;
    let point = |i: usize| -> Vec<f64> { x.cols.iter().map(|c| c[i]).collect() };
    let mut centres = vec![point(rng.below(n))];
    let mut nearest: Vec<f64> = (0..n).map(|i| distance2(x, i, &centres[0])).collect();
    while centres.len() < k {
        let total: f64 = nearest.iter().sum();
        let pick = if total > 0.0 {
            let mut target = rng.unit() * total;
            let mut at = n - 1;
            for (i, d) in nearest.iter().enumerate() {
                target -= d;
                if target < 0.0 {
                    at = i;
                    break;
                }
            }
            at
        } else {
            rng.below(n)
        };
        let c = point(pick);
        for (i, d) in nearest.iter_mut().enumerate() {
            *d = d.min(distance2(x, i, &c));
        }
        centres.push(c);
    }
    centres
}

/// Lloyd's iterations from `centroids` until no row changes cluster (or the limit). An empty
/// cluster takes the row farthest from its centre.
pub fn lloyd(x: &Matrix, mut centroids: Vec<Vec<f64>>) -> Clustering {
    let n = x.rows;
    let k = centroids.len();
    let d = x.cols.len();
    let mut labels = vec![u32::MAX; n];
    let mut iterations = 0;
    let mut converged = false;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let mut changed = false;
        let mut best_d = vec![0.0; n];
        for i in 0..n {
            let (mut best, mut bd) = (0, f64::INFINITY);
            for (j, c) in centroids.iter().enumerate() {
                let dist = distance2(x, i, c);
                if dist < bd {
                    best = j;
                    bd = dist;
                }
            }
            best_d[i] = bd;
            if labels[i] != best as u32 {
                labels[i] = best as u32;
                changed = true;
            }
        }
        if !changed {
            converged = true;
            break;
        }
        let mut sums = vec![vec![0.0; d]; k];
        let mut counts = vec![0usize; k];
        for i in 0..n {
            let j = labels[i] as usize;
            counts[j] += 1;
            for (s, col) in sums[j].iter_mut().zip(&x.cols) {
                *s += col[i];
            }
        }
        for j in 0..k {
            if counts[j] == 0 {
                // Reseed an empty cluster with the row farthest from its centre.
                let far = (0..n)
                    .max_by(|a, b| best_d[*a].total_cmp(&best_d[*b]))
                    .unwrap_or(0);
                centroids[j] = x.cols.iter().map(|c| c[far]).collect();
                best_d[far] = 0.0;
            } else {
                centroids[j] = sums[j].iter().map(|s| s / counts[j] as f64).collect();
            }
        }
    }
    let wcss = (0..n)
        .map(|i| distance2(x, i, &centroids[labels[i] as usize]))
        .sum();
    Clustering {
        centroids,
        labels,
        wcss,
        iterations,
        converged,
    }
}

/// The best of `starts` k-means++ starts, clusters numbered by size (largest first; ties by
/// the first coordinate).
pub fn kmeans(x: &Matrix, k: usize, seed: u64, starts: u32) -> Clustering {
    let mut rng = SplitMix::new(seed);
    let mut best: Option<Clustering> = None;
    for _ in 0..starts.max(1) {
        let c = lloyd(x, plus_plus(x, k, &mut rng));
        if best.as_ref().is_none_or(|b| c.wcss < b.wcss) {
            best = Some(c);
        }
    }
    let Some(mut best) = best else {
        return lloyd(x, vec![vec![0.0; x.cols.len()]; k]);
    };
    let mut sizes = vec![0u64; k];
    for l in &best.labels {
        sizes[*l as usize] += 1;
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|a, b| {
        sizes[*b]
            .cmp(&sizes[*a])
            .then(best.centroids[*a][0].total_cmp(&best.centroids[*b][0]))
    });
    let mut rank = vec![0u32; k];
    for (new, old) in order.iter().enumerate() {
        rank[*old] = new as u32;
    }
    best.centroids = order.iter().map(|j| best.centroids[*j].clone()).collect();
    for l in &mut best.labels {
        *l = rank[*l as usize];
    }
    best
}

/// Starts per k: fewer on large tables, where each start reads every row a few dozen times.
pub fn starts_for(rows: usize) -> u32 {
    match rows {
        0..=20_000 => 10,
        20_001..=200_000 => 4,
        _ => 2,
    }
}
