//! The generated server under test: a handler that answers the fixed `Id`, so what is measured
//! is the generated glue and the runtime (routing, body, decode, validate, encode).

use iotmanagedintegrations_server::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput,
};
use iotmanagedintegrations_server::{
    IotManagedIntegrations, IotManagedIntegrationsServer, RequestContext, ServerConfig,
};
use tokio::net::TcpListener;

use crate::fixtures::ID;

/// The handler: no state, one fixed answer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fixed;

impl IotManagedIntegrations for Fixed {
    async fn create_event_log_configuration(
        &self,
        _input: CreateEventLogConfigurationInput,
        _ctx: RequestContext,
    ) -> Result<CreateEventLogConfigurationOutput, CreateEventLogConfigurationError> {
        Ok(CreateEventLogConfigurationOutput {
            id: Some(ID.to_owned()),
        })
    }
}

/// The generated `tower::Service` around [`Fixed`].
pub fn service() -> IotManagedIntegrationsServer<Fixed> {
    IotManagedIntegrationsServer::new(Fixed)
}

/// Serves forever with the default [`ServerConfig`].
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    let config = ServerConfig::default();
    let server = service().with_config(config.clone());
    iotmanagedintegrations_server::serve(listener, server, config, std::future::pending()).await
}
