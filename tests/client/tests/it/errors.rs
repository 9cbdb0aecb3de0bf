//! Error decoding: every row of WIRE.md's table plus edge cases.

use crate::common::*;
use iotmanagedintegrations_client::error::{ProvideErrorMetadata, SdkError};
use iotmanagedintegrations_client::operation::RequestId;
use iotmanagedintegrations_client::operation::create_event_log_configuration::CreateEventLogConfigurationError as E;

/// Sends once against a server that always answers `reply`; returns the service error and
/// how many requests the server saw.
async fn decode(reply: Reply) -> (E, usize) {
    let server = CaptureServer::start(vec![reply]).await;
    let err = client(&server)
        .create_event_log_configuration()
        .send()
        .await
        .unwrap_err();
    let SdkError::ServiceError(ctx) = err else {
        panic!("expected ServiceError, got {err:?}")
    };
    (ctx.into_err(), server.requests().len())
}

#[tokio::test]
async fn header_code_with_message() {
    let (e, n) = decode(
        Reply::json(400, r#"{"Message":"bad"}"#)
            .header("X-Amzn-Errortype", "ValidationException")
            .header("x-amzn-RequestId", "rid-1"),
    )
    .await;
    let E::ValidationException(v) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(v.message(), Some("bad"));
    assert_eq!(e.code(), Some("ValidationException"));
    assert_eq!(e.message(), Some("bad"));
    assert_eq!(e.request_id(), Some("rid-1"));
    assert_eq!(v.request_id(), Some("rid-1"));
    assert_eq!(e.to_string(), "ValidationException: bad");
    assert_eq!(n, 1);
}

#[tokio::test]
async fn body_type_with_namespace_is_sanitized() {
    let (e, n) = decode(Reply::json(
        400,
        r#"{"__type":"com.amazonaws.iotmanagedintegrations#ConflictException"}"#,
    ))
    .await;
    assert!(e.is_conflict_exception(), "{e:?}");
    assert_eq!(e.code(), Some("ConflictException"));
    assert_eq!(n, 1);
}

#[tokio::test]
async fn header_code_with_colon_suffix_is_sanitized() {
    let (e, _) = decode(Reply::json(400, "{}").header(
        "X-Amzn-Errortype",
        "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
    ))
    .await;
    assert!(e.is_validation_exception(), "{e:?}");
}

#[tokio::test]
async fn header_wins_over_body_code_and_type() {
    let (e, _) = decode(
        Reply::json(
            400,
            r#"{"code":"ConflictException","__type":"ValidationException"}"#,
        )
        .header("X-Amzn-Errortype", "AccessDeniedException"),
    )
    .await;
    assert!(e.is_access_denied_exception(), "{e:?}");
    // body `code` wins over `__type`
    let (e, _) = decode(Reply::json(
        400,
        r#"{"code":"ConflictException","__type":"ValidationException"}"#,
    ))
    .await;
    assert!(e.is_conflict_exception(), "{e:?}");
}

#[tokio::test]
async fn message_fallbacks() {
    let (e, _) = decode(
        Reply::json(403, r#"{"message":"lower"}"#)
            .header("X-Amzn-Errortype", "AccessDeniedException"),
    )
    .await;
    assert!(e.is_access_denied_exception());
    assert_eq!(e.message(), Some("lower"), "meta message from `message`");
    let (e, _) = decode(
        Reply::json(403, r#"{"errorMessage":"third"}"#)
            .header("X-Amzn-Errortype", "AccessDeniedException"),
    )
    .await;
    assert_eq!(e.message(), Some("third"));
}

#[tokio::test]
async fn undeclared_code_is_unhandled_with_code_kept() {
    let (e, n) = decode(
        Reply::json(400, r#"{"Message":"x"}"#)
            .header("X-Amzn-Errortype", "FooBarException")
            .header("x-amz-request-id", "rid-2"),
    )
    .await;
    assert!(!e.is_validation_exception());
    assert_eq!(e.code(), Some("FooBarException"));
    assert_eq!(e.message(), Some("x"));
    assert_eq!(e.request_id(), Some("rid-2"));
    assert_eq!(e.to_string(), "unhandled error (FooBarException)");
    assert_eq!(n, 1);
}

#[tokio::test]
async fn matching_is_case_sensitive() {
    let (e, _) =
        decode(Reply::json(400, "{}").header("X-Amzn-Errortype", "validationexception")).await;
    assert!(!e.is_validation_exception());
    assert_eq!(e.code(), Some("validationexception"));
}

#[tokio::test]
async fn each_modeled_status() {
    let (e, _) =
        decode(Reply::json(403, "{}").header("X-Amzn-Errortype", "AccessDeniedException")).await;
    assert!(e.is_access_denied_exception());
    let (e, _) =
        decode(Reply::json(402, "{}").header("X-Amzn-Errortype", "ServiceQuotaExceededException"))
            .await;
    assert!(e.is_service_quota_exceeded_exception());
    let (e, _) =
        decode(Reply::json(409, "{}").header("X-Amzn-Errortype", "ConflictException")).await;
    assert!(e.is_conflict_exception());
    let (e, n) = decode(
        Reply::json(500, r#"{"Message":"oops"}"#)
            .header("X-Amzn-Errortype", "InternalServerException"),
    )
    .await;
    assert!(e.is_internal_server_exception());
    assert_eq!(n, 3, "500 retried");
}

#[tokio::test]
async fn html_body_is_unhandled_not_a_panic() {
    let (e, n) = decode(
        Reply::new(400, "<html><body>Bad Gateway</body></html>")
            .header("content-type", "text/html")
            .header("X-Amzn-Errortype", "ValidationException"),
    )
    .await;
    assert!(!e.is_validation_exception(), "{e:?}");
    assert_eq!(
        e.code(),
        Some("ValidationException"),
        "ours: header code kept"
    );
    assert_eq!(n, 1);
    let (e, _) = decode(Reply::new(404, "<html>nope</html>")).await;
    assert_eq!(e.code(), None);
}

#[tokio::test]
async fn wrong_json_type_is_unhandled() {
    let (e, _) = decode(
        Reply::json(400, r#"{"Message":5}"#).header("X-Amzn-Errortype", "ValidationException"),
    )
    .await;
    assert!(!e.is_validation_exception(), "{e:?}");
    assert_eq!(e.code(), Some("ValidationException"));
    let (e, _) = decode(Reply::json(400, r#"[1,2]"#)).await;
    assert_eq!(e.code(), None);
    let (e, _) = decode(Reply::json(
        400,
        r#"{"code":7,"__type":"ConflictException"}"#,
    ))
    .await;
    assert!(
        e.is_conflict_exception(),
        "non-string `code` ignored: {e:?}"
    );
}

#[tokio::test]
async fn empty_error_body_uses_header() {
    let (e, _) = decode(Reply::new(409, "").header("X-Amzn-Errortype", "ConflictException")).await;
    assert!(e.is_conflict_exception());
    assert_eq!(e.message(), None);
}

#[tokio::test]
async fn crate_error_conversion() {
    let server = CaptureServer::start(vec![
        Reply::json(400, r#"{"Message":"bad"}"#).header("X-Amzn-Errortype", "ValidationException"),
    ])
    .await;
    let res: Result<(), iotmanagedintegrations_client::Error> = async {
        client(&server)
            .create_event_log_configuration()
            .send()
            .await?;
        Ok(())
    }
    .await;
    let err = res.unwrap_err();
    assert!(matches!(
        err,
        iotmanagedintegrations_client::Error::ValidationException(_)
    ));
    assert_eq!(err.code(), Some("ValidationException"));
}
