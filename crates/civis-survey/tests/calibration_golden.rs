//! Calibration and two-stage designs against R survey 4.1.1: `calibrate` (linear, raking,
//! bounded logit), `postStratify` and `rake`, linearised and with every jackknife replicate
//! re-calibrated, on R's api data and on laeken's eusilc; `svydesign(id = ~dnum + snum,
//! fpc = ~fpc1 + fpc2)` on `apiclus2` (full multistage variance, ultimate cluster, calibrated). The data, the totals and the reference values were made
//! by `tests/fixtures/calibration/make_calibration.R`. Everything is deterministic, so estimates
//! and standard errors must agree to 1e-8 relative.

use std::collections::HashMap;
use std::path::PathBuf;

use civis_survey::{
    estimate, AuxValues, Auxiliary, CalFun, CalibrationMethod, CalibrationSpec, Design, DesignSpec,
    Domains, EstimateRow, Grouping, LonelyPsu, ReliabilityRule, ReplicateScheme, Replicates,
    Request, StatRequest, Statistic, VarianceMethod,
};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/calibration")
        .join(name)
}

/// A CSV file as named text columns (R writes `NA` for missing).
struct Table {
    cols: HashMap<String, Vec<String>>,
    n: usize,
}

impl Table {
    fn read(path: PathBuf) -> Table {
        let mut r = csv::Reader::from_path(&path).unwrap();
        let names: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let mut cols: HashMap<String, Vec<String>> =
            names.iter().map(|n| (n.clone(), Vec::new())).collect();
        let mut n = 0;
        for rec in r.records() {
            let rec = rec.unwrap();
            for (name, v) in names.iter().zip(rec.iter()) {
                cols.get_mut(name).unwrap().push(v.to_string());
            }
            n += 1;
        }
        Table { cols, n }
    }
    fn num(&self, c: &str) -> Vec<f64> {
        self.cols[c]
            .iter()
            .map(|v| {
                if v == "NA" || v.is_empty() {
                    f64::NAN
                } else {
                    v.parse().unwrap()
                }
            })
            .collect()
    }
    /// Codes in order of first appearance, and the labels.
    fn factor(&self, c: &str) -> (Vec<u32>, Vec<String>) {
        let mut labels: Vec<String> = Vec::new();
        let codes = self.cols[c]
            .iter()
            .map(|v| match labels.iter().position(|l| l == v) {
                Some(i) => i as u32,
                None => {
                    labels.push(v.clone());
                    labels.len() as u32 - 1
                }
            })
            .collect();
        (codes, labels)
    }
    /// Sorted levels (as R's svyby orders them).
    fn sorted_factor(&self, c: &str, numeric: bool) -> (Vec<u32>, Vec<String>) {
        let (codes, labels) = self.factor(c);
        let mut order: Vec<usize> = (0..labels.len()).collect();
        if numeric {
            order.sort_by(|&a, &b| {
                let (x, y): (f64, f64) = (labels[a].parse().unwrap(), labels[b].parse().unwrap());
                x.total_cmp(&y)
            });
        } else {
            order.sort_by(|&a, &b| labels[a].cmp(&labels[b]));
        }
        let mut rank = vec![0u32; labels.len()];
        for (i, &o) in order.iter().enumerate() {
            rank[o] = i as u32;
        }
        (
            codes.iter().map(|&c| rank[c as usize]).collect(),
            order.iter().map(|&o| labels[o].clone()).collect(),
        )
    }
}

struct Reference {
    case: String,
    statistic: String,
    variable: String,
    domain: String,
    estimate: f64,
    se: f64,
}

fn reference() -> Vec<Reference> {
    let mut r = csv::Reader::from_path(fixture("reference.csv")).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            Reference {
                case: rec[0].into(),
                statistic: rec[1].into(),
                variable: rec[2].into(),
                domain: rec[3].into(),
                estimate: rec[4].trim().parse().unwrap(),
                se: rec[5].trim().parse().unwrap(),
            }
        })
        .collect()
}

/// The auxiliaries of a totals file, in the order of `variables`.
fn auxiliaries<'a>(
    factors: &'a HashMap<String, (Vec<u32>, Vec<String>)>,
    numeric: &'a HashMap<String, Vec<f64>>,
    totals: &Table,
    variables: &[&str],
) -> Vec<Auxiliary<'a>> {
    variables
        .iter()
        .map(|&v| {
            let rows: Vec<usize> = (0..totals.n)
                .filter(|&i| totals.cols["variable"][i] == v)
                .collect();
            let total = |i: usize| totals.cols["total"][i].parse::<f64>().unwrap();
            let cat = |i: usize| totals.cols["category"][i].clone();
            let values = if cat(rows[0]).is_empty() {
                AuxValues::Numeric {
                    values: &numeric[v],
                    total: total(rows[0]),
                }
            } else {
                let (codes, labels) = &factors[v];
                AuxValues::Categorical {
                    grouping: Grouping { codes, labels },
                    totals: rows.iter().map(|&i| (cat(i), total(i))).collect(),
                }
            };
            Auxiliary {
                name: v.to_string(),
                values,
            }
        })
        .collect()
}

struct Case {
    name: &'static str,
    data: &'static str,
    method: Option<CalibrationMethod>,
    variables: &'static [&'static str],
    jackknife: bool,
}

/// The design of a case, as in the R script.
fn design_of(case: &Case, t: &Table) -> Design {
    let w = t.num(if case.data == "eusilc" { "rb050" } else { "pw" });
    let (strata_codes, strata_labels, psu_codes, psu_labels, fpc) = match case.data {
        "apistrat" => {
            let (c, l) = t.factor("stype");
            (Some(c), l, None, Vec::new(), Some(t.num("fpc")))
        }
        "apiclus1" => {
            let (c, l) = t.factor("dnum");
            let fpc = (!case.jackknife).then(|| t.num("fpc"));
            (None, Vec::new(), Some(c), l, fpc)
        }
        "apiclus2" => {
            let (c, l) = t.factor("dnum");
            (None, Vec::new(), Some(c), l, Some(t.num("fpc1")))
        }
        _ => {
            let (sc, sl) = t.factor("db040");
            let (pc, pl) = t.factor("db030");
            (Some(sc), sl, Some(pc), pl, None)
        }
    };
    let design = Design::new(DesignSpec {
        weights: &w,
        strata: strata_codes.as_ref().map(|c| Grouping {
            codes: c,
            labels: &strata_labels,
        }),
        psu: psu_codes.as_ref().map(|c| Grouping {
            codes: c,
            labels: &psu_labels,
        }),
        nest: true,
        fpc: fpc.as_deref(),
        lonely: LonelyPsu::Fail,
    })
    .unwrap();
    if case.data == "apiclus2" && case.name != "clus2_ultimate" {
        let (codes, labels) = t.factor("snum");
        let fpc2 = t.num("fpc2");
        return design
            .with_second_stage(
                Grouping {
                    codes: &codes,
                    labels: &labels,
                },
                Some(&fpc2),
            )
            .unwrap();
    }
    design
}

/// A statistic of a case: (statistic, variable, denominator, by-variable or "").
type StatCase = (Statistic, &'static str, Option<&'static str>, &'static str);

/// Estimate a case's statistics as the R script does (api: mean api00, total enroll, ratio
/// api00/api99, means by comp.imp, totals by awards; eusilc: mean eqIncome, total py010n,
/// means by hsize) and return rows keyed like the reference.
fn run_case(case: &Case) -> Vec<(String, String, String, EstimateRow)> {
    let path = if case.data == "eusilc" {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/microdata/eusilc.csv")
    } else {
        fixture(&format!("{}.csv", case.data))
    };
    let t = Table::read(path);
    let mut design = design_of(case, &t);
    if let Some(method) = case.method {
        let totals = Table::read(fixture(&format!("totals_{}.csv", case.name)));
        let mut factors = HashMap::new();
        let mut numeric = HashMap::new();
        for &v in case.variables {
            factors.insert(v.to_string(), t.factor(v));
            if t.cols[v].iter().all(|x| x.parse::<f64>().is_ok()) {
                numeric.insert(v.to_string(), t.num(v));
            }
        }
        let aux = auxiliaries(&factors, &numeric, &totals, case.variables);
        design = design
            .calibrate(&CalibrationSpec {
                auxiliaries: aux,
                method,
            })
            .unwrap();
    }
    let replicates = case
        .jackknife
        .then(|| Replicates::new(&design, ReplicateScheme::JackknifeN).unwrap());
    let variance = || match &replicates {
        Some(r) => VarianceMethod::Replicate {
            replicates: r.clone(),
            mse: false,
        },
        None => VarianceMethod::Linearised,
    };
    let mut out = Vec::new();
    let is_silc = case.data == "eusilc";
    let (stats, by): (Vec<StatCase>, Vec<(&str, bool)>) = if is_silc {
        (
            vec![
                (Statistic::Mean, "eqIncome", None, ""),
                (Statistic::Total, "py010n", None, ""),
                (Statistic::Mean, "eqIncome", None, "hsize"),
            ],
            vec![("hsize", true)],
        )
    } else {
        (
            vec![
                (Statistic::Mean, "api00", None, ""),
                (Statistic::Total, "enroll", None, ""),
                (Statistic::Ratio, "api00", Some("api99"), ""),
                (Statistic::Mean, "api00", None, "comp.imp"),
                (Statistic::Total, "enroll", None, "awards"),
            ],
            vec![("comp.imp", false), ("awards", false)],
        )
    };
    let columns: HashMap<&str, Vec<f64>> = stats
        .iter()
        .flat_map(|s| [Some(s.1), s.2])
        .flatten()
        .map(|c| (c, t.num(c)))
        .collect();
    let factors: HashMap<&str, (Vec<u32>, Vec<String>)> = by
        .iter()
        .map(|&(b, numeric)| (b, t.sorted_factor(b, numeric)))
        .collect();
    for (stat, y, x, by_var) in &stats {
        let groups: Vec<(String, Grouping<'_>)> = if by_var.is_empty() {
            Vec::new()
        } else {
            let (codes, labels) = &factors[by_var];
            vec![(by_var.to_string(), Grouping { codes, labels })]
        };
        let domains = Domains::new(t.n, &groups, None).unwrap();
        let label = match x {
            Some(x) => format!("{y}/{x}"),
            None => y.to_string(),
        };
        let rows = estimate(&Request {
            design: &design,
            domains: &domains,
            statistics: vec![StatRequest {
                statistic: *stat,
                variable: label.clone(),
                y: &columns[y],
                x: x.map(|x| columns[x].as_slice()),
            }],
            contrasts: Vec::new(),
            variance: variance(),
            reliability: ReliabilityRule::None,
            country_of_domain: None,
            level: 0.95,
            progress: None,
        })
        .unwrap();
        for r in rows {
            let name = match stat {
                Statistic::Mean => "mean",
                Statistic::Total => "total",
                _ => "ratio",
            };
            let domain = r.domain.first().cloned().unwrap_or_default();
            out.push((name.to_string(), label.clone(), domain, r));
        }
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-8 * b.abs().max(1e-300)
}

fn check(case: Case) {
    let refs: Vec<Reference> = reference()
        .into_iter()
        .filter(|r| r.case == case.name)
        .collect();
    assert!(!refs.is_empty(), "no reference rows for {}", case.name);
    let got = run_case(&case);
    for r in &refs {
        let (_, _, _, row) = got
            .iter()
            .find(|(s, v, d, _)| *s == r.statistic && *v == r.variable && *d == r.domain)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no {} {} [{}]",
                    case.name, r.statistic, r.variable, r.domain
                )
            });
        assert!(
            close(row.measures.estimate, r.estimate) && close(row.measures.se, r.se),
            "{} {} {} [{}]: civis {} (se {}), R {} (se {})",
            case.name,
            r.statistic,
            r.variable,
            r.domain,
            row.measures.estimate,
            row.measures.se,
            r.estimate,
            r.se
        );
    }
}

const LINEAR: Option<CalibrationMethod> = Some(CalibrationMethod::Calibrate(CalFun::Linear));
const RAKING: Option<CalibrationMethod> = Some(CalibrationMethod::Calibrate(CalFun::Raking));

#[test]
fn uncalibrated_design_is_the_baseline() {
    check(Case {
        name: "strat_none",
        data: "apistrat",
        method: None,
        variables: &[],
        jackknife: false,
    });
}

#[test]
fn linear_calibration_matches_r_calibrate() {
    check(Case {
        name: "strat_linear",
        data: "apistrat",
        method: LINEAR,
        variables: &["awards", "api99"],
        jackknife: false,
    });
    check(Case {
        name: "silc_linear",
        data: "eusilc",
        method: LINEAR,
        variables: &["rb090", "db040"],
        jackknife: false,
    });
}

#[test]
fn raking_calfun_matches_r_calibrate() {
    check(Case {
        name: "strat_raking",
        data: "apistrat",
        method: RAKING,
        variables: &["comp.imp", "sch.wide"],
        jackknife: false,
    });
}

#[test]
fn bounded_logit_matches_r_calibrate() {
    check(Case {
        name: "strat_logit",
        data: "apistrat",
        method: Some(CalibrationMethod::Calibrate(CalFun::Logit {
            lower: 0.7,
            upper: 1.5,
        })),
        variables: &["awards", "api99", "meals"],
        jackknife: false,
    });
    check(Case {
        name: "silc_logit",
        data: "eusilc",
        method: Some(CalibrationMethod::Calibrate(CalFun::Logit {
            lower: 0.5,
            upper: 2.0,
        })),
        variables: &["rb090", "db040"],
        jackknife: false,
    });
}

#[test]
fn post_stratification_matches_r_poststratify() {
    check(Case {
        name: "clus_post",
        data: "apiclus1",
        method: Some(CalibrationMethod::PostStratify),
        variables: &["stype"],
        jackknife: false,
    });
}

#[test]
fn rake_matches_r_rake() {
    check(Case {
        name: "clus_rake",
        data: "apiclus1",
        method: Some(CalibrationMethod::Rake),
        variables: &["stype", "sch.wide"],
        jackknife: false,
    });
}

#[test]
fn jackknife_recalibrates_every_replicate() {
    for (name, method, variables) in [
        (
            "jk_linear",
            LINEAR,
            &["stype", "api99"] as &'static [&'static str],
        ),
        ("jk_raking", RAKING, &["stype", "sch.wide"]),
        (
            "jk_rake",
            Some(CalibrationMethod::Rake),
            &["stype", "sch.wide"],
        ),
        ("jk_post", Some(CalibrationMethod::PostStratify), &["stype"]),
    ] {
        check(Case {
            name,
            data: "apiclus1",
            method,
            variables,
            jackknife: true,
        });
    }
}

#[test]
fn two_stage_design_matches_r_multistage_variance() {
    check(Case {
        name: "clus2_full",
        data: "apiclus2",
        method: None,
        variables: &[],
        jackknife: false,
    });
    check(Case {
        name: "clus2_ultimate",
        data: "apiclus2",
        method: None,
        variables: &[],
        jackknife: false,
    });
    check(Case {
        name: "clus2_linear",
        data: "apiclus2",
        method: LINEAR,
        variables: &["stype", "api99"],
        jackknife: false,
    });
}
