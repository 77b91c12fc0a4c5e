//! What the property tests of civis-survey share: the rows of a drawn sample.

/// The rows of a stratified cluster sample, one entry per row in each vector: the weight, a
/// variable `y`, a ratio's denominator `x`, the stratum code, the PSU (of the code type `P`
/// the test's design reads) and the domain code (`u32::MAX`: in no domain).
#[derive(Debug, Clone, Default)]
pub struct SampleRows<P> {
    pub w: Vec<f64>,
    pub y: Vec<f64>,
    pub x: Vec<f64>,
    pub stratum: Vec<u32>,
    pub psu: Vec<P>,
    pub domain: Vec<u32>,
}

impl<P> SampleRows<P> {
    /// One more row: `(w, y, x)`, then its stratum, PSU and domain.
    pub fn push(&mut self, (w, y, x): (f64, f64, f64), stratum: u32, psu: P, domain: u32) {
        self.w.push(w);
        self.y.push(y);
        self.x.push(x);
        self.stratum.push(stratum);
        self.psu.push(psu);
        self.domain.push(domain);
    }
}
