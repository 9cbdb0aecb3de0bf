//! The generic client configuration. Every generated crate re-exports [`Config`] and
//! [`Builder`] as its own `Config` / `config::Builder`; service-specific facts (signing name,
//! endpoint template, ...) are not configuration and travel separately in
//! [`ServiceMeta`](crate::operation::ServiceMeta).

use aws_smithy_runtime::client::identity::IdentityCache;
use aws_smithy_runtime_api::client::identity::SharedIdentityCache;

pub use aws_credential_types::Credentials;
pub use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
pub use aws_smithy_async::rt::sleep::{AsyncSleep, SharedAsyncSleep, Sleep};
pub use aws_smithy_async::time::{SharedTimeSource, TimeSource};
pub use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
pub use aws_smithy_runtime_api::client::http::{HttpClient, SharedHttpClient};
pub use aws_smithy_runtime_api::shared::IntoShared;
pub use aws_types::region::Region;
pub use aws_types::sdk_config::SdkConfig;

/// Retry configuration (`aws_smithy_types::retry`).
pub mod retry {
    pub use aws_smithy_types::retry::{
        ReconnectMode, RetryConfig, RetryConfigBuilder, RetryKind, RetryMode,
    };
}

/// Timeout configuration (`aws_smithy_types::timeout`).
pub mod timeout {
    pub use aws_smithy_types::timeout::{
        OperationTimeoutConfig, TimeoutConfig, TimeoutConfigBuilder,
    };
}

use retry::RetryConfig;
use timeout::TimeoutConfig;

/// Client configuration. Cheap to clone; build one with [`Config::builder`].
#[derive(Clone, Debug)]
pub struct Config {
    behavior_version: Option<BehaviorVersion>,
    region: Option<Region>,
    endpoint_url: Option<String>,
    credentials_provider: Option<SharedCredentialsProvider>,
    retry_config: RetryConfig,
    timeout_config: Option<TimeoutConfig>,
    http_client: SharedHttpClient,
    sleep_impl: Option<SharedAsyncSleep>,
    time_source: Option<SharedTimeSource>,
    identity_cache: SharedIdentityCache,
    validate_requests: bool,
    retry_bare_429: bool,
}

impl Config {
    /// A new builder.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Back to a builder (keeps the identity cache only if nothing else changes it).
    pub fn to_builder(&self) -> Builder {
        Builder {
            behavior_version: self.behavior_version,
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            credentials_provider: self.credentials_provider.clone(),
            retry_config: Some(self.retry_config.clone()),
            timeout_config: self.timeout_config.clone(),
            http_client: Some(self.http_client.clone()),
            sleep_impl: self.sleep_impl.clone(),
            time_source: self.time_source.clone(),
            validate_requests: self.validate_requests,
            retry_bare_429: Some(self.retry_bare_429),
        }
    }

    /// The behavior version, if set.
    pub fn behavior_version(&self) -> Option<BehaviorVersion> {
        self.behavior_version
    }
    /// The region, if set.
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
    }
    /// The endpoint URL override, if set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }
    /// The credentials provider, if set.
    pub fn credentials_provider(&self) -> Option<SharedCredentialsProvider> {
        self.credentials_provider.clone()
    }
    /// The retry configuration (default: `RetryConfig::standard()`, 3 attempts).
    pub fn retry_config(&self) -> Option<&RetryConfig> {
        Some(&self.retry_config)
    }
    /// The timeout configuration, if set (otherwise aws-smithy-runtime's defaults apply).
    pub fn timeout_config(&self) -> Option<&TimeoutConfig> {
        self.timeout_config.as_ref()
    }
    /// The HTTP client.
    pub fn http_client(&self) -> Option<SharedHttpClient> {
        Some(self.http_client.clone())
    }
    /// The sleep implementation, if set.
    pub fn sleep_impl(&self) -> Option<SharedAsyncSleep> {
        self.sleep_impl.clone()
    }
    /// The time source, if set.
    pub fn time_source(&self) -> Option<SharedTimeSource> {
        self.time_source.clone()
    }
    /// Whether requests are validated against the model's constraints before sending.
    pub fn validate_requests(&self) -> bool {
        self.validate_requests
    }
    /// Whether a bare HTTP 429 is retried as throttling (ours; default `true`).
    pub fn retry_bare_429(&self) -> bool {
        self.retry_bare_429
    }
    pub(crate) fn identity_cache(&self) -> SharedIdentityCache {
        self.identity_cache.clone()
    }
}

/// Builder for [`Config`]. Method names and signatures follow the AWS SDK for Rust.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    behavior_version: Option<BehaviorVersion>,
    region: Option<Region>,
    endpoint_url: Option<String>,
    credentials_provider: Option<SharedCredentialsProvider>,
    retry_config: Option<RetryConfig>,
    timeout_config: Option<TimeoutConfig>,
    http_client: Option<SharedHttpClient>,
    sleep_impl: Option<SharedAsyncSleep>,
    time_source: Option<SharedTimeSource>,
    validate_requests: bool,
    retry_bare_429: Option<bool>,
}

impl Builder {
    /// A new, empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the behavior version (required: use `BehaviorVersion::latest()`).
    pub fn behavior_version(mut self, behavior_version: BehaviorVersion) -> Self {
        self.behavior_version = Some(behavior_version);
        self
    }
    /// Sets the behavior version.
    pub fn set_behavior_version(&mut self, behavior_version: Option<BehaviorVersion>) -> &mut Self {
        self.behavior_version = behavior_version;
        self
    }
    /// Uses `BehaviorVersion::latest()`.
    pub fn behavior_version_latest(self) -> Self {
        self.behavior_version(BehaviorVersion::latest())
    }

    /// Sets the region (used for the endpoint and as the SigV4 signing region).
    pub fn region(mut self, region: impl Into<Option<Region>>) -> Self {
        self.region = region.into();
        self
    }
    /// Sets the region.
    pub fn set_region(&mut self, region: Option<Region>) -> &mut Self {
        self.region = region;
        self
    }

    /// Sets an endpoint URL that replaces the service's default endpoint.
    pub fn endpoint_url(mut self, endpoint_url: impl Into<String>) -> Self {
        self.endpoint_url = Some(endpoint_url.into());
        self
    }
    /// Sets the endpoint URL.
    pub fn set_endpoint_url(&mut self, endpoint_url: Option<String>) -> &mut Self {
        self.endpoint_url = endpoint_url;
        self
    }

    /// Sets the credentials provider (e.g. `Credentials::new(..)`).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials_provider = Some(SharedCredentialsProvider::new(provider));
        self
    }
    /// Sets the credentials provider.
    pub fn set_credentials_provider(
        &mut self,
        provider: Option<SharedCredentialsProvider>,
    ) -> &mut Self {
        self.credentials_provider = provider;
        self
    }

    /// Sets the retry configuration (standard mode; adaptive is treated as standard).
    pub fn retry_config(mut self, retry_config: RetryConfig) -> Self {
        self.retry_config = Some(retry_config);
        self
    }
    /// Sets the retry configuration.
    pub fn set_retry_config(&mut self, retry_config: Option<RetryConfig>) -> &mut Self {
        self.retry_config = retry_config;
        self
    }

    /// Sets the timeout configuration.
    pub fn timeout_config(mut self, timeout_config: TimeoutConfig) -> Self {
        self.timeout_config = Some(timeout_config);
        self
    }
    /// Sets the timeout configuration.
    pub fn set_timeout_config(&mut self, timeout_config: Option<TimeoutConfig>) -> &mut Self {
        self.timeout_config = timeout_config;
        self
    }

    /// Sets the HTTP client (default: hyper 1 + rustls with ring).
    pub fn http_client(mut self, http_client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(http_client.into_shared());
        self
    }
    /// Sets the HTTP client.
    pub fn set_http_client(&mut self, http_client: Option<SharedHttpClient>) -> &mut Self {
        self.http_client = http_client;
        self
    }

    /// Sets the sleep implementation (default: tokio).
    pub fn sleep_impl(mut self, sleep_impl: impl AsyncSleep + 'static) -> Self {
        self.sleep_impl = Some(sleep_impl.into_shared());
        self
    }
    /// Sets the sleep implementation.
    pub fn set_sleep_impl(&mut self, sleep_impl: Option<SharedAsyncSleep>) -> &mut Self {
        self.sleep_impl = sleep_impl;
        self
    }

    /// Sets the time source (default: the system clock).
    pub fn time_source(mut self, time_source: impl TimeSource + 'static) -> Self {
        self.time_source = Some(time_source.into_shared());
        self
    }
    /// Sets the time source.
    pub fn set_time_source(&mut self, time_source: Option<SharedTimeSource>) -> &mut Self {
        self.time_source = time_source;
        self
    }

    /// **Ours.** Validate every input against the model's constraints (required, length,
    /// pattern, range, enum) before sending; a violation is returned as
    /// `SdkError::ConstructionFailure` wrapping [`ValidationError`](crate::error::ValidationError)
    /// and nothing is sent. Default `false` (the official SDK validates nothing).
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }

    /// **Ours.** Retry a bare HTTP 429 (no error code) as throttling. Default `true`; the
    /// official SDK does not.
    pub fn retry_bare_429(mut self, retry: bool) -> Self {
        self.retry_bare_429 = Some(retry);
        self
    }

    /// Builds the configuration. Never fails: missing pieces (behavior version, region or
    /// endpoint, credentials) are reported by `send()` as `SdkError::ConstructionFailure`.
    pub fn build(self) -> Config {
        let http_client = self.http_client.unwrap_or_else(default_http_client);
        let mut cache = IdentityCache::lazy();
        if let Some(ts) = &self.time_source {
            cache.set_time_source(ts.clone());
        }
        if let Some(sleep) = &self.sleep_impl {
            cache.set_sleep_impl(sleep.clone());
        }
        Config {
            behavior_version: self.behavior_version,
            region: self.region,
            endpoint_url: self.endpoint_url,
            credentials_provider: self.credentials_provider,
            retry_config: self.retry_config.unwrap_or_else(RetryConfig::standard),
            timeout_config: self.timeout_config,
            http_client,
            sleep_impl: self.sleep_impl,
            time_source: self.time_source,
            identity_cache: cache.build(),
            validate_requests: self.validate_requests,
            retry_bare_429: self.retry_bare_429.unwrap_or(true),
        }
    }
}

impl From<&SdkConfig> for Builder {
    fn from(sdk: &SdkConfig) -> Self {
        let mut b = Builder::new();
        b.set_behavior_version(sdk.behavior_version());
        b.set_region(sdk.region().cloned());
        b.set_endpoint_url(sdk.endpoint_url().map(str::to_owned));
        b.set_credentials_provider(sdk.credentials_provider());
        b.set_retry_config(sdk.retry_config().cloned());
        b.set_timeout_config(sdk.timeout_config().cloned());
        b.set_http_client(sdk.http_client());
        b.set_sleep_impl(sdk.sleep_impl());
        b.set_time_source(sdk.time_source());
        b
    }
}

impl From<&SdkConfig> for Config {
    fn from(sdk: &SdkConfig) -> Self {
        Builder::from(sdk).build()
    }
}

/// The default HTTP client: aws-smithy-http-client's hyper 1 client with rustls + ring
/// (no aws-lc in the tree). Certificates are loaded lazily on first use.
pub fn default_http_client() -> SharedHttpClient {
    use aws_smithy_http_client::tls;
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https()
}
