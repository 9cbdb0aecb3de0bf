//! Reads `cargo test`'s output, matches it against the accepted failures and renders the
//! table and the final line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codegen::protocol_tests::{Kind, Side};

/// One case on one side: `client request RestJsonFoo`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CaseId {
    pub kind: Kind,
    pub side: Side,
    pub id: String,
}

impl CaseId {
    pub fn new(side: Side, kind: Kind, id: &str) -> CaseId {
        CaseId {
            kind,
            side,
            id: id.to_string(),
        }
    }

    fn key(&self) -> String {
        format!(
            "{} {} {}",
            side_label(self.side),
            self.kind.label(),
            self.id
        )
    }
}

fn side_label(side: Side) -> &'static str {
    match side {
        Side::Client => "client",
        Side::Server => "server",
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Passed,
    /// Failed; the first lines of its panic message.
    Failed(String),
    /// The test did not run (its crate did not build, or the output did not mention it).
    Missing,
}

pub struct Report {
    rows: Vec<(CaseId, Outcome, Option<String>)>,
}

impl Report {
    /// `members`: test crate (underscored) -> its cases; `log`: cargo's output; `accepted`:
    /// the accepted-failures file (`side kind id: reason` lines, `#` comments).
    pub fn new(members: &BTreeMap<String, Vec<CaseId>>, log: &str, accepted: &str) -> Report {
        let results = parse_log(log);
        let accepted: BTreeMap<&str, &str> = accepted
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                l.split_once(':')
                    .map_or((l, ""), |(k, r)| (k.trim(), r.trim()))
            })
            .collect();
        let mut rows = Vec::new();
        for (krate, cases) in members {
            for case in cases {
                let test = format!("{}::{}", case.kind.label(), case.id);
                let outcome = match results.get(&(krate.clone(), test)) {
                    Some(o) => o.clone_outcome(),
                    None => Outcome::Missing,
                };
                let reason = accepted.get(case.key().as_str()).map(|r| r.to_string());
                rows.push((case.clone(), outcome, reason));
            }
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        Report { rows }
    }

    fn count(&self, f: impl Fn(&Outcome, bool) -> bool) -> usize {
        self.rows
            .iter()
            .filter(|(_, o, r)| f(o, r.is_some()))
            .count()
    }

    fn passed(&self) -> usize {
        self.count(|o, accepted| *o == Outcome::Passed && !accepted)
    }

    fn accepted(&self) -> usize {
        self.count(|o, accepted| *o != Outcome::Passed && accepted)
    }

    fn failed(&self) -> usize {
        self.count(|o, accepted| *o != Outcome::Passed && !accepted)
    }

    fn newly_passing(&self) -> usize {
        self.count(|o, accepted| *o == Outcome::Passed && accepted)
    }

    /// No unexpected failure and no accepted failure that now passes.
    pub fn ok(&self) -> bool {
        self.failed() == 0 && self.newly_passing() == 0
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<10} {:<7} {:>7} {:>7} {:>9}",
            "kind", "side", "passed", "failed", "accepted"
        );
        let mut groups: BTreeMap<(Kind, Side), (usize, usize, usize)> = BTreeMap::new();
        for (id, o, r) in &self.rows {
            let g = groups.entry((id.kind, id.side)).or_default();
            match (o, r) {
                (Outcome::Passed, None) => g.0 += 1,
                (_, None) | (Outcome::Passed, Some(_)) => g.1 += 1,
                (_, Some(_)) => g.2 += 1,
            }
        }
        for ((kind, side), (p, f, a)) in &groups {
            let _ = writeln!(
                out,
                "{:<10} {:<7} {p:>7} {f:>7} {a:>9}",
                kind.label(),
                side_label(*side)
            );
        }
        for (id, o, r) in &self.rows {
            let line = match (o, r) {
                (Outcome::Passed, None) => continue,
                (Outcome::Passed, Some(_)) => format!(
                    "NEWLY PASSING {}: remove it from protocol-tests/accepted-failures.txt",
                    id.key()
                ),
                (Outcome::Failed(why), None) => format!("FAILED {}: {why}", id.key()),
                (Outcome::Missing, None) => format!("FAILED {}: the test did not run", id.key()),
                (_, Some(reason)) => format!("accepted {}: {reason}", id.key()),
            };
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(
            out,
            "protocol tests: {} passed, {} failed, {} accepted failures of {}",
            self.passed(),
            self.failed() + self.newly_passing(),
            self.accepted(),
            self.rows.len()
        );
        out
    }
}

impl Outcome {
    fn clone_outcome(&self) -> Outcome {
        match self {
            Outcome::Passed => Outcome::Passed,
            Outcome::Failed(s) => Outcome::Failed(s.clone()),
            Outcome::Missing => Outcome::Missing,
        }
    }
}

/// (test crate, `module::test`) -> outcome, from libtest's lines and failure sections.
fn parse_log(log: &str) -> BTreeMap<(String, String), Outcome> {
    let mut results = BTreeMap::new();
    let mut krate = String::new();
    let mut failing: Option<(String, Vec<String>)> = None;
    for line in log.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("Running unittests ") {
            // `src/lib.rs (target/debug/deps/name-0123abcd)`
            let file = rest.rsplit('/').next().unwrap_or_default();
            krate = file
                .rsplit_once('-')
                .map_or(file, |(name, _)| name)
                .to_string();
            continue;
        }
        if let Some((name, result)) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.rsplit_once(" ... "))
        {
            let outcome = match result {
                "ok" => Outcome::Passed,
                _ => Outcome::Failed(String::from("failed")),
            };
            results.insert((krate.clone(), name.to_string()), outcome);
            continue;
        }
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            flush(&mut results, &krate, failing.take());
            failing = Some((name.to_string(), Vec::new()));
            continue;
        }
        if let Some((_, lines)) = &mut failing {
            let done = line.starts_with("note: ") || line == "failures:";
            if done || (line.is_empty() && !lines.is_empty()) {
                flush(&mut results, &krate, failing.take());
            } else if !line.is_empty() && !line.starts_with("thread '") {
                lines.push(line.to_string());
            }
        }
    }
    flush(&mut results, &krate, failing.take());
    results
}

fn flush(
    results: &mut BTreeMap<(String, String), Outcome>,
    krate: &str,
    failing: Option<(String, Vec<String>)>,
) {
    if let Some((name, lines)) = failing {
        let why: Vec<String> = lines.into_iter().take(3).collect();
        results.insert((krate.to_string(), name), Outcome::Failed(why.join(" | ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "     Running unittests src/lib.rs (/t/debug/deps/pets_client_protocol_tests-0a1b)\n\
running 2 tests\n\
test request::A ... ok\n\
test request::B ... FAILED\n\
\n\
failures:\n\
\n\
---- request::B stdout ----\n\
\n\
thread 'request::B' panicked at src/lib.rs:9:5:\n\
header x: missing\n\
note: run with `RUST_BACKTRACE=1`\n\
\n\
failures:\n\
    request::B\n";

    #[test]
    fn failures_carry_their_message_and_accepted_ones_do_not_fail_the_run() {
        let members = BTreeMap::from([(
            "pets_client_protocol_tests".to_string(),
            vec![
                CaseId::new(Side::Client, Kind::Request, "A"),
                CaseId::new(Side::Client, Kind::Request, "B"),
                CaseId::new(Side::Client, Kind::Request, "C"),
            ],
        )]);
        let report = Report::new(&members, LOG, "");
        let text = report.render();
        assert!(
            text.contains("FAILED client request B: header x: missing"),
            "{text}"
        );
        assert!(
            text.contains("FAILED client request C: the test did not run"),
            "{text}"
        );
        assert!(text.ends_with("protocol tests: 1 passed, 2 failed, 0 accepted failures of 3\n"));
        assert!(!report.ok());
        let accepted = "# why\nclient request B: headers\nclient request C: not built\n";
        let report = Report::new(&members, LOG, accepted);
        assert!(report.ok(), "{}", report.render());
        let report = Report::new(&members, LOG, "client request A: once broken\n");
        assert!(!report.ok());
        assert!(report.render().contains("NEWLY PASSING client request A"));
    }
}
