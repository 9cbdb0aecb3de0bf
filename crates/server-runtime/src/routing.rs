//! Route matching for Smithy `@http` URI templates.
//!
//! Templates are parsed once (generated code keeps the [`Router`] in a `static LazyLock`);
//! matching a request walks the path's segments in place and allocates only for label values.
//! The result distinguishes "no route has this path" (404) from "a route has this path but not
//! this method" (405), as Smithy servers must.

use http::Method;

/// One `@http` binding: method, URI template (path plus optional literal query), the
/// generated operation discriminant and the Smithy operation name (for logs and context).
#[derive(Debug, Clone)]
pub struct Route<Op> {
    /// The HTTP method (`POST`).
    pub method: Method,
    /// The `@http` URI template (`/things/{Id}?kind=x`).
    pub uri: &'static str,
    /// The generated operation discriminant.
    pub op: Op,
    /// The Smithy operation name.
    pub name: &'static str,
}

/// A template that does not follow Smithy's `@http` `uri` rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidTemplate {
    /// The template as given.
    pub uri: String,
    /// Which rule it breaks.
    pub reason: &'static str,
}

impl std::fmt::Display for InvalidTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid URI template `{}`: {}", self.uri, self.reason)
    }
}

impl std::error::Error for InvalidTemplate {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Literal(Box<str>),
    Label,
    Greedy,
}

#[derive(Debug, Clone)]
struct Compiled<Op> {
    method: Method,
    segments: Vec<Seg>,
    /// Position of the greedy label, if any (at most one per template).
    greedy: Option<usize>,
    /// The template's path when it has no labels: such a route matches exactly the requests
    /// whose raw path equals it (segments are non-empty and compared raw), so one string
    /// compare replaces splitting the request path (~0.2k instructions per request).
    literal_path: Option<&'static str>,
    /// Literal query parts: `?type=x` -> ("type", Some("x")); `?flag` -> ("flag", None).
    query: Vec<(Box<str>, Option<Box<str>>)>,
    op: Op,
    name: &'static str,
}

/// Why a request matched no operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteError {
    /// No template matches the path (and query literals): 404 `UnknownOperationException`.
    NotFound,
    /// Some template matches the path but none with this method: 405.
    MethodNotAllowed,
}

/// A matched operation and its decoded `{label}` values, in template order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch<Op> {
    /// The matched operation's discriminant.
    pub op: Op,
    /// The matched operation's Smithy name.
    pub name: &'static str,
    /// Percent-decoded label values; a greedy label keeps its inner `/` separators.
    pub labels: Vec<String>,
}

/// All routes of one service, ordered most specific first.
#[derive(Debug, Clone)]
pub struct Router<Op> {
    routes: Vec<Compiled<Op>>,
}

impl<Op: Copy> Router<Op> {
    /// Parse every template once. Routes are tried most specific first: more literal path
    /// segments, then no greedy label, then more query literals (Smithy's precedence); ties
    /// keep the given (model) order.
    pub fn new(routes: impl IntoIterator<Item = Route<Op>>) -> Result<Self, InvalidTemplate> {
        let mut compiled = routes
            .into_iter()
            .map(compile)
            .collect::<Result<Vec<_>, _>>()?;
        compiled.sort_by_key(|r| {
            let literals = r
                .segments
                .iter()
                .filter(|s| matches!(s, Seg::Literal(_)))
                .count();
            (
                std::cmp::Reverse(literals),
                r.greedy.is_some(),
                std::cmp::Reverse(r.query.len()),
            )
        });
        Ok(Router { routes: compiled })
    }

    /// Find the operation for a request. `path` is the raw (still percent-encoded) URI path,
    /// `query` the raw query string without `?`.
    pub fn route(
        &self,
        method: &Method,
        path: &str,
        query: Option<&str>,
    ) -> Result<RouteMatch<Op>, RouteError> {
        let mut path_matched = false;
        // Counted at most once rather than once per route (`match_path` compares it first),
        // and not at all when only label-free routes are tried.
        let mut slashes = None;
        for r in &self.routes {
            if !query_matches(&r.query, query.unwrap_or("")) {
                continue;
            }
            let labels = match r.literal_path {
                Some(literal) => (literal == path).then(Vec::new),
                None => {
                    let slashes =
                        *slashes.get_or_insert_with(|| path.bytes().filter(|&b| b == b'/').count());
                    match_path(r, path, slashes)
                }
            };
            let Some(labels) = labels else {
                continue;
            };
            if r.method == *method {
                return Ok(RouteMatch {
                    op: r.op,
                    name: r.name,
                    labels,
                });
            }
            path_matched = true;
        }
        Err(if path_matched {
            RouteError::MethodNotAllowed
        } else {
            RouteError::NotFound
        })
    }
}

/// Validate a template without building a router (for the generator's own checks).
pub fn validate_template(uri: &'static str) -> Result<(), InvalidTemplate> {
    compile(Route {
        method: Method::GET,
        uri,
        op: (),
        name: "",
    })
    .map(|_| ())
}

fn compile<Op>(route: Route<Op>) -> Result<Compiled<Op>, InvalidTemplate> {
    let bad = |reason| InvalidTemplate {
        uri: route.uri.to_owned(),
        reason,
    };
    let (path, query) = match route.uri.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (route.uri, None),
    };
    let Some(rest) = path.strip_prefix('/') else {
        return Err(bad("must start with `/`"));
    };
    let mut segments = Vec::new();
    let mut greedy = None;
    if !rest.is_empty() {
        for (i, seg) in rest.split('/').enumerate() {
            if seg.is_empty() {
                return Err(bad("empty path segment"));
            }
            if let Some(inner) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                if let Some(name) = inner.strip_suffix('+') {
                    if name.is_empty() || greedy.is_some() {
                        return Err(bad("at most one non-empty greedy label"));
                    }
                    greedy = Some(i);
                    segments.push(Seg::Greedy);
                } else if inner.is_empty() {
                    return Err(bad("empty label name"));
                } else {
                    segments.push(Seg::Label);
                }
            } else if seg.contains(['{', '}']) {
                return Err(bad("a label must be a whole segment"));
            } else {
                segments.push(Seg::Literal(seg.into()));
            }
        }
    }
    let mut query_literals = Vec::new();
    if let Some(q) = query {
        for part in q.split('&').filter(|p| !p.is_empty()) {
            if part.contains(['{', '}']) {
                return Err(bad("labels are not allowed in the query"));
            }
            query_literals.push(match part.split_once('=') {
                Some((k, v)) => (k.into(), Some(v.into())),
                None => (part.into(), None),
            });
        }
    }
    let literal_path = segments
        .iter()
        .all(|s| matches!(s, Seg::Literal(_)))
        .then_some(path);
    Ok(Compiled {
        method: route.method,
        segments,
        greedy,
        literal_path,
        query: query_literals,
        op: route.op,
        name: route.name,
    })
}

fn query_matches(required: &[(Box<str>, Option<Box<str>>)], query: &str) -> bool {
    required.iter().all(|(key, value)| {
        query.split('&').any(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            k == &**key && value.as_deref().is_none_or(|want| v == want)
        })
    })
}

/// `slashes`: the number of `/` in `path` (so the segments after the leading one number
/// `slashes`, as `rest.split('/').count()` would give).
fn match_path<Op>(r: &Compiled<Op>, path: &str, slashes: usize) -> Option<Vec<String>> {
    let rest = path.strip_prefix('/')?;
    let mut labels = Vec::new();
    if rest.is_empty() {
        return r.segments.is_empty().then_some(labels);
    }
    let count = slashes;
    match r.greedy {
        None => {
            if count != r.segments.len() {
                return None;
            }
            for (seg, actual) in r.segments.iter().zip(rest.split('/')) {
                match_one(seg, actual, &mut labels)?;
            }
        }
        Some(g) => {
            // Segments before the greedy label match one-to-one from the front, those after it
            // from the back; the greedy label takes the (non-empty) middle, slashes included.
            let after = r.segments.len() - g - 1;
            if count < g + 1 + after {
                return None;
            }
            let mut parts = rest.split('/');
            for seg in &r.segments[..g] {
                match_one(seg, parts.next()?, &mut labels)?;
            }
            let middle: Vec<&str> = parts.by_ref().take(count - g - after).collect();
            if middle.iter().any(|s| s.is_empty()) {
                return None;
            }
            labels.push(percent_decode(&middle.join("/"))?);
            for seg in &r.segments[g + 1..] {
                match_one(seg, parts.next()?, &mut labels)?;
            }
        }
    }
    Some(labels)
}

fn match_one(seg: &Seg, actual: &str, labels: &mut Vec<String>) -> Option<()> {
    match seg {
        Seg::Literal(lit) => (&**lit == actual).then_some(()),
        // A label must be non-empty (Smithy: an empty label does not match the route).
        Seg::Label | Seg::Greedy if actual.is_empty() => None,
        Seg::Label | Seg::Greedy => {
            labels.push(percent_decode(actual)?);
            Some(())
        }
    }
}

/// Decode `%XX` escapes; `None` on a malformed escape or a result that is not UTF-8
/// (such a request matches no route rather than reaching a handler with mangled text).
pub fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Op {
        Create,
        List,
        Get,
        GetSpecial,
        Greedy,
        GreedyTail,
        Typed,
        Flag,
    }

    fn router() -> Router<Op> {
        let r = |method, uri, op| Route {
            method,
            uri,
            op,
            name: "n",
        };
        Router::new([
            r(Method::POST, "/event-log-configurations", Op::Create),
            r(Method::GET, "/event-log-configurations", Op::List),
            r(Method::GET, "/event-log-configurations/{Id}", Op::Get),
            r(
                Method::GET,
                "/event-log-configurations/special",
                Op::GetSpecial,
            ),
            r(Method::GET, "/files/{Key+}", Op::Greedy),
            r(Method::GET, "/tail/{Key+}/meta", Op::GreedyTail),
            r(Method::POST, "/things?type=x", Op::Typed),
            r(Method::POST, "/things?flag", Op::Flag),
        ])
        .unwrap()
    }

    fn ok(r: &Router<Op>, m: Method, path: &str, q: Option<&str>) -> (Op, Vec<String>) {
        let found = r.route(&m, path, q).unwrap();
        (found.op, found.labels)
    }

    #[test]
    fn literal_routes_and_methods() {
        let r = router();
        assert_eq!(
            ok(&r, Method::POST, "/event-log-configurations", None).0,
            Op::Create
        );
        assert_eq!(
            ok(&r, Method::GET, "/event-log-configurations", None).0,
            Op::List
        );
        assert_eq!(
            r.route(&Method::DELETE, "/event-log-configurations", None),
            Err(RouteError::MethodNotAllowed)
        );
        assert_eq!(
            r.route(&Method::POST, "/nope", None),
            Err(RouteError::NotFound)
        );
        assert_eq!(r.route(&Method::POST, "/", None), Err(RouteError::NotFound));
        assert_eq!(
            r.route(&Method::POST, "/event-log-configurations/", None),
            Err(RouteError::NotFound),
            "trailing slash is an extra (empty) segment"
        );
        assert_eq!(
            r.route(&Method::POST, "/event-log-configurationsX", None),
            Err(RouteError::NotFound)
        );
    }

    #[test]
    fn labels_decode_and_literals_win() {
        let r = router();
        assert_eq!(
            ok(&r, Method::GET, "/event-log-configurations/a%20b", None),
            (Op::Get, vec!["a b".to_owned()])
        );
        // The literal route is more specific than the label route although declared after it.
        assert_eq!(
            ok(&r, Method::GET, "/event-log-configurations/special", None).0,
            Op::GetSpecial
        );
        assert_eq!(
            r.route(&Method::GET, "/event-log-configurations/bad%zz", None),
            Err(RouteError::NotFound)
        );
        assert_eq!(
            r.route(&Method::POST, "/event-log-configurations/x", None),
            Err(RouteError::MethodNotAllowed)
        );
    }

    #[test]
    fn greedy_labels() {
        let r = router();
        assert_eq!(
            ok(&r, Method::GET, "/files/a/b/c.txt", None),
            (Op::Greedy, vec!["a/b/c.txt".to_owned()])
        );
        assert_eq!(
            r.route(&Method::GET, "/files/", None),
            Err(RouteError::NotFound)
        );
        assert_eq!(
            r.route(&Method::GET, "/files", None),
            Err(RouteError::NotFound)
        );
        assert_eq!(
            ok(&r, Method::GET, "/tail/x/y/meta", None),
            (Op::GreedyTail, vec!["x/y".to_owned()])
        );
        assert_eq!(
            r.route(&Method::GET, "/tail/meta", None),
            Err(RouteError::NotFound)
        );
    }

    #[test]
    fn query_literals() {
        let r = router();
        assert_eq!(
            ok(&r, Method::POST, "/things", Some("a=1&type=x")).0,
            Op::Typed
        );
        assert_eq!(ok(&r, Method::POST, "/things", Some("flag")).0, Op::Flag);
        assert_eq!(ok(&r, Method::POST, "/things", Some("flag=1")).0, Op::Flag);
        assert_eq!(
            r.route(&Method::POST, "/things", Some("type=y")),
            Err(RouteError::NotFound)
        );
        assert_eq!(
            r.route(&Method::POST, "/things", None),
            Err(RouteError::NotFound)
        );
        assert_eq!(
            r.route(&Method::GET, "/things", Some("type=x")),
            Err(RouteError::MethodNotAllowed)
        );
    }

    #[test]
    fn invalid_templates_are_reported() {
        for uri in ["nope", "/a//b", "/{}", "/{a+}/{b+}", "/a{b}", "/x?{q}"] {
            assert!(validate_template(uri).is_err(), "{uri} should be invalid");
        }
        assert!(validate_template("/").is_ok());
        assert!(validate_template("/a/{b}/{c+}?d=e&f").is_ok());
    }

    #[test]
    fn root_template() {
        let r = Router::new([Route {
            method: Method::GET,
            uri: "/",
            op: 1u8,
            name: "Root",
        }])
        .unwrap();
        assert_eq!(r.route(&Method::GET, "/", None).unwrap().op, 1);
        assert_eq!(r.route(&Method::GET, "/x", None), Err(RouteError::NotFound));
    }

    /// The string compare for label-free templates answers what the segment walk answers.
    #[test]
    fn literal_paths_match_like_segments() {
        let paths = [
            "", "/", "//", "/a", "/a/", "//a", "/a/b", "/a//b", "/a/b/", "/A", "/a%2Fb", "/ab",
            "/a/b/c", "a/b",
        ];
        for uri in ["/", "/a", "/a/b", "/ab?x=1"] {
            let compiled = compile(Route {
                method: Method::GET,
                uri,
                op: (),
                name: "",
            })
            .unwrap();
            let literal = compiled.literal_path.expect("no labels");
            for path in paths {
                let slashes = path.bytes().filter(|&b| b == b'/').count();
                let walked = match_path(&compiled, path, slashes).is_some();
                assert_eq!(literal == path, walked, "{uri} vs {path}");
            }
        }
        let labelled = compile(Route {
            method: Method::GET,
            uri: "/a/{b}",
            op: (),
            name: "",
        });
        assert_eq!(labelled.unwrap().literal_path, None);
    }
}
