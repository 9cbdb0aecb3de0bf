//! The client.

use std::sync::Arc;

#[derive(Debug)]
pub(crate) struct Handle {
    pub(crate) conf: crate::Config,
    /// Operations are built on first use and reused.
    pub(crate) operations: crate::rt::operation::OperationCache,
}

/// Client for {{ title }}.
///
/// Cheap to clone (an `Arc` inside); one per application is enough.
#[derive(Clone, Debug)]
pub struct Client {
    handle: Arc<Handle>,
}

impl Client {
    /// Creates a client from a service configuration.
    pub fn from_conf(conf: crate::Config) -> Self {
        Self {
            handle: Arc::new(Handle {
                conf,
                operations: crate::rt::operation::OperationCache::new(crate::meta::OPERATION_COUNT),
            }),
        }
    }

    /// Creates a client from a shared `SdkConfig` (e.g. from `aws-config`).
    pub fn new(sdk_config: &crate::config::SdkConfig) -> Self {
        Self::from_conf(sdk_config.into())
    }

    /// The client's configuration.
    pub fn config(&self) -> &crate::Config {
        &self.handle.conf
    }
{%- for op in operations %}

    /// Constructs a fluent builder for the [`{{ op.name }}`]({{ op.fluent_path }}) operation.
{% for line in op.docs %}    ///{{ line }}
{% endfor %}    pub fn {{ op.snake }}(&self) -> {{ op.fluent_path }} {
        {{ op.fluent_path }}::new(self.handle.clone())
    }
{%- endfor %}
}
