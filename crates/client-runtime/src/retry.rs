//! Retry classification that is ours rather than aws-smithy-runtime's.
//!
//! The retry *strategy* (standard mode, token bucket, exponential backoff with jitter) is
//! always `aws_smithy_runtime`'s `StandardRetryStrategy`; the only thing defined here is one
//! extra classifier.

use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};

/// Classifies a bare HTTP `429 Too Many Requests` (no recognised error code) as a throttling
/// error, so it is retried like `ThrottlingException`.
///
/// **Deliberate difference:** the official AWS SDK for Rust does *not* retry a bare 429.
/// Disable with `config::Builder::retry_bare_429(false)`.
#[derive(Debug, Default, Clone, Copy)]
#[non_exhaustive]
pub struct Status429ThrottlingClassifier;

impl Status429ThrottlingClassifier {
    /// A new classifier.
    pub fn new() -> Self {
        Self
    }
}

impl ClassifyRetry for Status429ThrottlingClassifier {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        match ctx.response() {
            Some(res) if res.status().as_u16() == 429 => RetryAction::throttling_error(),
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "HTTP 429 as throttling"
    }

    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::http_status_code_classifier()
    }
}
