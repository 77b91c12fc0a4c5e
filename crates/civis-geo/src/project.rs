//! Lambert azimuthal equal-area projection on the GRS 1980 ellipsoid.
//!
//! Formulas from IOGP Publication 373-7-2, *Geomatics Guidance Note 7, part 2: Coordinate
//! Conversions and Transformations including Formulas*, section 3.2.2 "Lambert Azimuthal Equal
//! Area" (EPSG method 9820). With semi-major axis `a`, eccentricity `e`, natural origin
//! (φ0, λ0) and false easting/northing (FE, FN):
//!
//! ```text
//! q   = (1 − e²) · [ sinφ / (1 − e² sin²φ) − 1/(2e) · ln((1 − e sinφ) / (1 + e sinφ)) ]
//! qP  = q at φ = 90°,   q0 = q at φ0
//! β   = asin(q / qP),   β0 = asin(q0 / qP)
//! Rq  = a · (qP / 2)^½
//! D   = a · [cosφ0 / (1 − e² sin²φ0)^½] / (Rq · cosβ0)
//! B   = Rq · [2 / (1 + sinβ0 sinβ + cosβ0 cosβ cos(λ − λ0))]^½
//! E   = FE + B·D · cosβ · sin(λ − λ0)
//! N   = FN + (B/D) · [cosβ0 sinβ − sinβ0 cosβ cos(λ − λ0)]
//! ```
//!
//! [`Laea::etrs89_europe`] is EPSG:3035 (ETRS89-extended / LAEA Europe): φ0 = 52°N, λ0 = 10°E,
//! FE = 4 321 000 m, FN = 3 210 000 m. The guidance note's worked example (φ 50°N, λ 5°E →
//! E 3 962 799.45, N 2 999 718.85) is a unit test. Treating WGS 84 (EPSG:4326) coordinates as
//! ETRS89 differs by well under a metre, far below map resolution.

/// GRS 1980 semi-major axis (m).
const GRS80_A: f64 = 6_378_137.0;
/// GRS 1980 inverse flattening.
const GRS80_INV_F: f64 = 298.257_222_101;

/// A Lambert azimuthal equal-area projection with precomputed constants.
#[derive(Debug, Clone, Copy)]
pub struct Laea {
    lon0: f64,
    false_easting: f64,
    false_northing: f64,
    e: f64,
    e2: f64,
    qp: f64,
    rq: f64,
    d: f64,
    sin_b0: f64,
    cos_b0: f64,
}

impl Laea {
    /// EPSG:3035, the projection Eurostat uses for maps of Europe.
    pub fn etrs89_europe() -> Self {
        Self::new(52.0, 10.0, 4_321_000.0, 3_210_000.0)
    }

    /// A projection centred on (lat0, lon0) in degrees with no false origin: for insets of
    /// regions far from Europe, whose shapes EPSG:3035 would distort.
    pub fn centred(lat0: f64, lon0: f64) -> Self {
        Self::new(lat0, lon0, 0.0, 0.0)
    }

    /// The projection with natural origin (lat0, lon0) in degrees and false easting/northing in metres.
    pub fn new(lat0: f64, lon0: f64, false_easting: f64, false_northing: f64) -> Self {
        let f = 1.0 / GRS80_INV_F;
        let e2 = f * (2.0 - f);
        let e = e2.sqrt();
        let q = |phi: f64| {
            let s = phi.sin();
            (1.0 - e2)
                * (s / (1.0 - e2 * s * s)
                    - (1.0 / (2.0 * e)) * ((1.0 - e * s) / (1.0 + e * s)).ln())
        };
        let phi0 = lat0.to_radians();
        let qp = q(std::f64::consts::FRAC_PI_2);
        let b0 = (q(phi0) / qp).asin();
        let rq = GRS80_A * (qp / 2.0).sqrt();
        let d = GRS80_A * (phi0.cos() / (1.0 - e2 * phi0.sin().powi(2)).sqrt()) / (rq * b0.cos());
        Laea {
            lon0: lon0.to_radians(),
            false_easting,
            false_northing,
            e,
            e2,
            qp,
            rq,
            d,
            sin_b0: b0.sin(),
            cos_b0: b0.cos(),
        }
    }

    /// Projects (longitude, latitude) in degrees to (easting, northing) in metres.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let phi = lat.to_radians();
        let s = phi.sin();
        let (e, e2) = (self.e, self.e2);
        let q = (1.0 - e2)
            * (s / (1.0 - e2 * s * s) - (1.0 / (2.0 * e)) * ((1.0 - e * s) / (1.0 + e * s)).ln());
        let beta = (q / self.qp).clamp(-1.0, 1.0).asin();
        let (sin_b, cos_b) = beta.sin_cos();
        let (sin_dl, cos_dl) = (lon.to_radians() - self.lon0).sin_cos();
        let b = self.rq * (2.0 / (1.0 + self.sin_b0 * sin_b + self.cos_b0 * cos_b * cos_dl)).sqrt();
        let east = self.false_easting + b * self.d * cos_b * sin_dl;
        let north = self.false_northing
            + (b / self.d) * (self.cos_b0 * sin_b - self.sin_b0 * cos_b * cos_dl);
        (east, north)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_maps_to_false_easting_and_northing() {
        let (e, n) = Laea::etrs89_europe().project(10.0, 52.0);
        assert!(
            (e - 4_321_000.0).abs() < 1e-6 && (n - 3_210_000.0).abs() < 1e-6,
            "{e} {n}"
        );
    }

    #[test]
    fn matches_epsg_guidance_note_example() {
        // IOGP 373-7-2, LAEA example: 50°N 5°E -> E 3962799.45, N 2999718.85.
        let (e, n) = Laea::etrs89_europe().project(5.0, 50.0);
        assert!((e - 3_962_799.45).abs() < 0.01, "{e}");
        assert!((n - 2_999_718.85).abs() < 0.01, "{n}");
    }

    #[test]
    fn centred_projection_puts_centre_at_zero() {
        let (e, n) = Laea::centred(28.3, -15.7).project(-15.7, 28.3);
        assert!(e.abs() < 1e-6 && n.abs() < 1e-6);
    }
}
