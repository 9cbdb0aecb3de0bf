//! Servers run in a child process (this binary, `serve <kind>`), pinned to their own core,
//! so their CPU time and peak RSS can be read from `/proc` and the load generator does not
//! share their scheduler.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

/// Which server a child runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    /// The generated server (`iotmanagedintegrations-server`).
    Ours,
    /// The hand-written hyper 1 handler ([`crate::baseline`]).
    Baseline,
}

impl ServerKind {
    pub fn name(self) -> &'static str {
        match self {
            ServerKind::Ours => "ours",
            ServerKind::Baseline => "baseline",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ours" => Some(ServerKind::Ours),
            "baseline" => Some(ServerKind::Baseline),
            _ => None,
        }
    }
}

/// The child side: pin, bind 127.0.0.1:0, print `listening on ADDR`, serve on a
/// current-thread runtime until stdin closes.
pub fn run_child(kind: ServerKind, core: Option<usize>) -> std::io::Result<()> {
    if let Some(core) = core {
        crate::affinity::pin(Some(core));
    }
    // The parent closes stdin (or dies) to stop us.
    std::thread::spawn(|| {
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        std::process::exit(0);
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        println!("listening on {}", listener.local_addr()?);
        match kind {
            ServerKind::Ours => crate::server::serve(listener).await,
            ServerKind::Baseline => crate::baseline::serve(listener).await,
        }
    })
}

/// The parent side: a running server child.
pub struct ServerProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    pub addr: SocketAddr,
    pub kind: ServerKind,
}

impl ServerProcess {
    /// Starts `exe serve <kind> [--core N]` and waits for its address.
    pub fn start(kind: ServerKind, core: Option<usize>) -> std::io::Result<ServerProcess> {
        let exe = std::env::current_exe()?;
        let mut cmd = Command::new(exe);
        cmd.arg("serve").arg(kind.name());
        if let Some(core) = core {
            cmd.arg("--core").arg(core.to_string());
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("no stdout"))?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("server said {line:?}")))?;
        Ok(ServerProcess {
            child,
            stdin,
            addr,
            kind,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// User + system CPU time consumed so far.
    pub fn cpu_time(&self) -> Option<Duration> {
        cpu_time(self.pid())
    }

    /// Peak resident set size so far (`VmHWM`), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.stdin.take());
        for _ in 0..50 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// utime + stime of a process, from `/proc/PID/stat`.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let ticks = u64::try_from(ticks).ok().filter(|t| *t > 0)?;
    Some(Duration::from_nanos(
        (utime + stime) * 1_000_000_000 / ticks,
    ))
}

/// CPU time of this process (all threads).
pub fn own_cpu_time() -> Option<Duration> {
    cpu_time(std::process::id())
}
