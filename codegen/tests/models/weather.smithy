// An IDL model for the generated-code checks: resources with `for` and elided members,
// inline input and output, mixins, enums, intEnums, defaults and doc comments.
$version: "2"

namespace example.weather

use aws.protocols#restJson1

/// Provides weather forecasts.
@restJson1
service Weather {
    version: "2006-03-01"
    resources: [City]
    operations: [GetCurrentTime]
}

resource City {
    identifiers: { cityId: CityId }
    properties: { name: String, coordinates: CityCoordinates }
    read: GetCity
    list: ListCities
}

@pattern("^[A-Za-z0-9 ]+$")
string CityId

structure CityCoordinates {
    @required
    latitude: Float

    @required
    longitude: Float
}

@mixin
structure Paged {
    nextToken: String

    @range(min: 1, max: 100)
    pageSize: Integer = 10
}

@readonly
@http(method: "GET", uri: "/cities/{cityId}")
operation GetCity {
    input := for City {
        @required
        @httpLabel
        $cityId
    }

    output := for City {
        @required
        $name

        @required
        $coordinates

        units: Units = "METRIC"
    }

    errors: [NoSuchResource]
}

@readonly
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "pageSize", items: "items")
@http(method: "GET", uri: "/cities")
operation ListCities {
    input := with [Paged] {
        @httpQuery("nextToken")
        $nextToken

        @httpQuery("pageSize")
        $pageSize
    }

    output := with [Paged] {
        @required
        items: CitySummaries
    }
}

list CitySummaries {
    member: CitySummary
}

@references([{ resource: City }])
structure CitySummary {
    @required
    cityId: CityId

    @required
    name: String
}

@readonly
@http(method: "GET", uri: "/time")
operation GetCurrentTime {
    output := {
        @required
        time: Timestamp

        zone: TimeZoneOffset
    }
}

/// Units of measure.
enum Units {
    METRIC
    IMPERIAL = "imperial"
}

intEnum TimeZoneOffset {
    UTC = 0
    CET = 1
}

/// No resource could be found.
@error("client")
@httpError(404)
structure NoSuchResource {
    @required
    resourceType: String
}
