//! The `@http` URI template: literal segments, `{label}` and greedy `{label+}` labels, and
//! literal query parts (`/things/{Id}?type=x`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Label(Label),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    pub greedy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriTemplate {
    pub segments: Vec<Segment>,
    /// Literal query parts: `?key=value` or `?flag` (value `None`).
    pub query: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriError(String);

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl UriTemplate {
    pub fn parse(uri: &str) -> Result<UriTemplate, UriError> {
        let err = |m: &str| Err(UriError(m.to_string()));
        let Some(rest) = uri.strip_prefix('/') else {
            return err("must start with `/`");
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut segments = Vec::new();
        let mut greedy_seen = false;
        for raw in path.split('/').filter(|s| !s.is_empty()) {
            if let Some(inner) = raw.strip_prefix('{') {
                let Some(inner) = inner.strip_suffix('}') else {
                    return err("a label must fill its whole segment, like `{Name}`");
                };
                let (name, greedy) = match inner.strip_suffix('+') {
                    Some(n) => (n, true),
                    None => (inner, false),
                };
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return err("label names are identifiers");
                }
                if greedy && std::mem::replace(&mut greedy_seen, true) {
                    return err("at most one greedy label is allowed");
                }
                if segments
                    .iter()
                    .any(|s| matches!(s, Segment::Label(l) if l.name == name))
                {
                    return err("a label appears twice");
                }
                segments.push(Segment::Label(Label {
                    name: name.to_string(),
                    greedy,
                }));
            } else if raw.contains(['{', '}']) {
                return err("a label must fill its whole segment, like `{Name}`");
            } else {
                segments.push(Segment::Literal(raw.to_string()));
            }
        }
        let mut literal_query = Vec::new();
        for part in query.split('&').filter(|s| !s.is_empty()) {
            if part.contains(['{', '}']) {
                return err("labels are not allowed in the query string");
            }
            let (key, value) = match part.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (part.to_string(), None),
            };
            literal_query.push((key, value));
        }
        Ok(UriTemplate {
            segments,
            query: literal_query,
        })
    }

    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Label(l) => Some(l),
            Segment::Literal(_) => None,
        })
    }

    /// The template with label names erased: two operations whose keys are equal (with the
    /// same method) can never be told apart by a router.
    pub fn route_key(&self) -> String {
        let mut key = String::new();
        for s in &self.segments {
            key.push('/');
            match s {
                Segment::Literal(l) => key.push_str(l),
                Segment::Label(l) if l.greedy => key.push_str("{+}"),
                Segment::Label(_) => key.push_str("{}"),
            }
        }
        let mut query: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_deref().unwrap_or("")))
            .collect();
        query.sort();
        if !query.is_empty() {
            key.push('?');
            key.push_str(&query.join("&"));
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_greedy_and_query() {
        let t = UriTemplate::parse("/things/{Id}/files/{Path+}?type=x&flag").unwrap();
        assert_eq!(
            t.labels().map(|l| l.name.as_str()).collect::<Vec<_>>(),
            ["Id", "Path"]
        );
        assert!(t.labels().nth(1).unwrap().greedy);
        assert_eq!(
            t.query,
            vec![("type".into(), Some("x".into())), ("flag".into(), None)]
        );
        assert_eq!(t.route_key(), "/things/{}/files/{+}?flag=&type=x");
    }

    #[test]
    fn rejects_malformed_templates() {
        for bad in ["things", "/a{b}", "/{a}/{a}", "/{a+}/{b+}", "/x?{q}", "/{}"] {
            assert!(UriTemplate::parse(bad).is_err(), "{bad}");
        }
    }
}
