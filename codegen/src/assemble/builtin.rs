//! The definitions every model may use without a file of its own: the prelude, the AWS
//! traits, the protocol-test traits, `smithy.framework#ValidationException`, waiters,
//! API Gateway and RPC v2 traits (`codegen/builtin/`, see its NOTICE).

use std::sync::OnceLock;

use super::Source;
use crate::idl::{IdlFile, SyntaxError};

macro_rules! builtin {
    ($name:literal) => {
        ($name, include_str!(concat!("../../builtin/", $name)))
    };
}

const FILES: [(&str, &str); 15] = [
    builtin!("aws.api.smithy"),
    builtin!("aws.apigateway.smithy"),
    builtin!("aws.auth.smithy"),
    builtin!("aws.cloudformation.smithy"),
    builtin!("aws.customizations.smithy"),
    builtin!("aws.endpoints.smithy"),
    builtin!("aws.iam.smithy"),
    builtin!("aws.protocols.smithy"),
    builtin!("prelude.smithy"),
    builtin!("smithy.framework.validation.smithy"),
    builtin!("smithy.protocols.smithy"),
    builtin!("smithy.rules.smithy"),
    builtin!("smithy.test.protocol-test-traits.smithy"),
    builtin!("smithy.test.smoke-test-traits.smithy"),
    builtin!("smithy.waiters.smithy"),
];

type Parsed = Result<IdlFile, Vec<SyntaxError>>;

/// The built-in files, labelled `<builtin>/NAME`, each parsed once per process.
pub(super) fn parsed() -> &'static [(Source, Parsed)] {
    static PARSED: OnceLock<Vec<(Source, Parsed)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        FILES
            .iter()
            .map(|(name, text)| {
                let source = Source {
                    label: format!("<builtin>/{name}"),
                    text: (*text).to_string(),
                };
                let file = crate::idl::parse(text);
                (source, file)
            })
            .collect()
    })
}
