//! One-dimensional minimisation: Brent's method (Brent 1973, "Algorithms for
//! minimization without derivatives", ch. 5; the algorithm of R `optimize`),
//! golden-section steps safeguarded by parabolic interpolation.

/// Minimiser of `f` on `[a, b]` to absolute tolerance about `tol` in x.
pub fn brent_min(mut f: impl FnMut(f64) -> f64, a: f64, b: f64, tol: f64) -> f64 {
    const GOLD: f64 = 0.381_966_011_250_105_1; // (3 - sqrt 5) / 2
    let eps = f64::EPSILON.sqrt();
    let (mut a, mut b) = (a.min(b), a.max(b));
    let mut v = a + GOLD * (b - a);
    let (mut w, mut x) = (v, v);
    let mut fx = f(x);
    let (mut fv, mut fw) = (fx, fx);
    let (mut d, mut e) = (0.0f64, 0.0f64);
    for _ in 0..500 {
        let xm = 0.5 * (a + b);
        let tol1 = eps * x.abs() + tol / 3.0;
        let tol2 = 2.0 * tol1;
        if (x - xm).abs() <= tol2 - 0.5 * (b - a) {
            break;
        }
        let mut golden = true;
        if e.abs() > tol1 {
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            if p.abs() < (0.5 * q * e).abs() && p > q * (a - x) && p < q * (b - x) {
                e = d;
                d = p / q;
                let u = x + d;
                if u - a < tol2 || b - u < tol2 {
                    d = if x < xm { tol1 } else { -tol1 };
                }
                golden = false;
            }
        }
        if golden {
            e = if x < xm { b - x } else { a - x };
            d = GOLD * e;
        }
        let u = if d.abs() >= tol1 {
            x + d
        } else if d > 0.0 {
            x + tol1
        } else {
            x - tol1
        };
        let fu = f(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv, w, fw) = (w, fw, u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_smooth_function() {
        let x = brent_min(
            |x| (x - 1.234_567).powi(2) + 0.1 * (x - 1.234_567).powi(4),
            -5.0,
            5.0,
            1e-10,
        );
        assert!((x - 1.234_567).abs() < 1e-8);
        let y = brent_min(|x| -(x.ln()) + x / 3.0, 0.1, 10.0, 1e-10);
        assert!((y - 3.0).abs() < 1e-7);
    }
}
