//! Shared pieces: the capture server (test-support), our generated server on a real
//! socket with a fault-injecting handler around iotmi-local, both clients behind one neutral
//! [`Caller`] interface, and [`Outcome`], the client-independent result compared everywhere.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use iotmanagedintegrations_server::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput,
};
use iotmanagedintegrations_server::types::error::{
    AccessDeniedException, ConflictException, InternalServerException,
    ServiceQuotaExceededException, ThrottlingException, ValidationException,
};
use iotmanagedintegrations_server::{
    IotManagedIntegrations, IotManagedIntegrationsServer, RequestContext, ServerConfig,
};
use iotmi_local::{IotmiLocal, MemoryStore, Options, Store};

pub use aws_sdk_iotmanagedintegrations as official;
pub use iotmanagedintegrations_client as ours;

pub const AKID: &str = "AKIDEXAMPLE";
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
pub const REGION: &str = "us-east-1";

pub use test_support::capture::{CaptureServer, Captured, Reply};

// ---------------------------------------------------------------------------------------
// Our server with iotmi-local and on-demand errors
// ---------------------------------------------------------------------------------------

/// `ResourceId` values that make [`Injecting`] answer with that modeled error (the names
/// satisfy the ResourceId pattern `^[a-zA-Z0-9+*]*$`).
pub const MODELED_ERRORS: [(&str, u16); 6] = [
    ("AccessDeniedException", 403),
    ("ConflictException", 409),
    ("InternalServerException", 500),
    ("ServiceQuotaExceededException", 402),
    ("ThrottlingException", 429),
    ("ValidationException", 400),
];

/// `ResourceId` that makes [`Injecting`] create the configuration and then answer 500 the
/// first time it sees a client token (a response lost after the write).
pub const FAIL_AFTER_CREATE: &str = "failAfterCreate";

/// What the handler saw.
#[derive(Default, Debug, Clone)]
pub struct Seen {
    pub calls: usize,
    pub request_ids: Vec<String>,
    pub client_tokens: Vec<Option<String>>,
}

/// iotmi-local's implementation plus errors on demand (see [`MODELED_ERRORS`],
/// [`FAIL_AFTER_CREATE`]).
pub struct Injecting {
    pub local: IotmiLocal<MemoryStore>,
    seen: Mutex<Seen>,
    failed_tokens: Mutex<HashSet<Option<String>>>,
}

impl Injecting {
    pub fn new() -> Self {
        Injecting {
            local: IotmiLocal::new(MemoryStore::new(), &Options::default()),
            seen: Mutex::default(),
            failed_tokens: Mutex::default(),
        }
    }
    pub fn seen(&self) -> Seen {
        self.seen.lock().unwrap().clone()
    }
    pub async fn configurations(&self) -> usize {
        self.local.store().count().await
    }
}

impl IotManagedIntegrations for Injecting {
    async fn create_event_log_configuration(
        &self,
        input: CreateEventLogConfigurationInput,
        ctx: RequestContext,
    ) -> Result<CreateEventLogConfigurationOutput, CreateEventLogConfigurationError> {
        {
            let mut seen = self.seen.lock().unwrap();
            seen.calls += 1;
            seen.request_ids.push(ctx.request_id().to_owned());
            seen.client_tokens.push(input.client_token.clone());
        }
        let msg = |name: &str| format!("injected {name}");
        match input.resource_id.as_deref() {
            Some(n @ "AccessDeniedException") => Err(AccessDeniedException::new(msg(n)).into()),
            Some(n @ "ConflictException") => Err(ConflictException::new(msg(n)).into()),
            Some(n @ "InternalServerException") => Err(InternalServerException::new(msg(n)).into()),
            Some(n @ "ServiceQuotaExceededException") => {
                Err(ServiceQuotaExceededException::new(msg(n)).into())
            }
            Some(n @ "ThrottlingException") => Err(ThrottlingException::new(msg(n)).into()),
            Some(n @ "ValidationException") => Err(ValidationException::new(msg(n)).into()),
            Some(FAIL_AFTER_CREATE) => {
                let token = input.client_token.clone();
                let out = self
                    .local
                    .create_event_log_configuration(input, ctx)
                    .await?;
                if self.failed_tokens.lock().unwrap().insert(token) {
                    return Err(InternalServerException::new("injected after create").into());
                }
                Ok(out)
            }
            _ => self.local.create_event_log_configuration(input, ctx).await,
        }
    }
}

/// Our generated server around a fresh [`Injecting`] handler: on a real loopback socket
/// ([`OurServer::start`]) or only in memory ([`OurServer::in_memory`], no listener at all).
pub struct OurServer {
    addr: Option<SocketAddr>,
    pub handler: Arc<Injecting>,
    pub service: IotManagedIntegrationsServer<Injecting>,
}

impl OurServer {
    pub fn in_memory() -> OurServer {
        let handler = Arc::new(Injecting::new());
        let service = IotManagedIntegrationsServer::from_arc(handler.clone());
        OurServer {
            addr: None,
            handler,
            service,
        }
    }

    pub async fn start() -> OurServer {
        let mut server = Self::in_memory();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        server.addr = Some(listener.local_addr().unwrap());
        let svc = server.service.clone();
        tokio::spawn(async move {
            iotmanagedintegrations_server::serve(
                listener,
                svc,
                ServerConfig::default(),
                std::future::pending(),
            )
            .await
        });
        server
    }

    pub fn url(&self) -> String {
        format!(
            "http://{}",
            self.addr.expect("a server started on a socket")
        )
    }
}

// ---------------------------------------------------------------------------------------
// Both clients behind one interface
// ---------------------------------------------------------------------------------------

/// A client-neutral input: every member may be unset, `event_log_level` is the wire string.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub event_log_level: Option<String>,
    pub client_token: Option<String>,
}

impl Input {
    pub fn new(resource_type: &str, level: &str) -> Self {
        Input {
            resource_type: Some(resource_type.into()),
            event_log_level: Some(level.into()),
            ..Input::default()
        }
    }
    pub fn id(mut self, id: &str) -> Self {
        self.resource_id = Some(id.into());
        self
    }
    pub fn token(mut self, token: &str) -> Self {
        self.client_token = Some(token.into());
        self
    }
}

/// A client-independent result. `kind` is the `SdkError` variant (or `Ok`); `variant` the
/// operation error's variant name (`Unhandled` for codes the operation does not declare).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub kind: String,
    pub id: Option<String>,
    pub variant: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

/// The variant name of an operation error from its `Debug` form (`Name(..)`).
pub fn variant_name(debug: &str) -> String {
    debug
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// One call of `CreateEventLogConfiguration`.
pub trait Caller {
    fn name(&self) -> &'static str;
    fn call(&self, input: &Input) -> impl std::future::Future<Output = Outcome>;
}

/// Implements [`Caller`] for a client crate; the official and our crate have the same API,
/// so the same tokens compile against both.
macro_rules! caller {
    ($ty:ident, $krate:ident, $name:literal) => {
        pub struct $ty(pub $krate::Client);

        impl Caller for $ty {
            fn name(&self) -> &'static str {
                $name
            }
            async fn call(&self, input: &Input) -> Outcome {
                use $krate::error::{ProvideErrorMetadata, SdkError};
                use $krate::operation::RequestId;
                let result = self
                    .0
                    .create_event_log_configuration()
                    .set_resource_type(input.resource_type.clone())
                    .set_resource_id(input.resource_id.clone())
                    .set_event_log_level(
                        input
                            .event_log_level
                            .as_deref()
                            .map($krate::types::LogLevel::from),
                    )
                    .set_client_token(input.client_token.clone())
                    .send()
                    .await;
                match result {
                    Ok(out) => Outcome {
                        kind: "Ok".into(),
                        id: out.id().map(str::to_owned),
                        variant: None,
                        code: None,
                        message: None,
                        request_id: out.request_id().map(str::to_owned),
                    },
                    Err(err) => {
                        let kind = match &err {
                            SdkError::ServiceError(_) => "ServiceError",
                            SdkError::ResponseError(_) => "ResponseError",
                            SdkError::DispatchFailure(_) => "DispatchFailure",
                            SdkError::TimeoutError(_) => "TimeoutError",
                            SdkError::ConstructionFailure(_) => "ConstructionFailure",
                            _ => "other",
                        };
                        match err.as_service_error() {
                            Some(e) => Outcome {
                                kind: kind.into(),
                                id: None,
                                variant: Some(variant_name(&format!("{e:?}"))),
                                code: e.code().map(str::to_owned),
                                message: e.message().map(str::to_owned),
                                request_id: e.request_id().map(str::to_owned),
                            },
                            None => Outcome {
                                kind: kind.into(),
                                id: None,
                                variant: None,
                                code: None,
                                message: None,
                                request_id: None,
                            },
                        }
                    }
                }
            }
        }
    };
}

caller!(Official, official, "official");
caller!(Ours, ours, "ours");

fn fast_retries() -> aws_smithy_types::retry::RetryConfig {
    aws_smithy_types::retry::RetryConfig::standard().with_initial_backoff(Duration::from_millis(1))
}

/// The official client: endpoint override, region, static credentials, plain-HTTP hyper
/// client (no aws-lc), fast retries.
pub fn official_builder(endpoint: &str) -> official::config::Builder {
    official::Config::builder()
        .behavior_version(official::config::BehaviorVersion::latest())
        .region(official::config::Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(official::config::Credentials::new(
            AKID, SECRET, None, None, "test",
        ))
        .retry_config(fast_retries())
        .http_client(aws_smithy_http_client::Builder::new().build_http())
}

/// Our client, configured the same way.
pub fn ours_builder(endpoint: &str) -> ours::config::Builder {
    ours::Config::builder()
        .behavior_version(ours::config::BehaviorVersion::latest())
        .region(ours::config::Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(ours::config::Credentials::new(
            AKID, SECRET, None, None, "test",
        ))
        .retry_config(fast_retries())
        .http_client(aws_smithy_http_client::Builder::new().build_http())
}

pub fn official(endpoint: &str) -> Official {
    Official(official::Client::from_conf(
        official_builder(endpoint).build(),
    ))
}

pub fn ours(endpoint: &str) -> Ours {
    Ours(ours::Client::from_conf(ours_builder(endpoint).build()))
}

/// `8-4-4-4-12` lowercase hex.
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}
