//! Building and invoking an operation on `aws_smithy_runtime`'s orchestrator.

use crate::config::Config;
use crate::error::{BoxError, ProvideErrorKind, ProvideErrorMetadata, SdkError};
use crate::retry::Status429ThrottlingClassifier;
use aws_runtime::auth::SigV4OperationSigningConfig;
use aws_runtime::auth::sigv4::{SCHEME_ID, SigV4AuthScheme};
use aws_runtime::invocation_id::InvocationIdInterceptor;
use aws_runtime::request_info::RequestInfoInterceptor;
use aws_runtime::retries::classifiers::AwsErrorCodeClassifier;
use aws_runtime::user_agent::{ApiMetadata, UserAgentInterceptor};
use aws_smithy_runtime::client::orchestrator::operation::Operation;
use aws_smithy_runtime::client::retries::classifiers::{
    HttpStatusCodeClassifier, ModeledAsRetryableClassifier, TransientErrorClassifier,
};
use aws_smithy_runtime_api::client::auth::AuthSchemeOptionResolverParams;
use aws_smithy_runtime_api::client::auth::static_resolver::StaticAuthSchemeOptionResolver;
use aws_smithy_runtime_api::client::endpoint::EndpointPrefix;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::StaticRuntimePlugin;
use aws_smithy_types::config_bag::{ConfigBag, Layer};
use aws_types::SigningName;
use aws_types::region::SigningRegion;
use std::any::Any;
use std::fmt::Debug;
use std::sync::{Arc, OnceLock};

/// Facts about a service taken from its model; one `static` per generated crate.
#[derive(Debug, Clone, Copy)]
pub struct ServiceMeta {
    /// `aws.api#service` `sdkId` (used as the orchestrator's service name and retry partition).
    pub sdk_id: &'static str,
    /// `aws.auth#sigv4` `name`.
    pub signing_name: &'static str,
    /// Default endpoint, `{region}` substituted (from the model's endpoint rule set).
    pub endpoint_template: &'static str,
    /// Service id used in the user agent (`api/<id>/<version>`).
    pub user_agent_id: &'static str,
    /// Version of the generated crate (`api/<id>/<version>`).
    pub crate_version: &'static str,
}

/// Facts about one operation; one `static` per generated operation.
pub struct OperationMeta<I, O, E> {
    /// The operation's shape name.
    pub name: &'static str,
    /// This operation's slot in the client's [`OperationCache`] (its index in the service's
    /// operation list).
    pub slot: usize,
    /// Serializes the input into an HTTP request (relative URI).
    pub serialize: fn(I) -> Result<HttpRequest, BoxError>,
    /// Deserializes a buffered HTTP response.
    pub deserialize: fn(&HttpResponse) -> Result<O, OrchestratorError<E>>,
    /// `@endpoint(hostPrefix)` with its `@hostLabel`s substituted from the input
    /// (`"{label}.data."`); the orchestrator prepends it to the endpoint's host, also to a
    /// custom `endpoint_url`, as aws-sdk-rust does.
    pub host_prefix: Option<HostPrefixFn<I>>,
}

/// Builds an operation's host prefix from its input.
pub type HostPrefixFn<I> = fn(&I) -> Result<String, BoxError>;

/// Puts the operation's [`EndpointPrefix`] into the config bag before the endpoint is
/// applied (as smithy-rs' generated endpoint-params interceptors do).
struct HostPrefixInterceptor<I> {
    prefix: HostPrefixFn<I>,
}

impl<I> Debug for HostPrefixInterceptor<I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HostPrefixInterceptor")
    }
}

impl<I: Debug + Send + Sync + 'static> Intercept for HostPrefixInterceptor<I> {
    fn name(&self) -> &'static str {
        "HostPrefixInterceptor"
    }

    fn read_before_execution(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let input = context
            .input()
            .downcast_ref::<I>()
            .ok_or("host prefix: unexpected operation input type")?;
        let prefix = EndpointPrefix::new((self.prefix)(input)?)?;
        cfg.interceptor_state().store_put(prefix);
        Ok(())
    }
}

/// Resolves the endpoint: `endpoint_url` wins; otherwise the service template with `{region}`.
pub fn resolve_endpoint(config: &Config, service: &ServiceMeta) -> Result<String, BoxError> {
    if let Some(url) = config.endpoint_url() {
        return Ok(url.to_owned());
    }
    let region = config.region().ok_or_else(|| -> BoxError {
        format!(
            "no region configured for {}: set `Config::builder().region(Region::new(\"us-east-1\"))` \
             (or `.endpoint_url(..)` together with a region for signing)",
            service.sdk_id
        )
        .into()
    })?;
    Ok(service
        .endpoint_template
        .replace("{region}", region.as_ref()))
}

/// Builds the orchestrator [`Operation`] for one call: standard retries from the configured
/// `RetryConfig` with the AWS classifier set, connection poisoning, timeouts, SigV4
/// (aws-runtime's `SigV4AuthScheme`), user agent, invocation id and `amz-sdk-request`.
///
/// Errors here are configuration errors (missing behavior version, region or credentials).
pub fn build_operation<I, O, E>(
    config: &Config,
    service: &'static ServiceMeta,
    operation: &OperationMeta<I, O, E>,
) -> Result<Operation<I, O, E>, BoxError>
where
    I: Debug + Send + Sync + 'static,
    O: Debug + Send + Sync + 'static,
    E: std::error::Error + ProvideErrorMetadata + ProvideErrorKind + Debug + Send + Sync + 'static,
{
    let behavior_version = config.behavior_version().ok_or(
        "invalid client configuration: a behavior major version must be set \
         (`Config::builder().behavior_version(BehaviorVersion::latest())`)",
    )?;
    let endpoint = resolve_endpoint(config, service)?;
    let region = config.region().cloned().ok_or_else(|| -> BoxError {
        format!(
            "no region configured for {}: SigV4 needs a signing region \
             (`Config::builder().region(..)`)",
            service.sdk_id
        )
        .into()
    })?;
    let credentials = config.credentials_provider().ok_or(
        "no credentials provider configured (`Config::builder().credentials_provider(..)`)",
    )?;

    let mut layer = Layer::new("smithygen-client-runtime");
    layer.store_put(AuthSchemeOptionResolverParams::new(()));
    layer.store_put(SigV4OperationSigningConfig {
        region: Some(SigningRegion::from(region)),
        name: Some(SigningName::from_static(service.signing_name)),
        ..Default::default()
    });
    layer.store_put(ApiMetadata::new(
        service.user_agent_id,
        service.crate_version,
    ));
    let components = RuntimeComponentsBuilder::new("smithygen-client-runtime")
        .with_auth_scheme(SigV4AuthScheme::new())
        .with_auth_scheme_option_resolver(Some(StaticAuthSchemeOptionResolver::new(vec![
            SCHEME_ID,
        ])))
        .with_identity_resolver(SCHEME_ID, credentials)
        .with_identity_cache(Some(config.identity_cache()));

    let mut builder = Operation::builder()
        .service_name(service.sdk_id)
        .operation_name(operation.name)
        .behavior_version(behavior_version)
        .endpoint_url(&endpoint)
        .standard_retry(config.retry_config().expect("always set"))
        .retry_classifier(TransientErrorClassifier::<E>::new())
        .retry_classifier(HttpStatusCodeClassifier::default())
        .retry_classifier(AwsErrorCodeClassifier::<E>::new())
        .retry_classifier(ModeledAsRetryableClassifier::<E>::new())
        .with_connection_poisoning()
        .interceptor(InvocationIdInterceptor::new())
        .interceptor(RequestInfoInterceptor::new())
        .interceptor(UserAgentInterceptor::new())
        .runtime_plugin(
            StaticRuntimePlugin::new()
                .with_config(layer.freeze())
                .with_runtime_components(components),
        );
    if let Some(http_client) = config.http_client() {
        builder = builder.http_client(http_client);
    }
    if let Some(prefix) = operation.host_prefix {
        builder = builder.interceptor(HostPrefixInterceptor { prefix });
    }
    if config.retry_bare_429() {
        builder = builder.retry_classifier(Status429ThrottlingClassifier::new());
    }
    if let Some(timeouts) = config.timeout_config() {
        builder = builder.timeout_config(timeouts.clone());
    }
    if let Some(sleep) = config.sleep_impl() {
        builder = builder.sleep_impl(sleep);
    }
    if let Some(time_source) = config.time_source() {
        builder = builder.time_source(time_source);
    }
    Ok(builder
        .serializer(operation.serialize)
        .deserializer(operation.deserialize)
        .build())
}

/// The built [`Operation`] of every operation a client has called, one slot per operation.
///
/// Building an operation (runtime plugins, classifiers, interceptors, auth scheme) costs
/// about a sixth of a call and depends only on the client's configuration, so a client builds
/// each operation once and reuses it, as aws-sdk-rust reuses its client-level runtime plugins.
pub struct OperationCache {
    slots: Box<[OnceLock<Arc<dyn Any + Send + Sync>>]>,
}

impl OperationCache {
    /// An empty cache for a service with `operations` operations.
    pub fn new(operations: usize) -> Self {
        Self {
            slots: (0..operations).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The cached operation for `meta`, building it on first use. Configuration errors are not
    /// cached: every call reports them again.
    fn get_or_build<I, O, E>(
        &self,
        config: &Config,
        service: &'static ServiceMeta,
        meta: &OperationMeta<I, O, E>,
    ) -> Result<Arc<Operation<I, O, E>>, BoxError>
    where
        I: Debug + Send + Sync + 'static,
        O: Debug + Send + Sync + 'static,
        E: std::error::Error
            + ProvideErrorMetadata
            + ProvideErrorKind
            + Debug
            + Send
            + Sync
            + 'static,
    {
        let Some(slot) = self.slots.get(meta.slot) else {
            // A slot out of range would be a generator bug; stay correct, just uncached.
            return build_operation(config, service, meta).map(Arc::new);
        };
        if let Some(cached) = slot.get() {
            if let Ok(op) = Arc::clone(cached).downcast::<Operation<I, O, E>>() {
                return Ok(op);
            }
            return build_operation(config, service, meta).map(Arc::new);
        }
        let op = Arc::new(build_operation(config, service, meta)?);
        // A concurrent first call may have won the race; both operations are equivalent.
        let _ = slot.set(op.clone());
        Ok(op)
    }
}

impl Debug for OperationCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let built = self.slots.iter().filter(|s| s.get().is_some()).count();
        f.debug_struct("OperationCache")
            .field("operations", &self.slots.len())
            .field("built", &built)
            .finish()
    }
}

/// Invokes an operation, building it on the client's first call. Configuration errors become
/// `SdkError::ConstructionFailure` before anything is sent.
pub async fn invoke<I, O, E>(
    config: &Config,
    cache: &OperationCache,
    service: &'static ServiceMeta,
    operation: &OperationMeta<I, O, E>,
    input: I,
) -> Result<O, SdkError<E>>
where
    I: Debug + Send + Sync + 'static,
    O: Debug + Send + Sync + 'static,
    E: std::error::Error + ProvideErrorMetadata + ProvideErrorKind + Debug + Send + Sync + 'static,
{
    let op = cache
        .get_or_build(config, service, operation)
        .map_err(SdkError::construction_failure)?;
    op.invoke(input).await
}
