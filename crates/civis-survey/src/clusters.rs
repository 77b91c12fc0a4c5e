//! Strata and primary sampling units as dense ids: the codes of a grouping variable, the
//! lonely-PSU policy (R `options(survey.lonely.psu = ...)`, see [`crate::design`]) and the view of
//! the first stage that the variance estimators read.

/// What to do with strata that have a single PSU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LonelyPsu {
    #[default]
    Fail,
    Adjust,
    Average,
    Remove,
    Certainty,
}

impl std::str::FromStr for LonelyPsu {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "fail" => LonelyPsu::Fail,
            "adjust" => LonelyPsu::Adjust,
            "average" => LonelyPsu::Average,
            "remove" => LonelyPsu::Remove,
            "certainty" => LonelyPsu::Certainty,
            _ => {
                return Err(format!(
                    "unknown lonely-PSU policy `{s}` (expected fail, adjust, average, remove or certainty)"
                ))
            }
        })
    }
}

/// Codes of a grouping variable (strata or PSU ids): `codes[row]` indexes `labels`;
/// `u32::MAX` marks a missing value.
#[derive(Debug, Clone, Copy)]
pub struct Grouping<'a> {
    pub codes: &'a [u32],
    pub labels: &'a [String],
}

/// The first stage of a design as the variance estimators read it: the PSU of each row, the
/// stratum of each PSU, the PSUs of each stratum, `1 - f_h` and the lonely-PSU policy
/// ([`SecondStage::new`](crate::multistage::SecondStage::new) and the calibrated variance take it).
#[derive(Debug, Clone, Copy)]
pub struct FirstStage<'a> {
    pub psu_of_row: &'a [u32],
    pub stratum_of_psu: &'a [u32],
    /// PSUs sampled per stratum, `n_h`.
    pub psus_in_stratum: &'a [u32],
    /// `1 - n_h / N_h` per stratum.
    pub fpc_factor: &'a [f64],
    pub lonely: LonelyPsu,
}

impl FirstStage<'_> {
    pub fn n_psu(&self) -> usize {
        self.stratum_of_psu.len()
    }
    pub fn n_strata(&self) -> usize {
        self.psus_in_stratum.len()
    }
}
