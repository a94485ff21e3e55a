//! Quire's numerics for charts and evaluation: turning plain numbers into what a chart draws —
//! downsampling (LTTB and min/max buckets for lines, a grid for scatter), histogram bins, box
//! statistics, a least-squares line, a ROC curve, quantiles. Pure functions on slices, with no
//! polars and no serde: the engine uses them before it sends a chart's data to the page (and in
//! model evaluation, which shares [`roc`]), the chart crate when it draws. The vocabulary they
//! fill (`BinRule`, `BoxStats`) is the protocol's.

use quire_protocol::chart::{BinRule, BoxStats};

/// A receiver operating characteristic curve: false- and true-positive rates at each
/// threshold, and the area under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Roc {
    /// False-positive rates, from 0 up to 1.
    pub fpr: Vec<f64>,
    /// True-positive rates, from 0 up to 1.
    pub tpr: Vec<f64>,
    /// `thresholds[i]`: rows scoring at least this are called positive at point `i`. The
    /// first is +∞ (nothing called positive: the point (0, 0)), then the distinct scores
    /// from the highest down.
    pub thresholds: Vec<f64>,
    /// The area under the curve by the trapezoid rule: the chance that a random positive
    /// scores above a random negative, ties counted ½ (the Mann–Whitney U / (n₊·n₋)).
    pub auc: f64,
}

/// The ROC curve of `scores` against whether each row is `positive` (pairs beyond the
/// shorter slice are ignored): one point per distinct score, tied scores moving together, from
/// (0, 0) to (1, 1) — scikit-learn's `roc_curve(…, drop_intermediate=False)`. Non-finite
/// scores are skipped. `None` when there are no positives or no negatives left.
pub fn roc(scores: &[f64], positive: &[bool]) -> Option<Roc> {
    // `+ 0.0` makes −0 and +0 one score.
    let mut rows: Vec<(f64, bool)> = scores
        .iter()
        .zip(positive)
        .filter(|(s, _)| s.is_finite())
        .map(|(s, p)| (*s + 0.0, *p))
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = rows.iter().filter(|r| r.1).count();
    let negatives = rows.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let (np, nn) = (positives as f64, negatives as f64);
    let mut out = Roc {
        fpr: vec![0.0],
        tpr: vec![0.0],
        thresholds: vec![f64::INFINITY],
        auc: 0.0,
    };
    let (mut tp, mut fp) = (0_usize, 0_usize);
    for group in rows.chunk_by(|a, b| a.0 == b.0) {
        let hits = group.iter().filter(|r| r.1).count();
        tp += hits;
        fp += group.len() - hits;
        out.fpr.push(fp as f64 / nn);
        out.tpr.push(tp as f64 / np);
        out.thresholds.push(group[0].0);
    }
    out.auc = out
        .fpr
        .windows(2)
        .zip(out.tpr.windows(2))
        .map(|(f, t)| (f[1] - f[0]) * (t[1] + t[0]) / 2.0)
        .sum();
    Some(out)
}

/// Largest-Triangle-Three-Buckets (Steinarsson 2013): the indexes of `threshold` points of
/// `(x, y)` (x increasing) that keep the line's visual shape. Keeps everything when there are
/// no more points than that; always keeps the first and the last.
pub fn lttb(x: &[f64], y: &[f64], threshold: usize) -> Vec<usize> {
    let n = x.len().min(y.len());
    if threshold >= n || threshold < 3 {
        return (0..n).collect();
    }
    let mut out = Vec::with_capacity(threshold);
    out.push(0);
    let every = (n - 2) as f64 / (threshold - 2) as f64;
    let mut a = 0usize;
    for i in 0..threshold - 2 {
        // The next bucket's average point.
        let next_start = ((i + 1) as f64 * every) as usize + 1;
        let next_end = (((i + 2) as f64 * every) as usize + 1).min(n);
        let span = (next_end - next_start).max(1) as f64;
        let (mut ax, mut ay) = (0.0, 0.0);
        for j in next_start..next_end {
            ax += x[j];
            ay += y[j];
        }
        let (ax, ay) = (ax / span, ay / span);
        // This bucket's point making the largest triangle with the last kept one.
        let start = (i as f64 * every) as usize + 1;
        let end = (((i + 1) as f64 * every) as usize + 1).min(n - 1);
        let (px, py) = (x[a], y[a]);
        let mut best = start;
        let mut best_area = -1.0;
        for j in start..end {
            let area = ((px - ax) * (y[j] - py) - (px - x[j]) * (ay - py)).abs();
            if area > best_area {
                best_area = area;
                best = j;
            }
        }
        out.push(best);
        a = best;
    }
    out.push(n - 1);
    out
}

/// Min/max downsampling of a line in any order: x's range is cut into `buckets` equal
/// buckets, and each keeps its lowest and its highest point, in x order. One pass, no sort, at
/// most `2 × buckets` points; every peak and trough survives, so the drawn line looks the same.
pub fn minmax(x: &[f64], y: &[f64], buckets: usize) -> (Vec<f64>, Vec<f64>) {
    let Some((lo, hi)) = extent(x.iter().copied()) else {
        return (Vec::new(), Vec::new());
    };
    let buckets = buckets.max(1);
    let width = if hi > lo {
        (hi - lo) / buckets as f64
    } else {
        1.0
    };
    // Per bucket: (y, x) of the lowest and of the highest point.
    let mut low = vec![(f64::INFINITY, 0.0_f64); buckets];
    let mut high = vec![(f64::NEG_INFINITY, 0.0_f64); buckets];
    for (a, b) in x.iter().zip(y) {
        if !a.is_finite() || !b.is_finite() {
            continue;
        }
        let i = (((a - lo) / width) as usize).min(buckets - 1);
        if *b < low[i].0 || (*b == low[i].0 && *a < low[i].1) {
            low[i] = (*b, *a);
        }
        if *b > high[i].0 || (*b == high[i].0 && *a > high[i].1) {
            high[i] = (*b, *a);
        }
    }
    let mut px = Vec::with_capacity(2 * buckets);
    let mut py = Vec::with_capacity(2 * buckets);
    for (l, h) in low.iter().zip(&high) {
        if !l.0.is_finite() {
            continue;
        }
        let mut pair = [(l.1, l.0), (h.1, h.0)];
        pair.sort_by(|p, q| p.0.total_cmp(&q.0));
        for (i, (a, b)) in pair.iter().enumerate() {
            if i == 1 && pair[0] == pair[1] {
                break;
            }
            px.push(*a);
            py.push(*b);
        }
    }
    (px, py)
}

/// Scatter points reduced to at most `nx × ny` cells: one point (the cell's mean) per occupied
/// cell, with its count. Returns `(x, y, count)`.
pub fn bin_scatter(x: &[f64], y: &[f64], nx: usize, ny: usize) -> Vec<(f64, f64, u64)> {
    // Two passes over the pairs as they are (no copy of a million points): extents, then cells.
    let finite = || {
        x.iter()
            .zip(y)
            .filter(|(a, b)| a.is_finite() && b.is_finite())
    };
    let Some(((x0, x1), (y0, y1))) =
        extent(finite().map(|p| *p.0)).zip(extent(finite().map(|p| *p.1)))
    else {
        return Vec::new();
    };
    let (nx, ny) = (nx.max(1), ny.max(1));
    let cell = |v: f64, lo: f64, hi: f64, n: usize| {
        if hi > lo {
            (((v - lo) / (hi - lo)) * n as f64).min(n as f64 - 1.0) as usize
        } else {
            0
        }
    };
    let mut sums = vec![(0.0_f64, 0.0_f64, 0_u64); nx * ny];
    for (a, b) in finite() {
        let c = &mut sums[cell(*b, y0, y1, ny) * nx + cell(*a, x0, x1, nx)];
        c.0 += a;
        c.1 += b;
        c.2 += 1;
    }
    sums.into_iter()
        .filter(|c| c.2 > 0)
        .map(|(a, b, n)| (a / n as f64, b / n as f64, n))
        .collect()
}

/// The smallest and largest finite value.
pub fn extent(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// The `p` quantile of sorted values, interpolating linearly (numpy's default).
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let at = p * last as f64;
    let low = at.floor() as usize;
    let (a, b) = (sorted[low], sorted[(low + 1).min(last)]);
    Some(a + (b - a) * (at - low as f64))
}

/// Histogram edges and counts of the finite values under `rule` (between 1 and 1,000 bins of
/// equal width; a single value, or a zero interquartile range under Freedman–Diaconis, makes
/// one bin). The drawing states the rule with the bins and width it made.
pub fn histogram(values: &[f64], rule: BinRule) -> Option<(Vec<f64>, Vec<u64>)> {
    let mut v: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let (lo, hi) = (*v.first()?, *v.last()?);
    let n = v.len();
    let bins = match rule {
        BinRule::Sturges => (n as f64).log2().ceil() as usize + 1,
        BinRule::FreedmanDiaconis => {
            let iqr = quantile(&v, 0.75)? - quantile(&v, 0.25)?;
            let width = 2.0 * iqr / (n as f64).cbrt();
            if width > 0.0 {
                ((hi - lo) / width).ceil() as usize
            } else {
                1
            }
        }
        BinRule::Fixed { bins } => bins as usize,
    };
    let bins = bins.clamp(1, 1000);
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let edges: Vec<f64> = (0..=bins).map(|i| lo + width * i as f64).collect();
    let mut counts = vec![0_u64; bins];
    for x in &v {
        let i = (((x - lo) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    Some((edges, counts))
}

/// Tukey's box of the finite values, or `None` when there are none.
pub fn box_stats(name: &str, values: &[f64]) -> Option<BoxStats> {
    let mut v: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let (q1, median, q3) = (quantile(&v, 0.25)?, quantile(&v, 0.5)?, quantile(&v, 0.75)?);
    let fence = 1.5 * (q3 - q1);
    let inside = |x: &&f64| **x >= q1 - fence && **x <= q3 + fence;
    let low = v.iter().find(inside).copied().unwrap_or(q1);
    let high = v.iter().rev().find(inside).copied().unwrap_or(q3);
    let outliers = v.iter().filter(|x| !inside(x)).copied().collect();
    Some(BoxStats {
        name: name.to_owned(),
        low,
        q1,
        median,
        q3,
        high,
        outliers,
    })
}

/// The least-squares line `y = a + b·x` through the finite points, as `(a, b)`; `None` with
/// fewer than two distinct x.
pub fn linear_fit(x: &[f64], y: &[f64]) -> Option<(f64, f64)> {
    let points: Vec<(f64, f64)> = x
        .iter()
        .zip(y)
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(a, b)| (*a, *b))
        .collect();
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx == 0.0 {
        return None;
    }
    let b = sxy / sxx;
    Some((my - b * mx, b))
}

#[cfg(test)]
mod tests {
    use quire_protocol::calendar::date_of_days;

    use super::*;

    #[test]
    fn lttb_keeps_ends_and_peaks() {
        let x: Vec<f64> = (0..1000).map(f64::from).collect();
        let mut y = vec![0.0; 1000];
        y[500] = 100.0;
        y[730] = -50.0;
        let kept = lttb(&x, &y, 50);
        assert_eq!(kept.len(), 50);
        assert_eq!((kept[0], kept[49]), (0, 999));
        assert!(kept.contains(&500) && kept.contains(&730), "{kept:?}");
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(lttb(&x[..10], &y[..10], 50).len(), 10);
    }

    #[test]
    fn minmax_keeps_extremes_in_x_order_without_sorting() {
        // Shuffled x: 0..1000 in a scrambled order, a spike at x = 500 and a dip at x = 730.
        let x: Vec<f64> = (0..1000).map(|i| f64::from((i * 367) % 1000)).collect();
        let y: Vec<f64> = x
            .iter()
            .map(|v| match *v as i32 {
                500 => 100.0,
                730 => -50.0,
                _ => 0.0,
            })
            .collect();
        let (px, py) = minmax(&x, &y, 50);
        assert!(px.len() <= 100);
        assert!(px.windows(2).all(|w| w[0] <= w[1]), "in x order");
        assert!(px.iter().zip(&py).any(|(a, b)| *a == 500.0 && *b == 100.0));
        assert!(px.iter().zip(&py).any(|(a, b)| *a == 730.0 && *b == -50.0));
        assert_eq!(minmax(&[], &[], 10), (vec![], vec![]));
    }

    #[test]
    fn scatter_bins_count_every_point() {
        let x: Vec<f64> = (0..10_000).map(|i| f64::from(i % 100)).collect();
        let y: Vec<f64> = (0..10_000).map(|i| f64::from(i / 100)).collect();
        let cells = bin_scatter(&x, &y, 10, 10);
        assert_eq!(cells.len(), 100);
        assert_eq!(cells.iter().map(|c| c.2).sum::<u64>(), 10_000);
        assert!(bin_scatter(&[f64::NAN], &[1.0], 4, 4).is_empty());
    }

    #[test]
    fn histogram_rules_make_their_bins() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        let (edges, counts) = histogram(&v, BinRule::Sturges).expect("bins");
        // ⌈log₂ 100⌉ + 1 = 8
        assert_eq!(counts.len(), 8);
        assert_eq!(edges.len(), 9);
        assert_eq!(counts.iter().sum::<u64>(), 100);
        assert!((edges[1] - edges[0] - 12.375).abs() < 1e-12);
        // Freedman–Diaconis: IQR 49.5, width 2·49.5/100^(1/3) ≈ 21.33, ⌈99 / 21.33⌉ = 5.
        let (_, counts) = histogram(&v, BinRule::FreedmanDiaconis).expect("bins");
        assert_eq!(counts.len(), 5);
        let (_, counts) = histogram(&v, BinRule::Fixed { bins: 4 }).expect("bins");
        assert_eq!(counts, [25, 25, 25, 25]);
        let (_, counts) = histogram(&[5.0, 5.0], BinRule::FreedmanDiaconis).expect("bins");
        assert_eq!(counts, [2]);
        assert!(histogram(&[f64::NAN], BinRule::Sturges).is_none());
    }

    #[test]
    fn box_whiskers_stop_at_the_fences() {
        let b = box_stats("a", &[1.0, 2.0, 3.0, 4.0, 100.0]).expect("box");
        assert_eq!((b.q1, b.median, b.q3), (2.0, 3.0, 4.0));
        assert_eq!((b.low, b.high), (1.0, 4.0));
        assert_eq!(b.outliers, [100.0]);
    }

    #[test]
    fn least_squares_and_dates() {
        let (a, b) = linear_fit(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]).expect("fit");
        assert!((a - 1.0).abs() < 1e-12 && (b - 2.0).abs() < 1e-12);
        assert_eq!(linear_fit(&[1.0, 1.0], &[1.0, 2.0]), None);
        assert_eq!(date_of_days(0), "1970-01-01");
        assert_eq!(date_of_days(-165), "1969-07-20");
        assert_eq!(date_of_days(19_782), "2024-02-29");
    }

    /// Against scikit-learn's `roc_curve` and `roc_auc_score`:
    /// tests/fixtures/stats/make_roc.py wrote roc.json.
    #[test]
    fn roc_matches_scikit_learn() {
        #[derive(serde::Deserialize)]
        struct Case {
            labels: Vec<u8>,
            scores: Vec<f64>,
            fpr: Vec<f64>,
            tpr: Vec<f64>,
            thresholds: Vec<Option<f64>>,
            auc: f64,
            auc_trapezoid: f64,
        }
        #[derive(serde::Deserialize)]
        struct Fixture {
            cases: std::collections::BTreeMap<String, Case>,
        }
        let text = include_str!("../../../tests/fixtures/stats/roc.json");
        let fixture: Fixture = serde_json::from_str(text).expect("roc.json");
        assert_eq!(fixture.cases.len(), 8);
        let close = |a: &[f64], b: &[f64]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-12)
        };
        for (name, case) in &fixture.cases {
            let positive: Vec<bool> = case.labels.iter().map(|l| *l == 1).collect();
            let r = roc(&case.scores, &positive).expect(name);
            assert!(close(&r.fpr, &case.fpr), "{name}: fpr");
            assert!(close(&r.tpr, &case.tpr), "{name}: tpr");
            let thresholds: Vec<f64> = case
                .thresholds
                .iter()
                .map(|t| t.unwrap_or(f64::INFINITY))
                .collect();
            assert_eq!(r.thresholds, thresholds, "{name}: thresholds");
            assert!(
                (r.auc - case.auc).abs() <= 1e-12,
                "{name}: {} vs {}",
                r.auc,
                case.auc
            );
            assert!((r.auc - case.auc_trapezoid).abs() <= 1e-12, "{name}");
        }
    }

    #[test]
    fn roc_skips_non_finite_scores_and_needs_both_classes() {
        let r = roc(
            &[0.9, f64::NAN, 0.1, f64::INFINITY, -0.0, 0.0],
            &[true, true, false, false, true, false],
        )
        .expect("both classes");
        // 0.9 (+), 0.1 (−), then −0 (+) and 0 (−) tie; NaN and ∞ are left out.
        assert_eq!(r.thresholds, [f64::INFINITY, 0.9, 0.1, 0.0]);
        assert_eq!(r.tpr, [0.0, 0.5, 0.5, 1.0]);
        assert_eq!(r.fpr, [0.0, 0.0, 0.5, 1.0]);
        assert!((r.auc - 0.625).abs() < 1e-15);
        assert_eq!(roc(&[1.0, 2.0], &[true, true]), None);
        assert_eq!(roc(&[1.0, f64::NAN], &[false, true]), None);
        assert_eq!(roc(&[], &[]), None);
    }
}
