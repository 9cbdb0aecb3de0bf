//! Reading a request body into memory with a hard size limit.

use bytes::{Buf, BufMut, Bytes, BytesMut};
use http_body::Body;
use http_body_util::BodyExt;

use std::time::Duration;

use crate::BoxError;
use crate::rest_json::Rejection;

/// Default request body limit: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// Why a body could not be read.
#[derive(Debug)]
pub enum BodyError {
    /// The body is (or announced to be) larger than the limit; reading stopped there.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The transport failed mid-body (client sent fewer bytes than `Content-Length`, reset...).
    Read(BoxError),
}

/// [`read_body`] with a deadline for the whole body, mapped to the rejection the client gets:
/// 413 past the limit, 408 past the deadline, 400 for a body cut short.
pub async fn read_body_within<B>(
    body: B,
    limit: usize,
    timeout: Option<Duration>,
) -> Result<Bytes, Rejection>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    let read = read_body(body, limit);
    let result = match timeout {
        Some(t) => tokio::time::timeout(t, read)
            .await
            .map_err(|_| Rejection::RequestTimeout)?,
        None => read.await,
    };
    result.map_err(|e| match e {
        BodyError::TooLarge { limit } => Rejection::PayloadTooLarge { limit },
        // The client stopped mid-body: the bytes we have are not the document it meant.
        BodyError::Read(e) => Rejection::Serialization(format!("incomplete request body: {e}")),
    })
}

/// Read the whole body, refusing more than `limit` bytes.
///
/// A `Content-Length` above the limit (visible as the body's size hint) is refused before any
/// byte is read; a chunked body is refused as soon as the running total passes the limit, so a
/// hostile client cannot make the server buffer more than `limit` plus one frame.
pub async fn read_body<B>(body: B, limit: usize) -> Result<Bytes, BodyError>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    if body.size_hint().lower() > limit as u64 {
        return Err(BodyError::TooLarge { limit });
    }
    let mut body = std::pin::pin!(body);
    // Most bodies arrive in one frame: keep it without copying.
    let mut first: Option<Bytes> = None;
    let mut rest: Option<BytesMut> = None;
    let mut total = 0usize;
    while let Some(frame) = body.as_mut().frame().await {
        let frame = frame.map_err(|e| BodyError::Read(e.into()))?;
        let Ok(mut data) = frame.into_data() else {
            continue; // trailers carry nothing restJson1 binds
        };
        total = total.saturating_add(data.remaining());
        if total > limit {
            return Err(BodyError::TooLarge { limit });
        }
        match (&mut first, &mut rest) {
            (None, _) => first = Some(data.copy_to_bytes(data.remaining())),
            (Some(f), None) => {
                let mut buf = BytesMut::with_capacity(total);
                buf.put(f.clone());
                buf.put(data);
                rest = Some(buf);
            }
            (Some(_), Some(buf)) => buf.put(data),
        }
        // A body that knows it is complete (all of its `Content-Length` received) would only
        // answer `None` to one more poll; skip that round trip through its channel.
        if body.is_end_stream() {
            break;
        }
    }
    Ok(match (first, rest) {
        (_, Some(buf)) => buf.freeze(),
        (Some(f), None) => f,
        (None, None) => Bytes::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::Full;

    /// A body that yields the given chunks one frame at a time, with no size hint.
    struct Chunks(std::collections::VecDeque<&'static str>);
    impl Body for Chunks {
        type Data = Bytes;
        type Error = std::convert::Infallible;
        fn poll_frame(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
            let next = self.0.pop_front();
            std::task::Poll::Ready(
                next.map(|p| Ok(http_body::Frame::data(Bytes::from_static(p.as_bytes())))),
            )
        }
    }
    fn chunks(parts: Vec<&'static str>) -> Chunks {
        Chunks(parts.into())
    }

    #[tokio::test]
    async fn reads_within_limit_and_concatenates() {
        let b = read_body(chunks(vec!["ab", "cd", "e"]), 5).await.unwrap();
        assert_eq!(&b[..], b"abcde");
        let b = read_body(Full::new(Bytes::from_static(b"xyz")), 3)
            .await
            .unwrap();
        assert_eq!(&b[..], b"xyz");
        let b = read_body(Full::new(Bytes::new()), 0).await.unwrap();
        assert!(b.is_empty());
    }

    #[tokio::test]
    async fn stops_past_limit() {
        let e = read_body(chunks(vec!["ab", "cd", "ef"]), 5)
            .await
            .unwrap_err();
        assert!(matches!(e, BodyError::TooLarge { limit: 5 }));
        // Known length above the limit: refused up front.
        let e = read_body(Full::new(Bytes::from_static(b"123456")), 5)
            .await
            .unwrap_err();
        assert!(matches!(e, BodyError::TooLarge { limit: 5 }));
    }
}
