//! The result table: printed, and written as Markdown and JSON.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use crate::stats::Spread;

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: &'static str,
    pub measure: String,
    /// Our number (median over rounds), with its unit.
    pub ours: String,
    /// What it is compared with and that number, or `-`.
    pub compared: String,
    /// ours / theirs per round (or the goal's quantity for absolute goals).
    pub ratio: Option<Spread>,
    pub goal: String,
    pub met: Option<bool>,
}

/// The machine the numbers came from.
#[derive(Debug, Clone)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub kernel: String,
    pub rustc: String,
    pub date: String,
}

impl Machine {
    pub fn detect() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .and_then(|l| l.split_once(':'))
            .map_or_else(|| "unknown".to_string(), |(_, m)| m.trim().to_string());
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .unwrap_or_default()
            .trim()
            .to_string();
        Machine {
            cpu,
            cores: crate::affinity::online_cpus(),
            kernel,
            rustc: command_line("rustc", &["-V"]),
            date: command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        }
    }

    pub fn summary(&self) -> String {
        format!(
            "{} cores, {} (Linux {}), {}, {}",
            self.cores, self.cpu, self.kernel, self.rustc, self.date
        )
    }
}

fn command_line(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

pub fn ratio_text(r: &Option<Spread>) -> String {
    match r {
        Some(s) => format!("{:.2}x ({:.2}-{:.2})", s.median, s.min, s.max),
        None => "-".into(),
    }
}

fn met_text(m: Option<bool>) -> &'static str {
    match m {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "-",
    }
}

/// The Markdown table (plus the machine line and notes).
pub fn markdown(machine: &Machine, rows: &[Row], notes: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Machine: {}\n", machine.summary());
    out.push_str(
        "| id | measure | ours | compared with | ratio: median (min-max) | goal | met |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|\n");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.id,
            r.measure,
            r.ours,
            r.compared,
            ratio_text(&r.ratio),
            r.goal,
            met_text(r.met)
        );
    }
    if !notes.is_empty() {
        out.push('\n');
        for n in notes {
            let _ = writeln!(out, "- {n}");
        }
    }
    out
}

/// The same as JSON.
pub fn json(machine: &Machine, rows: &[Row], notes: &[String]) -> Value {
    json!({
        "machine": {
            "cpu": machine.cpu,
            "cores": machine.cores,
            "kernel": machine.kernel,
            "rustc": machine.rustc,
            "date": machine.date,
        },
        "rows": rows.iter().map(|r| json!({
            "id": r.id,
            "measure": r.measure,
            "ours": r.ours,
            "compared_with": r.compared,
            "ratio": r.ratio.map(|s| json!({"median": s.median, "min": s.min, "max": s.max})),
            "goal": r.goal,
            "met": r.met,
        })).collect::<Vec<_>>(),
        "notes": notes,
    })
}

/// Writes `bench.md` and `bench.json` into `dir`.
pub fn write(dir: &Path, machine: &Machine, rows: &[Row], notes: &[String]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("bench.md"), markdown(machine, rows, notes))?;
    let text =
        serde_json::to_string_pretty(&json(machine, rows, notes)).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("bench.json"), text + "\n")
}
