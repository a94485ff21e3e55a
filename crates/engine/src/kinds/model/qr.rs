//! Least squares by Householder QR, one block of rows at a time.
//!
//! [`Qr`] keeps only the `m × m` triangular factor `R` of the rows pushed so far: each block of
//! rows is stacked under `R` and reflected back to triangular form, so a million rows need a
//! few kilobytes beside the data and the cost is `n·m²` multiply-adds. With the response as the
//! last column, `R`'s last column holds `Qᵀy` and its last diagonal entry is `±√RSS` — the fit
//! and its residual sum of squares without forming the normal equations (whose condition number
//! is the square of the data's: they lose half the digits on NIST's Longley data).

/// Rows reflected into `R` per block: large enough that the loop over a block dominates, small
/// enough to stay in cache.
const BLOCK: usize = 256;

/// The triangular factor of the rows pushed so far.
pub struct Qr {
    m: usize,
    /// Row-major, upper triangular.
    r: Vec<f64>,
    /// Column-major, `BLOCK` rows per column.
    block: Vec<f64>,
    rows: usize,
}

impl Qr {
    pub fn new(m: usize) -> Self {
        Qr {
            m,
            r: vec![0.0; m * m],
            block: vec![0.0; m * BLOCK],
            rows: 0,
        }
    }

    /// Adds one row (`row.len()` must be `m`).
    pub fn push(&mut self, row: &[f64]) {
        debug_assert_eq!(row.len(), self.m);
        for (j, v) in row.iter().enumerate() {
            self.block[j * BLOCK + self.rows] = *v;
        }
        self.rows += 1;
        if self.rows == BLOCK {
            self.absorb();
        }
    }

    /// Adds `rows` rows given column by column: `fill(j, first, out)` writes column `j` of
    /// rows `first .. first + out.len()` into `out`. Cheaper than [`Qr::push`] when the
    /// values already sit in columns.
    pub fn push_columns(&mut self, rows: usize, mut fill: impl FnMut(usize, usize, &mut [f64])) {
        let mut first = 0;
        while first < rows {
            if self.rows > 0 {
                // Top up a block that `push` started, row by row.
                let mut row = vec![0.0; self.m];
                for (j, v) in row.iter_mut().enumerate() {
                    fill(j, first, std::slice::from_mut(v));
                }
                self.push(&row);
                first += 1;
                continue;
            }
            let take = BLOCK.min(rows - first);
            for j in 0..self.m {
                fill(j, first, &mut self.block[j * BLOCK..j * BLOCK + take]);
            }
            self.rows = take;
            self.absorb();
            first += take;
        }
    }

    /// Reflects the pending block into `R`.
    fn absorb(&mut self) {
        let (m, c) = (self.m, self.rows);
        for j in 0..m {
            let (head, tail) = self.block.split_at_mut((j + 1) * BLOCK);
            let v = &head[j * BLOCK..j * BLOCK + c];
            let sigma = dot(v, v);
            if sigma == 0.0 {
                continue;
            }
            let x0 = self.r[j * m + j];
            let norm = x0.hypot(sigma.sqrt());
            let alpha = if x0 >= 0.0 { -norm } else { norm };
            let v0 = x0 - alpha;
            let vtv = v0 * v0 + sigma;
            for (offset, k) in (j + 1..m).enumerate() {
                let other = &mut tail[offset * BLOCK..offset * BLOCK + c];
                let f = 2.0 * (v0 * self.r[j * m + k] + dot(v, other)) / vtv;
                self.r[j * m + k] -= f * v0;
                for (o, x) in other.iter_mut().zip(v) {
                    *o -= f * x;
                }
            }
            self.r[j * m + j] = alpha;
        }
        self.rows = 0;
    }

    /// The factor `R` (row-major, `m × m`, upper triangular).
    pub fn finish(mut self) -> Triangle {
        if self.rows > 0 {
            self.absorb();
        }
        Triangle {
            m: self.m,
            r: self.r,
        }
    }
}

/// `a · b`, in four running sums so the compiler can keep them in vector registers (strict
/// floating-point order forbids it for one sum).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for l in 0..4 {
            acc[l] += x[l] * y[l];
        }
    }
    let rest: f64 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + rest
}

/// An upper-triangular matrix, row-major.
#[derive(Clone, Debug)]
pub struct Triangle {
    pub m: usize,
    pub r: Vec<f64>,
}

impl Triangle {
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.r[i * self.m + j]
    }

    /// The leading `p × p` block.
    pub fn leading(&self, p: usize) -> Triangle {
        let mut r = vec![0.0; p * p];
        for i in 0..p {
            r[i * p..(i + 1) * p].copy_from_slice(&self.r[i * self.m..i * self.m + p]);
        }
        Triangle { m: p, r }
    }

    /// Column `j`'s first `p` entries.
    pub fn column(&self, j: usize, p: usize) -> Vec<f64> {
        (0..p).map(|i| self.at(i, j)).collect()
    }

    /// `x` with `R x = b`, by back substitution.
    pub fn solve(&self, b: &[f64]) -> Vec<f64> {
        let m = self.m;
        let mut x = b.to_vec();
        for i in (0..m).rev() {
            let row = &self.r[i * m + i + 1..(i + 1) * m];
            let known: f64 = row.iter().zip(&x[i + 1..]).map(|(a, b)| a * b).sum();
            x[i] = (x[i] - known) / self.at(i, i);
        }
        x
    }

    /// `R x` (for prior terms written as rows of `R`).
    pub fn times(&self, x: &[f64]) -> Vec<f64> {
        (0..self.m)
            .map(|i| (i..self.m).map(|k| self.at(i, k) * x[k]).sum())
            .collect()
    }

    /// `(RᵀR)⁻¹ = R⁻¹R⁻ᵀ`, row-major `m × m`: the unscaled covariance of a least-squares fit.
    pub fn inverse_gram(&self) -> Vec<f64> {
        let m = self.m;
        // R⁻¹, upper triangular, column by column.
        let mut inv = vec![0.0; m * m];
        for j in 0..m {
            let mut e = vec![0.0; m];
            e[j] = 1.0;
            let col = self.solve(&e);
            for i in 0..m {
                inv[i * m + j] = col[i];
            }
        }
        let mut out = vec![0.0; m * m];
        for i in 0..m {
            for j in i..m {
                let s: f64 = (j..m).map(|k| inv[i * m + k] * inv[j * m + k]).sum();
                out[i * m + j] = s;
                out[j * m + i] = s;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_boundary_changes_nothing() {
        // y = 1 + 2x exactly over 1000 rows (several blocks): Qᵀy solves to (1, 2), RSS 0.
        let mut qr = Qr::new(3);
        for i in 0..1000 {
            let x = f64::from(i) / 100.0;
            qr.push(&[1.0, x, 1.0 + 2.0 * x]);
        }
        let r = qr.finish();
        let beta = r.leading(2).solve(&r.column(2, 2));
        assert!((beta[0] - 1.0).abs() < 1e-12 && (beta[1] - 2.0).abs() < 1e-12);
        assert!(r.at(2, 2).abs() < 1e-9);
        // The Gram inverse of [1, x] over these rows, by the closed form of a 2×2 inverse.
        let n = 1000.0;
        let sx: f64 = (0..1000).map(|i| f64::from(i) / 100.0).sum();
        let sxx: f64 = (0..1000).map(|i| (f64::from(i) / 100.0).powi(2)).sum();
        let det = n * sxx - sx * sx;
        let g = r.leading(2).inverse_gram();
        for (got, want) in g.iter().zip([sxx / det, -sx / det, -sx / det, n / det]) {
            assert!(
                (got - want).abs() < 1e-9 * want.abs().max(1e-12),
                "{got} vs {want}"
            );
        }
    }
}
