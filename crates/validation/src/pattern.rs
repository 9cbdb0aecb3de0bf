//! `@pattern` matchers: the `regex` crate (linear time) for most patterns, `fancy-regex`
//! (backtracking, bounded) for the ones that need look-around or back-references.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::simple_pattern::SimplePattern;

/// Backtracking steps one check of a backtracking pattern may take by default.
pub const DEFAULT_BACKTRACK_LIMIT: usize = 100_000;

static BACKTRACK_LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_BACKTRACK_LIMIT);

/// Sets how many backtracking steps one check of a backtracking pattern may take before the
/// value is rejected (with the normal pattern message). Applies to patterns first used after
/// the call, so set it at start-up. The default, [`DEFAULT_BACKTRACK_LIMIT`], keeps one check
/// of a catastrophic pattern on hostile input to a few milliseconds.
pub fn set_backtrack_limit(steps: usize) {
    BACKTRACK_LIMIT.store(steps, Ordering::Relaxed);
}

/// The current limit (see [`set_backtrack_limit`]).
pub fn backtrack_limit() -> usize {
    BACKTRACK_LIMIT.load(Ordering::Relaxed)
}

/// A `@pattern` regex, compiled on first use and then shared; usable in a `static`:
///
/// ```
/// use smithygen_validation::Pattern;
/// static CLIENT_TOKEN: Pattern = Pattern::new("^[a-zA-Z0-9=_-]+$");
/// assert!(CLIENT_TOKEN.is_match("abc"));
/// // What the generator emits: the model's text (for messages), its translation into the
/// // `regex` dialect, and a forbidden prefix split off a leading `^(?!literal)`.
/// static TAG_KEY: Pattern = Pattern::translated("^(?!aws:)[a-z:]+$", "^[a-z:]+$", Some("aws:"));
/// assert!(TAG_KEY.is_match("team:x") && !TAG_KEY.is_match("aws:x"));
/// // A pattern that needs look-around runs on the bounded backtracking engine.
/// static NAME: Pattern = Pattern::backtracking("^(?!.*--)[a-z-]+$", "^(?!.*--)[a-z-]+$", None);
/// assert!(NAME.is_match("a-b") && !NAME.is_match("a--b"));
/// ```
///
/// Smithy patterns are NOT implicitly anchored: `is_match` searches anywhere in the value, like
/// `RegExp.prototype.test` and Java's `Matcher.find`. The translation of the model's dialect
/// (Java's, in AWS models) into the `regex` crate's is done by the generator
/// (`codegen::pattern`); [`Pattern::new`] takes a pattern already in the `regex` dialect.
pub struct Pattern {
    source: &'static str,
    regex: &'static str,
    forbidden_prefix: Option<&'static str>,
    backtracking: bool,
    char_count: Option<(usize, usize)>,
    compiled: OnceLock<Result<Matcher, String>>,
    /// The byte-level matcher when the pattern is one of the simple forms it handles.
    simple: OnceLock<Option<SimplePattern>>,
}

enum Matcher {
    Linear(regex::Regex),
    Backtracking(Box<fancy_regex::Regex>),
}

impl Pattern {
    /// A pattern whose model text is already valid for the `regex` crate.
    pub const fn new(source: &'static str) -> Self {
        Self::translated(source, source, None)
    }

    /// The model's pattern `source` (quoted in messages), matched as `regex` after checking
    /// that the value does not start with `forbidden_prefix`.
    pub const fn translated(
        source: &'static str,
        regex: &'static str,
        forbidden_prefix: Option<&'static str>,
    ) -> Self {
        Self::build(source, regex, forbidden_prefix, false, None)
    }

    /// Like [`Pattern::translated`], matched by `fancy-regex` (look-around, back-references,
    /// possessive quantifiers) within the [backtrack limit](set_backtrack_limit); a value
    /// whose check hits the limit does not match.
    pub const fn backtracking(
        source: &'static str,
        regex: &'static str,
        forbidden_prefix: Option<&'static str>,
    ) -> Self {
        Self::build(source, regex, forbidden_prefix, true, None)
    }

    /// Like [`Pattern::translated`], also requiring `min..=max` characters: how the generator checks `^[class]{min,max}$`
    /// with a large `max` (as `^[class]*$`; the counted automaton would be too big).
    pub const fn counted(
        source: &'static str,
        regex: &'static str,
        forbidden_prefix: Option<&'static str>,
        min: usize,
        max: usize,
    ) -> Self {
        Self::build(source, regex, forbidden_prefix, false, Some((min, max)))
    }

    const fn build(
        source: &'static str,
        regex: &'static str,
        forbidden_prefix: Option<&'static str>,
        backtracking: bool,
        char_count: Option<(usize, usize)>,
    ) -> Self {
        Pattern {
            source,
            regex,
            forbidden_prefix,
            backtracking,
            char_count,
            compiled: OnceLock::new(),
            simple: OnceLock::new(),
        }
    }

    /// The pattern as written in the model (used verbatim in the message).
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Compile now and report whether the engine accepts the pattern.
    pub fn validate(&self) -> Result<(), String> {
        self.matcher().map(|_| ())
    }

    /// Whether the value matches anywhere (not anchored).
    ///
    /// A pattern that does not compile matches nothing, so the value is rejected rather than
    /// silently accepted (and no panic in a request path); so is a value whose check runs out
    /// of backtracking steps.
    pub fn is_match(&self, value: &str) -> bool {
        if self
            .forbidden_prefix
            .is_some_and(|prefix| value.starts_with(prefix))
        {
            return false;
        }
        if let Some((min, max)) = self.char_count
            && !(min..=max).contains(&value.chars().take(max + 1).count())
        {
            return false;
        }
        if !self.backtracking {
            let simple = self.simple.get_or_init(|| SimplePattern::parse(self.regex));
            if let Some(simple) = simple {
                return simple.is_match(value);
            }
        }
        match self.matcher() {
            Ok(Matcher::Linear(re)) => re.is_match(value),
            Ok(Matcher::Backtracking(re)) => re.is_match(value).unwrap_or(false),
            Err(_) => false,
        }
    }

    fn matcher(&self) -> Result<&Matcher, String> {
        self.compiled
            .get_or_init(|| {
                if self.backtracking {
                    fancy_regex::RegexBuilder::new(self.regex)
                        .backtrack_limit(backtrack_limit())
                        .build()
                        .map(|re| Matcher::Backtracking(Box::new(re)))
                        .map_err(|e| e.to_string())
                } else {
                    regex::Regex::new(self.regex)
                        .map(Matcher::Linear)
                        .map_err(|e| e.to_string())
                }
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}
