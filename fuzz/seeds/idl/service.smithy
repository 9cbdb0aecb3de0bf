$version: "2"
namespace example.weather

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

@service(sdkId: "Weather")
@sigv4(name: "weather")
@restJson1
service Weather {
    version: "2006-03-01"
    operations: [GetCity, PutCity]
}

@readonly
@http(method: "GET", uri: "/cities/{cityId}")
operation GetCity {
    input := {
        @required
        @httpLabel
        @pattern("^[A-Za-z0-9 ]+$")
        cityId: String

        @httpQuery("units")
        units: Units
    }
    output := {
        @required
        name: String
        coordinates: Coordinates
        tags: TagMap
    }
    errors: [NoSuchResource]
}

@idempotent
@http(method: "PUT", uri: "/cities/{cityId}", code: 201)
operation PutCity {
    input := {
        @required
        @httpLabel
        cityId: String

        @length(min: 1, max: 64)
        name: String

        @httpHeader("X-Token")
        token: String

        @idempotencyToken
        clientToken: String

        population: Long
        kinds: KindList
    }
}

structure Coordinates {
    @range(min: -90, max: 90)
    latitude: Float
    longitude: Float
}

enum Units {
    METRIC = "metric"
    IMPERIAL = "imperial"
}

list KindList {
    member: Kind
}

union Kind {
    town: Unit
    village: String
}

map TagMap {
    key: String
    value: String
}

@error("client")
@httpError(404)
structure NoSuchResource {
    @required
    resourceType: String
    message: String
}
