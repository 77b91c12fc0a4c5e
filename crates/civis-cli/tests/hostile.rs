//! The corpus of hostile and careless inputs of issue 17 (`tests/hostile/cases.toml`): the
//! `civis` binary on each, which must refuse it with the expected sentence and a non-zero exit
//! (or accept it, for the inputs that are valid), leave its inputs untouched and write nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Manifest {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    args: Vec<String>,
    #[serde(default)]
    expect: String,
    /// A second part of the message (after the location, which the format puts in between).
    #[serde(default)]
    also: String,
    #[serde(default)]
    succeeds: bool,
    #[serde(default)]
    unchanged: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
}

fn hostile() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn every_hostile_input_is_refused_with_its_message() {
    let dir = hostile().canonicalize().unwrap();
    let text = std::fs::read_to_string(dir.join("cases.toml")).unwrap();
    let manifest: Manifest = toml::from_str(&text).expect("tests/hostile/cases.toml");
    assert!(manifest.case.len() >= 20);
    let mut failures = Vec::new();
    for (i, case) in manifest.case.iter().enumerate() {
        // every case gets a fresh copy of the corpus to damage
        let tmp = std::env::temp_dir().join(format!("civis-hostile-{}-{i}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        copy_dir(&dir, &tmp);
        let fill = |s: &str| {
            s.replace("{hostile}", &dir.display().to_string())
                .replace("{tmp}", &tmp.display().to_string())
        };
        let before: Vec<Vec<u8>> = case
            .unchanged
            .iter()
            .map(|f| std::fs::read(fill(f)).unwrap())
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_civis"))
            .args(case.args.iter().map(|a| fill(a)))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut problems = Vec::new();
        if case.succeeds {
            if !out.status.success() {
                problems.push(format!("failed: {stderr}"));
            }
        } else {
            if out.status.success() {
                problems.push("exited 0".to_string());
            }
            for part in [&case.expect, &case.also] {
                if !stderr.contains(&fill(part)) {
                    problems.push(format!("expected `{}`", fill(part)));
                }
            }
            if stderr.contains("panicked") {
                problems.push("panicked".into());
            }
        }
        for (f, b) in case.unchanged.iter().zip(&before) {
            if std::fs::read(fill(f)).ok().as_ref() != Some(b) {
                problems.push(format!("{} was changed", fill(f)));
            }
        }
        for f in &case.absent {
            if Path::new(&fill(f)).exists() {
                problems.push(format!("{} was left behind", fill(f)));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n    stderr: {}",
                case.name,
                problems.join("; "),
                stderr.trim()
            ));
        }
        let _ = std::fs::remove_dir_all(&tmp);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
