//! Client configuration (the generic runtime's `Config`, re-exported).

pub use crate::rt::config::{
    AsyncSleep, BehaviorVersion, Builder, Config, Credentials, HttpClient, IntoShared,
    ProvideCredentials, Region, SdkConfig, SharedAsyncSleep, SharedCredentialsProvider,
    SharedHttpClient, SharedTimeSource, Sleep, TimeSource,
};

/// Retry configuration.
pub mod retry {
    pub use crate::rt::config::retry::*;
}

/// Timeout configuration.
pub mod timeout {
    pub use crate::rt::config::timeout::*;
}
