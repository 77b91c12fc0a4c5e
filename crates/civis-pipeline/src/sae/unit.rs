//! The unit-level workflow: a survey sample and a census/register population with the same
//! covariates in, area estimates (BHF EBLUP, Molina-Rao EBP) out.
//!
//! Both files stream from disk through [`civis_io::grouped`]; the population keeps per-person
//! covariates (columnar `f64` per area) only when the EBP or the bootstrap needs them, else only
//! per-area sums. The statistics are in [`civis_sae::unit`]: the nested-error model
//! `y_dj = x_dj'beta + u_d + e_dj` (Battese, Harter and Fuller 1988) fitted by REML, the EBP of
//! Molina and Rao (2010) by Monte Carlo, the parametric bootstrap MSE of Gonzalez-Manteiga et
//! al. (2008), as R emdi's `ebp`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use civis_io::grouped::{read_grouped, GroupedColumns, GroupedSpec};
use civis_sae::unit::{
    benchmark_indicator, estimate, national_direct, threshold_from_median, Indicator, MseMethod,
    PopulationArea, SampleArea, Transformation, UnitData, UnitOptions, UnitResult,
};
use civis_sae::Benchmark;

use crate::error::{bail, invalid, Result};
use crate::sae::BenchmarkMethod;

/// The poverty line of the head count ratio and the poverty gap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PovertyLine {
    /// A given value on the response's scale.
    Fixed(f64),
    /// This share of the (weighted) sample median of the response (emdi's default: 0.6).
    MedianShare(f64),
}

/// What the unit-level estimates are benchmarked to.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitTargets {
    /// The national direct estimates of the sample (weighted when the sample has weights), for
    /// the mean, the head count ratio and the poverty gap among the indicators.
    NationalDirect,
    /// Published values, one per indicator.
    Published(Vec<(Indicator, f64)>),
}

/// A benchmark as applied: the method and each indicator's target.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedBenchmark {
    pub method: BenchmarkMethod,
    pub targets: Vec<(Indicator, f64)>,
}

/// What a unit-level run reports while it works.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UnitProgress {
    /// The files are read.
    Loaded {
        sampled_persons: usize,
        sample_areas: usize,
        persons: usize,
        population_areas: usize,
        seconds: f64,
    },
    /// Every tenth of the bootstrap replicates.
    Bootstrap {
        done: usize,
        replicates: usize,
        seconds: f64,
    },
}

/// Builds a [`UnitLevelEstimation`]: which files and columns, which indicators, and how to
/// transform, estimate the MSE and benchmark.
#[derive(Debug, Clone)]
pub struct UnitLevelBuilder {
    sample: PathBuf,
    population: PathBuf,
    area: String,
    y: String,
    covariates: Vec<String>,
    weight: Option<String>,
    indicators: Vec<Indicator>,
    poverty_line: PovertyLine,
    transformation: Transformation,
    draws: usize,
    mse: MseMethod,
    seed: u64,
    benchmark: Option<(BenchmarkMethod, UnitTargets)>,
}

impl UnitLevelBuilder {
    /// The mean of `y` by `area` from the sample and population files, on the numeric
    /// `covariates` both carry (an intercept is added): no transformation, no MSE, L = 100
    /// Monte Carlo draws, seed 1, poverty line 0.6 x the median.
    pub fn new<S: AsRef<str>>(
        sample: impl Into<PathBuf>,
        population: impl Into<PathBuf>,
        area: &str,
        y: &str,
        covariates: &[S],
    ) -> UnitLevelBuilder {
        UnitLevelBuilder {
            sample: sample.into(),
            population: population.into(),
            area: area.to_owned(),
            y: y.to_owned(),
            covariates: covariates.iter().map(|c| c.as_ref().to_owned()).collect(),
            weight: None,
            indicators: vec![Indicator::Mean],
            poverty_line: PovertyLine::MedianShare(0.6),
            transformation: Transformation::None,
            draws: 100,
            mse: MseMethod::None,
            seed: 1,
            benchmark: None,
        }
    }

    /// Survey weight column of the sample (weighted median for the poverty line, benchmark targets).
    pub fn weight(&mut self, column: &str) -> &mut UnitLevelBuilder {
        self.weight = Some(column.to_owned());
        self
    }

    pub fn indicators(&mut self, indicators: Vec<Indicator>) -> &mut UnitLevelBuilder {
        self.indicators = indicators;
        self
    }

    pub fn poverty_line(&mut self, line: PovertyLine) -> &mut UnitLevelBuilder {
        self.poverty_line = line;
        self
    }

    pub fn transformation(&mut self, t: Transformation) -> &mut UnitLevelBuilder {
        self.transformation = t;
        self
    }

    /// Monte Carlo draws of the EBP (L).
    pub fn draws(&mut self, draws: usize) -> &mut UnitLevelBuilder {
        self.draws = draws;
        self
    }

    pub fn mse(&mut self, mse: MseMethod) -> &mut UnitLevelBuilder {
        self.mse = mse;
        self
    }

    /// Seed of the Monte Carlo and the bootstrap.
    pub fn seed(&mut self, seed: u64) -> &mut UnitLevelBuilder {
        self.seed = seed;
        self
    }

    /// Benchmark with `method` (ratio or raking) to `targets`.
    pub fn benchmark(
        &mut self,
        method: BenchmarkMethod,
        targets: UnitTargets,
    ) -> &mut UnitLevelBuilder {
        self.benchmark = Some((method, targets));
        self
    }

    /// Check the options.
    pub fn build(&self) -> Result<UnitLevelEstimation> {
        if self.draws == 0 {
            bail!("--L must be at least 1");
        }
        if let PovertyLine::MedianShare(f) = self.poverty_line {
            if !(f.is_finite() && f > 0.0) {
                bail!("--threshold-rule {f}median: the factor must be a number above 0");
            }
        }
        if let Some((method, targets)) = &self.benchmark {
            if *method == BenchmarkMethod::MseWeighted {
                bail!("--benchmark: the unit-level estimates are benchmarked by ratio or raking");
            }
            if let UnitTargets::Published(t) = targets {
                if let Some((i, _)) = t.iter().find(|(i, _)| !self.indicators.contains(i)) {
                    bail!("--benchmark: `{}` is not one of --indicators", i.name());
                }
            }
        }
        Ok(UnitLevelEstimation {
            options: self.clone(),
        })
    }
}

/// A finished run: the model input, the options used, the result and the benchmark applied.
#[derive(Debug, Clone)]
pub struct UnitRun {
    pub data: UnitData,
    pub options: UnitOptions,
    pub result: UnitResult,
    pub benchmark: Option<AppliedBenchmark>,
}

/// A checked unit-level request, ready to run.
#[derive(Debug, Clone)]
pub struct UnitLevelEstimation {
    options: UnitLevelBuilder,
}

impl UnitLevelEstimation {
    /// Read the files, fit the model and estimate; `progress` hears about the reading and the
    /// bootstrap.
    pub fn run(&self, progress: &mut dyn FnMut(UnitProgress)) -> Result<UnitRun> {
        let o = &self.options;
        let start = Instant::now();
        let mut opts = UnitOptions {
            transformation: o.transformation,
            indicators: o.indicators.clone(),
            threshold: f64::NAN,
            draws: o.draws,
            mse: o.mse,
            seed: o.seed,
        };
        let data = self.load(opts.needs_population_units())?;
        progress(UnitProgress::Loaded {
            sampled_persons: data.sample_size(),
            sample_areas: data.sample.len(),
            persons: data.areas.iter().map(|p| p.size).sum(),
            population_areas: data.areas.len(),
            seconds: start.elapsed().as_secs_f64(),
        });
        opts.threshold = match o.poverty_line {
            PovertyLine::Fixed(t) => t,
            PovertyLine::MedianShare(f) => threshold_from_median(&data.sample, f),
        };
        let replicates = match opts.mse {
            MseMethod::Bootstrap(b) => b,
            _ => 0,
        };
        let mut result = estimate(&data, &opts, |done| {
            if done * 10 / replicates != (done - 1) * 10 / replicates {
                progress(UnitProgress::Bootstrap {
                    done,
                    replicates,
                    seconds: start.elapsed().as_secs_f64(),
                });
            }
        })?;
        let benchmark = match &o.benchmark {
            Some((method, targets)) => {
                let targets = match targets {
                    UnitTargets::Published(t) => t.clone(),
                    UnitTargets::NationalDirect => opts
                        .indicators
                        .iter()
                        .filter(|i| matches!(i, Indicator::Mean | Indicator::Hcr | Indicator::Pgap))
                        .map(|i| (*i, national_direct(&data.sample, *i, opts.threshold)))
                        .collect(),
                };
                let how = match method {
                    BenchmarkMethod::Raking => Benchmark::Raking,
                    _ => Benchmark::Ratio,
                };
                for (ind, target) in &targets {
                    benchmark_indicator(&mut result.estimates, &data.areas, *ind, *target, how)?;
                }
                Some(AppliedBenchmark {
                    method: *method,
                    targets,
                })
            }
            None => None,
        };
        Ok(UnitRun {
            data,
            options: opts,
            result,
            benchmark,
        })
    }

    /// Reads the sample and the population into the model's input.
    pub fn load(&self, keep_population_units: bool) -> Result<UnitData> {
        let o = &self.options;
        let mut smp_cols = vec![o.y.clone()];
        smp_cols.extend(o.weight.iter().cloned());
        smp_cols.extend(o.covariates.iter().cloned());
        let smp = read_grouped(
            &o.sample,
            &GroupedSpec {
                key: &o.area,
                numeric: &smp_cols,
                keep_values: true,
            },
        )?;
        let pop = read_grouped(
            &o.population,
            &GroupedSpec {
                key: &o.area,
                numeric: &o.covariates,
                keep_values: keep_population_units,
            },
        )?;
        let areas: Vec<PopulationArea> = (0..pop.keys.len())
            .map(|g| PopulationArea {
                name: pop.keys[g].clone(),
                size: pop.counts[g],
                x_sums: pop.sums[g].clone(),
                x: pop.values.get(g).cloned().unwrap_or_default(),
            })
            .collect();
        drop(pop);
        let sample = self.sample_areas(smp, &areas)?;
        Ok(UnitData {
            covariates: o.covariates.clone(),
            areas,
            sample,
        }
        .validated()?)
    }

    fn sample_areas(
        &self,
        smp: GroupedColumns,
        areas: &[PopulationArea],
    ) -> Result<Vec<SampleArea>> {
        let o = &self.options;
        let weighted = o.weight.is_some();
        let mut out = Vec::with_capacity(smp.keys.len());
        for (key, mut cols) in smp.keys.iter().zip(smp.values) {
            let area = areas.iter().position(|p| &p.name == key).ok_or_else(|| {
                invalid!(
                    "area `{key}` of {} (column {}) is not in {}",
                    o.sample.display(),
                    o.area,
                    o.population.display()
                )
            })?;
            let y = cols.remove(0);
            let weight = weighted.then(|| cols.remove(0));
            out.push(SampleArea {
                area,
                y,
                x: cols,
                weight,
            });
        }
        Ok(out)
    }
}

/// The unit-level model of the default database's district estimates: the mean equivalised
/// income and the at-risk-of-poverty rate of Austria's 94 districts from emdi's synthetic
/// eusilcA sample and population (`data_dir/sae/`): Molina-Rao EBP, Box-Cox transformation,
/// L = 50, parametric bootstrap MSE with B = 20, seed 2010, poverty line 0.6 x the weighted
/// sample median.
pub fn eusilca_districts(data_dir: &Path) -> UnitLevelBuilder {
    let mut b = UnitLevelBuilder::new(
        data_dir.join("sae/eusilcA_smp.csv"),
        data_dir.join("sae/eusilcA_pop.csv"),
        "district",
        "eqIncome",
        &civis_sae::unit::EUSILCA_COVARIATES,
    );
    b.weight("weight")
        .indicators(vec![Indicator::Mean, Indicator::Hcr])
        .poverty_line(PovertyLine::MedianShare(0.6))
        .transformation(Transformation::BoxCox)
        .draws(50)
        .mse(MseMethod::Bootstrap(20))
        .seed(2010);
    b
}
