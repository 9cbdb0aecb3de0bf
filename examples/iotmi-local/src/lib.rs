//! `iotmi-local`: a local, in-memory implementation of the IoT Managed Integrations
//! `CreateEventLogConfiguration` API on the generated server trait.
//!
//! Semantics implemented here (the generated server already did routing, decoding and
//! validation):
//! - each new configuration gets an Id of 32 hex digits (matches `^[A-Za-z0-9]+$`);
//! - `ClientToken` idempotency: the same token with the same parameters returns the first
//!   call's Id and creates nothing; the same token with other parameters is a 409
//!   ConflictException; no token always creates. Token check and insert happen under one lock,
//!   so N concurrent duplicates create exactly one configuration;
//! - `--max-configurations N`: creating beyond N is a 402 ServiceQuotaExceededException
//!   (idempotent replays of existing configurations still succeed);
//! - `--rate-limit RPS`: a token bucket (burst = RPS, at least 1) answering 429
//!   ThrottlingException when empty. Off by default.

pub mod credentials;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use credentials::{Credential, parse_credential};

use iotmanagedintegrations_server::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput,
};
use iotmanagedintegrations_server::types::LogLevel;
use iotmanagedintegrations_server::types::error::{
    ConflictException, InternalServerException, ServiceQuotaExceededException, ThrottlingException,
};
use iotmanagedintegrations_server::{IotManagedIntegrations, RequestContext};

/// What identifies a configuration's content (compared for idempotent replays).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLogConfiguration {
    pub resource_type: String,
    pub resource_id: Option<String>,
    pub event_log_level: LogLevel,
}

/// Why a store refused to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The client token was used before with different parameters.
    TokenConflict,
    /// Creating would exceed the quota.
    QuotaExceeded { quota: usize },
    /// The backend failed (a durable store could; the memory store never does).
    Unavailable(String),
}

/// Where configurations live. The in-memory [`MemoryStore`] is the only backend today; a
/// durable one implements the same trait. `create` must be atomic with respect to the token:
/// concurrent calls with one token create at most one configuration.
pub trait Store: Send + Sync + 'static {
    /// Create `config`, or return the Id created earlier for the same `client_token` and the
    /// same parameters. Returns the Id and whether this call created it.
    fn create(
        &self,
        config: EventLogConfiguration,
        client_token: Option<String>,
        quota: Option<usize>,
    ) -> impl Future<Output = Result<(String, bool), StoreError>> + Send;

    /// How many configurations exist.
    fn count(&self) -> impl Future<Output = usize> + Send;
}

/// Everything in one mutex: the critical section is a few hash-map operations.
#[derive(Default)]
pub struct MemoryStore {
    inner: Mutex<MemoryInner>,
}

#[derive(Default)]
struct MemoryInner {
    configs: HashMap<String, EventLogConfiguration>,
    /// client token -> Id created with it
    tokens: HashMap<String, String>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Store for MemoryStore {
    async fn create(
        &self,
        config: EventLogConfiguration,
        client_token: Option<String>,
        quota: Option<usize>,
    ) -> Result<(String, bool), StoreError> {
        // A poisoned lock only means another request panicked mid-update; the maps are still
        // consistent (each update is a single insert), so keep serving.
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(token) = &client_token
            && let Some(id) = inner.tokens.get(token)
        {
            return match inner.configs.get(id) {
                Some(existing) if *existing == config => Ok((id.clone(), false)),
                _ => Err(StoreError::TokenConflict),
            };
        }
        if let Some(quota) = quota
            && inner.configs.len() >= quota
        {
            return Err(StoreError::QuotaExceeded { quota });
        }
        let id = new_id();
        inner.configs.insert(id.clone(), config);
        if let Some(token) = client_token {
            inner.tokens.insert(token, id.clone());
        }
        Ok((id, true))
    }

    async fn count(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .configs
            .len()
    }
}

/// 32 lowercase hex digits: unique per process, unpredictable across processes.
fn new_id() -> String {
    smithygen_server_runtime::new_request_id().replace('-', "")
}

/// A token bucket: `rate` tokens per second, holding at most `max(rate, 1)`.
pub struct RateLimiter {
    rate: f64,
    state: Mutex<(f64, Instant)>,
}

impl RateLimiter {
    pub fn new(rate: f64) -> Self {
        RateLimiter {
            rate,
            state: Mutex::new((rate.max(1.0), Instant::now())),
        }
    }

    /// Take one token if available.
    pub fn try_acquire(&self) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let (tokens, last) = &mut *state;
        *tokens =
            (*tokens + now.duration_since(*last).as_secs_f64() * self.rate).min(self.rate.max(1.0));
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Service options (from the command line).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub max_configurations: Option<usize>,
    pub rate_limit: Option<f64>,
}

/// The service: a store plus the limits.
pub struct IotmiLocal<S> {
    store: S,
    quota: Option<usize>,
    limiter: Option<RateLimiter>,
}

impl<S: Store> IotmiLocal<S> {
    pub fn new(store: S, options: &Options) -> Self {
        IotmiLocal {
            store,
            quota: options.max_configurations,
            limiter: options.rate_limit.map(RateLimiter::new),
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }
}

impl<S: Store> IotManagedIntegrations for IotmiLocal<S> {
    async fn create_event_log_configuration(
        &self,
        input: CreateEventLogConfigurationInput,
        _ctx: RequestContext,
    ) -> Result<CreateEventLogConfigurationOutput, CreateEventLogConfigurationError> {
        if let Some(limiter) = &self.limiter
            && !limiter.try_acquire()
        {
            return Err(ThrottlingException::new("Rate exceeded").into());
        }
        let config = EventLogConfiguration {
            resource_type: input.resource_type,
            resource_id: input.resource_id,
            event_log_level: input.event_log_level,
        };
        match self
            .store
            .create(config, input.client_token, self.quota)
            .await
        {
            Ok((id, _created)) => Ok(CreateEventLogConfigurationOutput { id: Some(id) }),
            Err(StoreError::TokenConflict) => Err(ConflictException::new(
                "ClientToken was already used with different parameters",
            )
            .into()),
            Err(StoreError::QuotaExceeded { quota }) => Err(ServiceQuotaExceededException::new(
                format!("At most {quota} event log configurations are allowed"),
            )
            .into()),
            Err(StoreError::Unavailable(detail)) => {
                Err(InternalServerException::new(format!("Store unavailable: {detail}")).into())
            }
        }
    }
}

/// Parsed command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    pub listen: SocketAddr,
    pub options: Options,
    pub auth: AuthArgs,
    pub limits: Limits,
}

/// Signed-only mode: the callers let in, and the region their signatures must name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuthArgs {
    pub credentials: Vec<Credential>,
    pub credentials_files: Vec<PathBuf>,
    /// `None`: `us-east-1`.
    pub region: Option<String>,
}

/// Connection limits (the `ServerConfig` defaults when not given).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Limits {
    pub max_connections: Option<usize>,
    pub header_read_timeout: Option<Duration>,
    pub body_read_timeout: Option<Duration>,
}

impl Limits {
    /// The server configuration these limits give.
    pub fn config(&self) -> iotmanagedintegrations_server::ServerConfig {
        let mut config = iotmanagedintegrations_server::ServerConfig::default();
        if let Some(n) = self.max_connections {
            config = config.with_max_connections(Some(n));
        }
        if let Some(t) = self.header_read_timeout {
            config = config.with_header_read_timeout(Some(t));
        }
        if let Some(t) = self.body_read_timeout {
            config = config.with_body_read_timeout(Some(t));
        }
        config
    }
}

/// The region signatures must be scoped to when `--region` is not given.
pub const DEFAULT_REGION: &str = "us-east-1";

/// Default listen address: loopback only (a local test double should not be reachable from
/// the network by default), port 8080.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

pub const USAGE: &str = "usage: iotmi-local [--listen ADDR:PORT] [--max-configurations N] [--rate-limit RPS]
                   [--credentials AKID:SECRET[:TOKEN]]... [--credentials-file FILE]... [--region REGION]
                   [--max-connections N] [--header-read-timeout SECS] [--body-read-timeout SECS]
  --listen ADDR:PORT        address to bind (default 127.0.0.1:8080; port 0 picks a free port)
  --max-configurations N    answer 402 ServiceQuotaExceededException beyond N configurations
  --rate-limit RPS          answer 429 ThrottlingException above RPS requests per second (off by default)
  --credentials AKID:SECRET[:TOKEN]
                            accept only SigV4-signed requests, from this key (repeatable; a TOKEN
                            must then come with every request as X-Amz-Security-Token)
  --credentials-file FILE   keys from FILE: AWS shared-credentials format or AKID:SECRET[:TOKEN]
                            lines (repeatable). Without any credentials every caller is accepted
  --region REGION           the region signatures must be scoped to (default us-east-1)
  --max-connections N       serve at most N connections at once; others wait (default 4096)
  --header-read-timeout SECS  time for a request head to arrive (default 30)
  --body-read-timeout SECS  time for a request body to arrive, 408 beyond (default 30)
  -h, --help                print this help";

fn seconds(flag: &str, v: &str) -> Result<Duration, String> {
    v.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("{flag}: `{v}` is not a positive number of seconds"))
}

/// `Ok(None)` means help was asked for. Accepts `--flag value` and `--flag=value`.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut listen: SocketAddr = DEFAULT_LISTEN.parse().map_err(|e| format!("{e}"))?;
    let mut options = Options::default();
    let mut auth = AuthArgs::default();
    let mut limits = Limits::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--listen" => {
                let v = value()?;
                listen = v
                    .parse()
                    .map_err(|_| format!("--listen: `{v}` is not ADDR:PORT"))?;
            }
            "--max-configurations" => {
                let v = value()?;
                options.max_configurations = Some(
                    v.parse()
                        .map_err(|_| format!("--max-configurations: `{v}` is not a count"))?,
                );
            }
            "--rate-limit" => {
                let v = value()?;
                let rps: f64 = v
                    .parse()
                    .map_err(|_| format!("--rate-limit: `{v}` is not a number"))?;
                if !(rps.is_finite() && rps > 0.0) {
                    return Err(format!("--rate-limit: `{v}` must be a positive number"));
                }
                options.rate_limit = Some(rps);
            }
            "--credentials" => auth
                .credentials
                .push(parse_credential(&value()?).map_err(|e| format!("--credentials: {e}"))?),
            "--credentials-file" => auth.credentials_files.push(value()?.into()),
            "--region" => {
                let v = value()?;
                if v.is_empty() {
                    return Err("--region: empty".into());
                }
                auth.region = Some(v);
            }
            "--max-connections" => {
                let v = value()?;
                let n: usize =
                    v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        format!("--max-connections: `{v}` is not a positive count")
                    })?;
                limits.max_connections = Some(n);
            }
            "--header-read-timeout" => {
                limits.header_read_timeout = Some(seconds(&flag, &value()?)?);
            }
            "--body-read-timeout" => limits.body_read_timeout = Some(seconds(&flag, &value()?)?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(Args {
        listen,
        options,
        auth,
        limits,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn args() {
        let a = parse(&[]).unwrap().unwrap();
        assert_eq!(a.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(a.options, Options::default());
        let a = parse(&[
            "--listen",
            "127.0.0.1:0",
            "--max-configurations=3",
            "--rate-limit",
            "2.5",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(a.listen.port(), 0);
        assert_eq!(a.options.max_configurations, Some(3));
        assert_eq!(a.options.rate_limit, Some(2.5));
        assert_eq!(a.auth, AuthArgs::default());
        let a = parse(&[
            "--credentials",
            "A:S",
            "--credentials=B:S2:T",
            "--credentials-file",
            "keys.ini",
            "--region",
            "eu-west-1",
            "--max-connections",
            "8",
            "--body-read-timeout",
            "0.5",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(a.auth.credentials.len(), 2);
        assert_eq!(a.auth.credentials[1].session_token.as_deref(), Some("T"));
        assert_eq!(a.auth.credentials_files, [PathBuf::from("keys.ini")]);
        assert_eq!(a.auth.region.as_deref(), Some("eu-west-1"));
        let config = a.limits.config();
        assert_eq!(config.max_connections, Some(8));
        assert_eq!(config.body_read_timeout, Some(Duration::from_millis(500)));
        assert_eq!(parse(&["--help"]).unwrap(), None);
        for bad in [
            &["--listen"][..],
            &["--listen", "nope"],
            &["--rate-limit", "0"],
            &["--rate-limit", "NaN"],
            &["--max-configurations", "-1"],
            &["--credentials", "AKID"],
            &["--max-connections", "0"],
            &["--body-read-timeout", "-1"],
            &["--bogus"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn rate_limiter_bucket() {
        let l = RateLimiter::new(2.0);
        assert!(l.try_acquire());
        assert!(l.try_acquire());
        assert!(!l.try_acquire(), "burst is the rate");
        std::thread::sleep(std::time::Duration::from_millis(600));
        assert!(l.try_acquire(), "refilled");
    }

    #[test]
    fn ids_match_the_output_pattern() {
        let id = new_id();
        assert_eq!(id.len(), 32);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
