// Written for this project from the Smithy 2.0 specification ("RPC v2 CBOR protocol"),
// not copied.
$version: "2.0"

namespace smithy.protocols

/// An RPC-based protocol that serializes CBOR payloads.
@trait(selector: "service")
@protocolDefinition(traits: [smithy.api#cors, smithy.api#endpoint, smithy.api#hostLabel, smithy.api#httpError])
structure rpcv2Cbor {
    /// Priority ordered list of supported HTTP protocol versions.
    http: StringList

    /// Priority ordered list of supported HTTP protocol versions that are
    /// required when using event streams.
    eventStreamHttp: StringList
}

@private
list StringList {
    member: String
}
