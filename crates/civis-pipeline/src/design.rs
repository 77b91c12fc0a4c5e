//! Design from a frame: R survey's `svydesign` step (weights, strata, PSUs, fpc, a second
//! stage) and its calibration (`calibrate`, `postStratify`, `rake`), taken from named columns.

use std::path::{Path, PathBuf};

use civis_frame::factor::{factorize, Factor};
use civis_frame::Frame;
use civis_io::totals::{read_totals_file, TotalRow};
use civis_survey::{
    AuxValues, Auxiliary, CalibrationMethod, CalibrationSpec, Design, DesignSpec, Grouping,
    LonelyPsu, SurveyError,
};

use crate::error::{bail, invalid, PipelineError, Result, WithContext};

/// Calibration of the design weights to known population totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    method: CalibrationMethod,
    variables: Vec<String>,
    totals: PathBuf,
}

impl Calibration {
    /// Calibrate on `variables` with the totals file `totals` (columns variable,category,total;
    /// category empty for a numeric variable). Names are trimmed; an empty or repeated name is
    /// refused.
    pub fn new(
        method: CalibrationMethod,
        variables: &[String],
        totals: impl Into<PathBuf>,
    ) -> Result<Calibration> {
        let variables: Vec<String> = variables.iter().map(|v| v.trim().to_string()).collect();
        let flag = option_of(method);
        for (i, v) in variables.iter().enumerate() {
            if v.is_empty() || variables[..i].contains(v) {
                bail!("{flag}: `{v}` is empty or given twice");
            }
        }
        Ok(Calibration {
            method,
            variables,
            totals: totals.into(),
        })
    }

    /// The auxiliary variables.
    pub fn variables(&self) -> &[String] {
        &self.variables
    }

    /// The option that names the variables (for messages).
    fn flag(&self) -> &'static str {
        option_of(self.method)
    }
}

fn option_of(method: CalibrationMethod) -> &'static str {
    match method {
        CalibrationMethod::Calibrate(_) => "--calibrate",
        CalibrationMethod::PostStratify => "--poststratify",
        CalibrationMethod::Rake => "--rake",
    }
}

/// Builds a [`FrameDesign`]: which columns hold the design, in the style of ripgrep's
/// `SearcherBuilder` (`DesignBuilder::new().weight("w").strata("s").psu("p").build()`).
#[derive(Debug, Clone, Default)]
pub struct DesignBuilder {
    design: FrameDesign,
}

impl DesignBuilder {
    /// A design without weights (every row weighs 1), strata or clusters.
    pub fn new() -> DesignBuilder {
        DesignBuilder::default()
    }

    /// Check the combination of options and return the design description.
    pub fn build(&self) -> Result<FrameDesign> {
        let d = &self.design;
        if d.fpc_ssu.is_some() && d.ssu.is_none() {
            bail!("--fpc-ssu needs --ssu (the second-stage unit column)");
        }
        if d.ssu.is_some() && d.psu.is_none() {
            bail!("--ssu needs --psu (the first-stage unit column)");
        }
        Ok(d.clone())
    }

    /// The weight column.
    pub fn weight(&mut self, column: &str) -> &mut DesignBuilder {
        self.design.weight = Some(column.to_string());
        self
    }

    /// The stratum column.
    pub fn strata(&mut self, column: &str) -> &mut DesignBuilder {
        self.design.strata = Some(column.to_string());
        self
    }

    /// The PSU (cluster) column; without it every row is its own PSU.
    pub fn psu(&mut self, column: &str) -> &mut DesignBuilder {
        self.design.psu = Some(column.to_string());
        self
    }

    /// PSU ids are only unique within strata (R's `nest = TRUE`).
    pub fn nest(&mut self, yes: bool) -> &mut DesignBuilder {
        self.design.nest = yes;
        self
    }

    /// Finite population correction column: the stratum population in PSUs (>= 1) or the
    /// sampling fraction (<= 1).
    pub fn fpc(&mut self, column: &str) -> &mut DesignBuilder {
        self.design.fpc = Some(column.to_string());
        self
    }

    /// What to do with a stratum holding a single PSU.
    pub fn lonely_psu(&mut self, policy: LonelyPsu) -> &mut DesignBuilder {
        self.design.lonely = policy;
        self
    }

    /// The second-stage unit column (R's `id = ~psu + ssu`).
    pub fn ssu(&mut self, column: &str) -> &mut DesignBuilder {
        self.design.ssu = Some(column.to_string());
        self
    }

    /// The second-stage fpc column (R's `fpc = ~fpc1 + fpc2`).
    pub fn fpc_ssu(&mut self, column: &str) -> &mut DesignBuilder {
        self.design.fpc_ssu = Some(column.to_string());
        self
    }

    /// Variance between PSUs only, even with a second stage.
    pub fn ultimate_cluster(&mut self, yes: bool) -> &mut DesignBuilder {
        self.design.ultimate_cluster = yes;
        self
    }

    /// Calibrate the weights.
    pub fn calibration(&mut self, calibration: Calibration) -> &mut DesignBuilder {
        self.design.calibration = Some(calibration);
        self
    }

    /// Write the calibrated weights (`row,design_weight,g,weight`) to this CSV file.
    pub fn weights_out(&mut self, path: impl Into<PathBuf>) -> &mut DesignBuilder {
        self.design.weights_out = Some(path.into());
        self
    }
}

/// The design of a microdata file, by column names; [`FrameDesign::design`] builds it on a frame.
#[derive(Debug, Clone, Default)]
pub struct FrameDesign {
    weight: Option<String>,
    strata: Option<String>,
    psu: Option<String>,
    nest: bool,
    fpc: Option<String>,
    lonely: LonelyPsu,
    ssu: Option<String>,
    fpc_ssu: Option<String>,
    ultimate_cluster: bool,
    calibration: Option<Calibration>,
    weights_out: Option<PathBuf>,
}

impl FrameDesign {
    /// The columns the design reads (weight, strata, PSU, fpc, second stage, calibration).
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        [
            &self.weight,
            &self.strata,
            &self.psu,
            &self.fpc,
            &self.ssu,
            &self.fpc_ssu,
        ]
        .into_iter()
        .flatten()
        .chain(self.calibration.iter().flat_map(|c| &c.variables))
        .map(String::as_str)
    }

    /// The calibration, if any.
    pub fn calibration(&self) -> Option<&Calibration> {
        self.calibration.as_ref()
    }

    /// Which variance approximation the design gets, when it is not the full one.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let second = self.ssu.is_some() && !self.ultimate_cluster;
        if self.fpc.is_some() && !second {
            out.push(
                "variance: ultimate-cluster approximation (a first-stage fpc but no second stage: the variance of sampling within PSUs is left out; give --ssu and --fpc-ssu for the two-stage variance)".to_string(),
            );
        } else if self.fpc.is_none() && second {
            out.push(
                "variance: no first-stage fpc, so PSUs are taken as drawn with replacement and the second stage adds nothing (as R survey)".to_string(),
            );
        }
        out
    }

    /// The design on `frame` (read from `source`, named in messages): weights, strata, PSUs,
    /// fpc, the second stage, then the calibration (whose weights are written if asked).
    pub fn design(&self, frame: &Frame, source: &str) -> Result<Design> {
        let n = frame.nrows();
        let weights: Vec<f64> = match &self.weight {
            Some(c) => frame
                .numeric(c)
                .map_err(|e| invalid!("--weight: {e}"))?
                .to_vec(),
            None => vec![1.0; n],
        };
        let strata = match &self.strata {
            Some(c) => Some(factorize(frame.column(c)?, false)),
            None => None,
        };
        let psu = match &self.psu {
            Some(c) => Some(factorize(frame.column(c)?, false)),
            None => None,
        };
        let fpc = match &self.fpc {
            Some(c) => Some(
                frame
                    .numeric(c)
                    .map_err(|e| invalid!("--fpc: {e}"))?
                    .to_vec(),
            ),
            None => None,
        };
        let design = Design::new(DesignSpec {
            weights: &weights,
            strata: strata.as_ref().map(grouping),
            psu: psu.as_ref().map(grouping),
            nest: self.nest,
            fpc: fpc.as_deref(),
            lonely: self.lonely,
        })
        .map_err(|e| locate(e, source, &self.weight))?;
        let design = self
            .second_stage(design, frame)
            .map_err(|e| locate(e, source, &self.weight))?;
        match &self.calibration {
            Some(c) => {
                let d = calibrate_design(&design, frame, c, source)?;
                if let Some(path) = &self.weights_out {
                    write_weights(path, &d)?;
                }
                Ok(d)
            }
            None => Ok(design),
        }
    }

    /// Add the second stage of a two-stage design (unless ultimate-cluster).
    fn second_stage(&self, design: Design, frame: &Frame) -> Result<Design, SurveyError> {
        let Some(ssu) = self.ssu.as_ref().filter(|_| !self.ultimate_cluster) else {
            return Ok(design);
        };
        let invalid = |e: civis_frame::FrameError| SurveyError::Invalid(e.to_string());
        let f = factorize(frame.column(ssu).map_err(invalid)?, false);
        let fpc = match &self.fpc_ssu {
            Some(c) => Some(
                frame
                    .numeric(c)
                    .map_err(|e| SurveyError::Invalid(format!("--fpc-ssu: {e}")))?
                    .to_vec(),
            ),
            None => None,
        };
        design.with_second_stage(grouping(&f), fpc.as_deref())
    }
}

/// Calibrate `design` as `req` asks, with the auxiliary variables taken from `frame`.
fn calibrate_design(
    design: &Design,
    frame: &Frame,
    req: &Calibration,
    source: &str,
) -> Result<Design> {
    let tsrc = req.totals.display();
    let flag = req.flag();
    let rows = read_totals_file(&req.totals)?;
    if let Some(t) = rows.iter().find(|t| !req.variables.contains(&t.variable)) {
        bail!(
            "{tsrc}: variable `{}` has totals but is not among the {flag} variables ({})",
            t.variable,
            req.variables.join(",")
        );
    }
    let factors: Vec<Option<Factor>> = req
        .variables
        .iter()
        .map(|v| -> Result<Option<Factor>> {
            let mine: Vec<&TotalRow> = rows.iter().filter(|t| &t.variable == v).collect();
            if mine.is_empty() {
                bail!("{tsrc}: no totals for {flag} variable `{v}`");
            }
            let numeric = mine.iter().all(|t| t.category.is_none());
            if !numeric && mine.iter().any(|t| t.category.is_none()) {
                bail!("{tsrc}: `{v}` has rows with and without a category: give a category on every row of a categorical variable, none for a numeric one");
            }
            let col = frame
                .column(v)
                .with_context(|| format!("{flag} `{v}`"))?;
            Ok((!numeric).then(|| factorize(col, false)))
        })
        .collect::<Result<_>>()?;
    let mut auxiliaries = Vec::new();
    for (v, f) in req.variables.iter().zip(&factors) {
        let mine = rows.iter().filter(|t| &t.variable == v);
        let values = match f {
            Some(f) => AuxValues::Categorical {
                grouping: grouping(f),
                totals: mine
                    .map(|t| (t.category.clone().unwrap_or_default(), t.total))
                    .collect(),
            },
            None => {
                let mine: Vec<&TotalRow> = mine.collect();
                if mine.len() != 1 {
                    bail!("{tsrc}: numeric variable `{v}` needs exactly one total");
                }
                AuxValues::Numeric {
                    values: frame
                        .numeric(v)
                        .map_err(|e| invalid!("{flag} `{v}`: {e}"))?,
                    total: mine[0].total,
                }
            }
        };
        auxiliaries.push(Auxiliary {
            name: v.clone(),
            values,
        });
    }
    design
        .calibrate(&CalibrationSpec {
            auxiliaries,
            method: req.method,
        })
        .map_err(|e| match e {
            SurveyError::CalibrationMissing { variable, row } => invalid!(
                "{source}: line {}: calibration variable `{variable}` is missing",
                row + 2
            ),
            other => invalid!("{flag}: {other}"),
        })
}

/// Write `row,design_weight,g,weight` for every data row (row 1 = the first data line), through
/// a temporary file renamed into place.
fn write_weights(path: &Path, design: &Design) -> Result<()> {
    let Some(cal) = design.calibration() else {
        return Ok(());
    };
    let tmp = path.with_extension("tmp-weights");
    let write = || -> Result<()> {
        let mut w = csv::Writer::from_path(&tmp)?;
        w.write_record(["row", "design_weight", "g", "weight"])?;
        for (i, ((d, g), wk)) in cal
            .design_weights()
            .iter()
            .zip(cal.g())
            .zip(design.weights())
            .enumerate()
        {
            w.write_record([
                (i + 1).to_string(),
                format!("{d}"),
                format!("{g}"),
                format!("{wk}"),
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    let context = || format!("writing {}", path.display());
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(context);
    }
    std::fs::rename(&tmp, path).with_context(context)
}

/// A factor as the survey crate's grouping.
pub fn grouping(f: &Factor) -> Grouping<'_> {
    Grouping {
        codes: &f.codes,
        labels: &f.labels,
    }
}

/// Point a design error at the file line (data row r is line r + 2 when no field spans lines).
pub fn locate(e: SurveyError, source: &str, weight: &Option<String>) -> PipelineError {
    let w = weight.as_deref().unwrap_or("weight");
    match e {
        SurveyError::MissingWeight { row } => {
            invalid!("{source}: line {}: weight `{w}` is missing", row + 2)
        }
        SurveyError::NegativeWeight { row, value } => {
            invalid!(
                "{source}: line {}: weight `{w}` is negative ({value})",
                row + 2
            )
        }
        SurveyError::InfiniteWeight { row } => {
            invalid!("{source}: line {}: weight `{w}` is infinite", row + 2)
        }
        SurveyError::WeightsTooLarge { row, value } => invalid!(
            "{source}: line {}: weight `{w}` = {value:e} makes the weights add up to more than 1e100 (the sums would overflow); weights count population units: rescale them",
            row + 2
        ),
        SurveyError::MissingDesignValue { what, row } => {
            invalid!("{source}: line {}: {what} is missing", row + 2)
        }
        SurveyError::FpcInvalid { row, value, why } => {
            invalid!("{source}: line {}: fpc {value} is invalid: {why}", row + 2)
        }
        SurveyError::LonelySsu { row } => invalid!(
            "{source}: line {}: the PSU of this row has only one second-stage unit (--ssu); choose --lonely-psu adjust, remove or certainty, or give --fpc-ssu if it is the whole PSU",
            row + 2
        ),
        other => invalid!("{source}: {other}"),
    }
}

/// The column names and options of a design, for the streaming estimation (which builds no
/// [`Design`] on a frame but sums per PSU as chunks arrive).
pub(crate) struct DesignColumns<'a> {
    pub weight: Option<&'a str>,
    pub strata: Option<&'a str>,
    pub psu: Option<&'a str>,
    pub fpc: Option<&'a str>,
    pub nest: bool,
    pub lonely: LonelyPsu,
    /// A second stage, a calibration or calibrated weights to write: the whole file is needed.
    pub needs_frame: bool,
}

impl FrameDesign {
    /// The design's columns and options (see [`DesignColumns`]).
    pub(crate) fn parts(&self) -> DesignColumns<'_> {
        DesignColumns {
            weight: self.weight.as_deref(),
            strata: self.strata.as_deref(),
            psu: self.psu.as_deref(),
            fpc: self.fpc.as_deref(),
            nest: self.nest,
            lonely: self.lonely,
            needs_frame: self.ssu.is_some()
                || self.calibration.is_some()
                || self.weights_out.is_some(),
        }
    }
}
