//! Fixed inputs shared by every measurement: one valid `CreateEventLogConfiguration` request
//! and the answer both servers give.

/// The operation's route.
pub const PATH: &str = "/event-log-configurations";
/// The request body the load generator sends (what both clients serialize for [`call_args`]).
pub const REQUEST_BODY: &str = r#"{"ClientToken":"token-1","EventLogLevel":"DEBUG","ResourceId":"thing1","ResourceType":"managed-thing"}"#;
/// An invalid body (three violations): exercises the error path of validation.
pub const INVALID_BODY: &str =
    r#"{"ResourceType":"lamp","ResourceId":"","EventLogLevel":"LOUD","ClientToken":"token-1"}"#;
/// The `Id` both servers answer.
pub const ID: &str = "abc123";
/// The 201 response body.
pub const RESPONSE_BODY: &str = r#"{"Id":"abc123"}"#;
/// Region and credentials of both clients (SigV4 signing runs for every call).
pub const REGION: &str = "us-east-1";
pub const AKID: &str = "AKIDEXAMPLE";
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// The arguments of every client call: (resource type, resource id, client token).
pub const fn call_args() -> (&'static str, &'static str, &'static str) {
    ("managed-thing", "thing1", "token-1")
}
