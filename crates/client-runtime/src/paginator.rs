//! The generic loop behind every generated `into_paginator()`: the generated code supplies
//! only how to send one page and where the tokens live.

use std::future::Future;

use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_async::future::pagination_stream::fn_stream::FnStream;

/// Where an operation's pagination tokens live (from its `@paginated` trait).
pub struct Tokens<I, O> {
    /// Reads the input's token (the user's starting token, if any).
    pub get: fn(&I) -> Option<String>,
    /// Sets the input's token for the next page.
    pub set: fn(I, String) -> I,
    /// Reads the next token from a page (`outputToken`, possibly nested).
    pub next: fn(&O) -> Option<&str>,
}

/// Sends `input`, then re-sends it with each page's next token until the service returns no
/// (or an empty) token, or, with `stop_on_duplicate_token`, the token just sent, as
/// aws-sdk-rust paginators do. An error ends the stream after it is yielded.
pub fn paginate<I, O, E, F, Fut>(
    input: I,
    send: F,
    tokens: Tokens<I, O>,
    stop_on_duplicate_token: bool,
) -> PaginationStream<Result<O, E>>
where
    I: Clone + Send + 'static,
    O: Send + 'static,
    E: Send + 'static,
    F: Fn(I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<O, E>> + Send,
{
    PaginationStream::new(FnStream::new(move |tx| {
        Box::pin(async move {
            let mut input = input;
            let mut sent = (tokens.get)(&input);
            loop {
                let page = send(input.clone()).await;
                let next = match &page {
                    Ok(output) => (tokens.next)(output)
                        .filter(|token| !token.is_empty())
                        .map(str::to_owned),
                    Err(_) => None,
                };
                if tx.send(page).await.is_err() {
                    return;
                }
                let Some(next) = next else { return };
                if stop_on_duplicate_token && sent.as_deref() == Some(next.as_str()) {
                    return;
                }
                input = (tokens.set)(input, next.clone());
                sent = Some(next);
            }
        })
    }))
}
