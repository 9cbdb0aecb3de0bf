// Written for this project from the Smithy 2.0 specification ("Amazon API Gateway
// traits"), not copied.
$version: "2.0"

namespace aws.apigateway

/// Specifies the source of the caller identifier used to throttle API methods
/// that require a key.
@trait(selector: "service")
enum apiKeySource {
    HEADER
    AUTHORIZER
}

/// Lambda authorizers to attach to the authentication schemes of the service.
@trait(selector: "service[trait|protocols]")
map authorizers {
    key: String
    value: AuthorizerDefinition
}

/// Attaches an authorizer from the service's `authorizers` to a service,
/// resource or operation.
@trait(selector: ":test(service, resource, operation)")
string authorizer

/// Describes an API Gateway authorizer.
@private
structure AuthorizerDefinition {
    @required
    scheme: String

    type: String

    uri: String

    customAuthType: String

    credentials: String

    identitySource: String

    identityValidationExpression: String

    resultTtlInSeconds: Integer

    authorizerPayloadFormatVersion: String

    enableSimpleResponses: Boolean
}

/// Names the request validator to use for a service or operation.
@trait(selector: ":test(service, operation)")
string requestValidator

/// Defines an API Gateway integration that integrates with an actual backend.
@trait(selector: ":test(service, resource, operation)", conflicts: ["aws.apigateway#mockIntegration"])
structure integration {
    @required
    type: String

    @required
    uri: String

    credentials: String

    @required
    httpMethod: String

    passThroughBehavior: String

    contentHandling: String

    timeoutInMillis: Integer

    connectionId: String

    connectionType: String

    cacheNamespace: String

    payloadFormatVersion: String

    cacheKeyParameters: StringList

    requestParameters: StringMap

    requestTemplates: StringMap

    responses: IntegrationResponses
}

/// Defines an API Gateway integration that returns a mock response.
@trait(selector: ":test(service, resource, operation)", conflicts: ["aws.apigateway#integration"])
structure mockIntegration {
    passThroughBehavior: String

    requestParameters: StringMap

    requestTemplates: StringMap

    responses: IntegrationResponses
}

@private
map IntegrationResponses {
    key: String
    value: IntegrationResponse
}

/// Defines a response and specifies parameter mappings.
@private
structure IntegrationResponse {
    statusCode: String

    contentHandling: String

    responseTemplates: StringMap

    responseParameters: StringMap
}

@private
list StringList {
    member: String
}

@private
map StringMap {
    key: String
    value: String
}
