//! Diagnostics: every problem the generator finds in a model, naming the shape and member.

use std::fmt;

/// One problem in the model. `location` says where in a source file (IDL syntax errors);
/// `shape` and `member` say where in the model, in Smithy's own `namespace#Shape$member`
/// notation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub location: Option<Location>,
    pub shape: Option<String>,
    pub member: Option<String>,
    pub message: String,
    /// A warning does not stop generation (unless the caller is strict).
    pub warning: bool,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            location: None,
            shape: None,
            member: None,
            message: message.into(),
            warning: false,
        }
    }

    /// A problem the generator works around (and says how in `message`).
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::error(message)
        }
    }

    pub fn shape(mut self, id: &str) -> Self {
        self.shape = Some(id.to_string());
        self
    }

    pub fn member(mut self, name: &str) -> Self {
        self.member = Some(name.to_string());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

/// A position in a source file, 1-based like rustc and gcc, with the line's text for the caret.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub text: String,
}

impl Location {
    /// The location of byte `offset` in `source` (clamped to its end).
    pub fn of(file: &str, source: &str, offset: usize) -> Location {
        LineIndex::new(source).location(file, source, offset)
    }
}

/// Where each line of a source starts, for many [`Location`]s in one file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let newlines = source.bytes().enumerate().filter(|(_, b)| *b == b'\n');
        LineIndex {
            starts: std::iter::once(0)
                .chain(newlines.map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// The location of byte `offset` in `source`, which this index was made from.
    pub fn location(&self, file: &str, source: &str, offset: usize) -> Location {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        Location {
            file: file.to_string(),
            line,
            column: source[start..offset].chars().count() + 1,
            text: source[start..end].trim_end_matches('\r').to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.location {
            write!(f, "{}:{}:{}: ", at.file, at.line, at.column)?;
        }
        f.write_str(if self.warning { "warning" } else { "error" })?;
        match (&self.shape, &self.member) {
            (Some(shape), Some(member)) => write!(f, " [{shape}${member}]")?,
            (Some(shape), None) => write!(f, " [{shape}]")?,
            _ => {}
        }
        write!(f, ": {}", self.message)?;
        if let Some(at) = &self.location {
            // The caret lines up under the column; tabs stay tabs so that it does.
            let pad: String = at
                .text
                .chars()
                .take(at.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{}\n{pad}^", at.text)?;
        }
        Ok(())
    }
}

/// An ordered collection of diagnostics; an empty one means success.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn one(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// `Ok(value)` when nothing was reported, else the diagnostics sorted by location.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort();
            self.0.dedup();
            Err(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_shape_and_member() {
        let d = Diagnostic::error("bad").shape("a#S").member("m");
        assert_eq!(d.to_string(), "error [a#S$m]: bad");
        assert_eq!(Diagnostic::error("x").to_string(), "error: x");
        assert_eq!(
            Diagnostic::warning("w").shape("a#S").to_string(),
            "warning [a#S]: w"
        );
    }

    #[test]
    fn located_diagnostic_shows_line_and_caret() {
        let source = "namespace a\n\tstring %\n";
        let at = Location::of("m.smithy", source, source.find('%').unwrap());
        assert_eq!((at.line, at.column), (2, 9));
        let d = Diagnostic::error("Unexpected character '%'").at(at);
        assert_eq!(
            d.to_string(),
            "m.smithy:2:9: error: Unexpected character '%'\n\tstring %\n\t       ^"
        );
    }
}
