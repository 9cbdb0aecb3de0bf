// Written for this project from the Smithy 2.0 specification ("Waiters"), not copied.
$version: "2.0"

namespace smithy.waiters

/// Indicates that an operation has various named "waiters" that can be used
/// to poll a resource until it enters a desired state.
@trait(selector: "operation :not(-[input, output]-> structure > member > union[trait|streaming])")
@length(min: 1)
map waitable {
    key: WaiterName
    value: Waiter
}

@pattern("^[A-Z]+[A-Za-z0-9]*$")
string WaiterName

/// Defines an individual operation waiter.
@private
structure Waiter {
    documentation: String

    @required
    @length(min: 1)
    acceptors: Acceptors

    @range(min: 1)
    minDelay: Integer = 2

    @range(min: 1)
    maxDelay: Integer = 120

    deprecated: PrimitiveBoolean

    tags: NonEmptyStringList
}

@private
list Acceptors {
    member: Acceptor
}

/// Represents an acceptor in a waiter's state machine.
@private
structure Acceptor {
    @required
    state: AcceptorState

    @required
    matcher: Matcher
}

/// The transition state of a waiter.
@private
enum AcceptorState {
    SUCCESS = "success"
    FAILURE = "failure"
    RETRY = "retry"
}

/// Defines how an acceptor determines if it matches the current state of a resource.
@private
union Matcher {
    output: PathMatcher
    inputOutput: PathMatcher
    success: Boolean
    errorType: String
}

/// Defines how to test a result based on a JMESPath expression and the expected value.
@private
structure PathMatcher {
    @required
    path: String

    @required
    expected: String

    @required
    comparator: PathComparator
}

/// Defines a comparison to perform in a PathMatcher.
@private
enum PathComparator {
    STRING_EQUALS = "stringEquals"
    BOOLEAN_EQUALS = "booleanEquals"
    ALL_STRING_EQUALS = "allStringEquals"
    ANY_STRING_EQUALS = "anyStringEquals"
}

@private
list NonEmptyStringList {
    member: NonEmptyString
}

@private
@length(min: 1)
string NonEmptyString
