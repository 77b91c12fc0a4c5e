//! Small dense linear algebra for Fay-Herriot sizes (p x p with p <= ~10 and
//! m x m with m <= a few hundred for the spatial model).
//!
//! Only what the estimators need: a row-major [`Matrix`] and a Cholesky
//! factorisation of symmetric positive-definite matrices with solves and
//! inverses built on it (the spatial model factorises the symmetric
//! `(I - rho W)'(I - rho W)`, so no LU is needed).

/// Dense row-major matrix of `f64`.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// An `rows x cols` matrix of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Self {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// The `n x n` identity.
    pub fn identity(n: usize) -> Self {
        let mut m = Self::zeros(n, n);
        for i in 0..n {
            m[(i, i)] = 1.0;
        }
        m
    }

    /// Builds a matrix from row-major data; `None` if `data.len() != rows * cols`.
    pub fn from_row_major(rows: usize, cols: usize, data: Vec<f64>) -> Option<Self> {
        (data.len() == rows * cols).then_some(Self { rows, cols, data })
    }

    /// Builds a matrix from equally long rows; `None` if rows differ in length.
    pub fn from_rows(rows: &[Vec<f64>]) -> Option<Self> {
        let cols = rows.first().map_or(0, Vec::len);
        if rows.iter().any(|r| r.len() != cols) {
            return None;
        }
        let data = rows.iter().flatten().copied().collect();
        Some(Self {
            rows: rows.len(),
            cols,
            data,
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row `i` as a slice.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Row-major data.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    /// Mutable row-major data.
    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        &mut self.data
    }

    /// The transpose.
    pub fn transpose(&self) -> Self {
        let mut t = Self::zeros(self.cols, self.rows);
        for i in 0..self.rows {
            for j in 0..self.cols {
                t[(j, i)] = self[(i, j)];
            }
        }
        t
    }

    /// Matrix product `self * other`; panics on mismatched inner dimensions
    /// (callers check dimensions when data enter the library).
    pub fn matmul(&self, other: &Self) -> Self {
        assert_eq!(self.cols, other.rows, "matmul: inner dimensions differ");
        let mut out = Self::zeros(self.rows, other.cols);
        for i in 0..self.rows {
            let out_row = &mut out.data[i * other.cols..(i + 1) * other.cols];
            for k in 0..self.cols {
                let a = self.data[i * self.cols + k];
                if a == 0.0 {
                    continue;
                }
                let b_row = &other.data[k * other.cols..(k + 1) * other.cols];
                for (o, b) in out_row.iter_mut().zip(b_row) {
                    *o += a * b;
                }
            }
        }
        out
    }

    /// Matrix-vector product `self * v`.
    pub fn mul_vec(&self, v: &[f64]) -> Vec<f64> {
        assert_eq!(self.cols, v.len(), "mul_vec: dimensions differ");
        (0..self.rows).map(|i| dot(self.row(i), v)).collect()
    }

    /// `self' * v`.
    pub fn tr_mul_vec(&self, v: &[f64]) -> Vec<f64> {
        assert_eq!(self.rows, v.len(), "tr_mul_vec: dimensions differ");
        let mut out = vec![0.0; self.cols];
        for (i, vi) in v.iter().enumerate() {
            for (o, x) in out.iter_mut().zip(self.row(i)) {
                *o += x * vi;
            }
        }
        out
    }

    /// Trace of a square matrix.
    pub fn trace(&self) -> f64 {
        (0..self.rows.min(self.cols)).map(|i| self[(i, i)]).sum()
    }

    /// `x' * self * x` for a square `self`.
    pub fn quad_form(&self, x: &[f64]) -> f64 {
        (0..self.rows).map(|i| x[i] * dot(self.row(i), x)).sum()
    }
}

impl std::ops::Index<(usize, usize)> for Matrix {
    type Output = f64;
    fn index(&self, (i, j): (usize, usize)) -> &f64 {
        &self.data[i * self.cols + j]
    }
}

impl std::ops::IndexMut<(usize, usize)> for Matrix {
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut f64 {
        &mut self.data[i * self.cols + j]
    }
}

/// Dot product of two equally long slices.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Lower-triangular Cholesky factor `L` of a symmetric positive-definite
/// matrix (`A = L L'`).
#[derive(Debug, Clone)]
pub struct Cholesky {
    l: Matrix,
}

impl Cholesky {
    /// Factorises a square `a`. On failure returns the index `j` of the first
    /// pivot that is not positive: column `j` is (numerically) a linear
    /// combination of columns `0..j`. The test is scale-free: the pivot must
    /// exceed `1e-12 * a_jj`, i.e. `1 - R^2` of column `j` on the previous
    /// ones must exceed `1e-12`.
    pub fn new(a: &Matrix) -> Result<Self, usize> {
        let n = a.rows();
        assert_eq!(a.cols(), n, "Cholesky of a non-square matrix");
        let mut l = Matrix::zeros(n, n);
        for j in 0..n {
            let ajj = a[(j, j)];
            let mut d = ajj;
            for k in 0..j {
                d -= l[(j, k)] * l[(j, k)];
            }
            if !(ajj > 0.0 && d > 1e-12 * ajj) {
                return Err(j);
            }
            let djj = d.sqrt();
            l[(j, j)] = djj;
            for i in j + 1..n {
                let mut s = a[(i, j)];
                for k in 0..j {
                    s -= l[(i, k)] * l[(j, k)];
                }
                l[(i, j)] = s / djj;
            }
        }
        Ok(Self { l })
    }

    /// Solves `A x = b`.
    pub fn solve(&self, b: &[f64]) -> Vec<f64> {
        let n = self.l.rows();
        let mut x = b.to_vec();
        for i in 0..n {
            let mut s = x[i];
            for k in 0..i {
                s -= self.l[(i, k)] * x[k];
            }
            x[i] = s / self.l[(i, i)];
        }
        for i in (0..n).rev() {
            let mut s = x[i];
            for k in i + 1..n {
                s -= self.l[(k, i)] * x[k];
            }
            x[i] = s / self.l[(i, i)];
        }
        x
    }

    /// `A^{-1}`.
    pub fn inverse(&self) -> Matrix {
        let n = self.l.rows();
        let mut inv = Matrix::zeros(n, n);
        let mut e = vec![0.0; n];
        for j in 0..n {
            e.iter_mut().for_each(|v| *v = 0.0);
            e[j] = 1.0;
            let col = self.solve(&e);
            for (i, c) in col.into_iter().enumerate() {
                inv[(i, j)] = c;
            }
        }
        inv
    }

    /// `log det A = 2 sum log L_ii`.
    pub fn log_det(&self) -> f64 {
        (0..self.l.rows()).map(|i| 2.0 * self.l[(i, i)].ln()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_solves_and_inverts() {
        let a = Matrix::from_rows(&[
            vec![4.0, 2.0, 0.6],
            vec![2.0, 5.0, 1.0],
            vec![0.6, 1.0, 3.0],
        ])
        .unwrap();
        let c = Cholesky::new(&a).unwrap();
        let x = c.solve(&[1.0, 2.0, 3.0]);
        let back = a.mul_vec(&x);
        for (b, e) in back.iter().zip([1.0, 2.0, 3.0]) {
            assert!((b - e).abs() < 1e-12);
        }
        let id = a.matmul(&c.inverse());
        for i in 0..3 {
            for j in 0..3 {
                let e = if i == j { 1.0 } else { 0.0 };
                assert!((id[(i, j)] - e).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn cholesky_rejects_singular() {
        let a = Matrix::from_rows(&[vec![1.0, 2.0], vec![2.0, 4.0]]).unwrap();
        assert_eq!(Cholesky::new(&a).unwrap_err(), 1);
    }
}
