//! Facts about the service, taken from the model.

/// The service as the runtime needs it.
pub static SERVICE: crate::rt::operation::ServiceMeta = crate::rt::operation::ServiceMeta {
    // aws.api#service sdkId
    sdk_id: {{ sdk_id }},
    // aws.auth#sigv4 name
    signing_name: {{ signing_name }},
    // smithy.rules#endpointRuleSet: the standard partition's default endpoint
    endpoint_template: {{ endpoint_template }},
    user_agent_id: {{ user_agent_id }},
    crate_version: env!("CARGO_PKG_VERSION"),
};

/// How many operations the service has (slots of the client's operation cache).
pub(crate) const OPERATION_COUNT: usize = {{ operation_count }};

/// The crate version.
pub const PKG_VERSION: &str = env!("CARGO_PKG_VERSION");
