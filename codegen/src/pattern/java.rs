//! The Java dialect of `@pattern` (what AWS models are written for, although Smithy says
//! ECMA-262) rewritten into the syntax of the `regex` crate, which `fancy-regex` shares.
//!
//! Meaning follows `java.util.regex.Pattern` without flags: `\d`, `\w`, `\s` and the POSIX
//! classes (`\p{Alnum}`, `\p{Punct}`, ...) are ASCII-only; `.` excludes the line terminators;
//! `\p{IsX}` is a Unicode property; `\uXXXX` escapes combine into surrogate pairs. A class that
//! lists UTF-16 surrogate code units (`\uD800-\uDFFF`, in XML-character patterns) means "any
//! supplementary character": that is what the authors wrote it for, and a Rust `&str` cannot
//! hold a lone surrogate anyway. `$` keeps the ECMA meaning (end of input only), as the
//! `regex` crate and every other Smithy implementation read it.

/// Java's line terminators, which `.` does not match.
const DOT: &str = r"[^\n\r\x{85}\x{2028}\x{2029}]";
/// What any surrogate code unit in a class stands for.
const SUPPLEMENTARY: &str = r"\x{10000}-\x{10FFFF}";

/// Rewrites a Java-dialect pattern for the `regex` crate.
pub fn translate(pattern: &str) -> String {
    let mut t = Translator {
        chars: pattern.chars().collect(),
        pos: 0,
        out: String::with_capacity(pattern.len() + 16),
        class_depth: 0,
        groups: Vec::new(),
        atom: None,
        after_quantifier: false,
        range_start: false,
        last_surrogate: false,
        dot_all: pattern.contains("(?s"),
    };
    t.run();
    t.out
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    /// Java classes nest (`[a[b]]`, `[x&&[^y]]`); so do the `regex` crate's.
    class_depth: usize,
    /// Where each open group starts in `out`.
    groups: Vec<usize>,
    /// Where the last complete atom starts in `out` (for Java's stacked `x{2}{3}`).
    atom: Option<usize>,
    after_quantifier: bool,
    /// Inside a class: the last item was a single character, so a `-` may start a range.
    range_start: bool,
    /// Inside a class: the last item was a surrogate code unit.
    last_surrogate: bool,
    dot_all: bool,
}

impl Translator {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            self.pos += 1;
            if self.class_depth > 0 {
                self.class_char(c);
            } else {
                self.outer_char(c);
            }
        }
    }

    /// Starts an atom at the current end of `out`.
    fn begin_atom(&mut self) {
        self.atom = Some(self.out.len());
        self.after_quantifier = false;
    }

    fn outer_char(&mut self, c: char) {
        match c {
            '\\' => {
                self.begin_atom();
                let (Item::Char(text, _) | Item::Class(text)) = self.escape(false);
                self.out.push_str(&text);
            }
            '[' => {
                self.begin_atom();
                self.open_class();
            }
            '(' => {
                self.groups.push(self.out.len());
                self.atom = None;
                self.after_quantifier = false;
                self.out.push('(');
                if self.peek(0) == Some('?') {
                    self.group_prefix();
                }
            }
            ')' => {
                self.atom = self.groups.pop();
                self.after_quantifier = false;
                self.out.push(')');
            }
            '.' if !self.dot_all => {
                self.begin_atom();
                self.out.push_str(DOT);
            }
            '*' | '+' | '?' | '{' => self.quantifier(c),
            '|' => {
                self.atom = None;
                self.out.push('|');
            }
            _ => {
                self.begin_atom();
                self.out.push(c);
            }
        }
    }

    /// `?:`, `?=`, `?<!`, `?<name>`, `?i:` ... after a `(`; a flag group `(?i)` closes here.
    fn group_prefix(&mut self) {
        while let Some(c) = self.peek(0) {
            self.pos += 1;
            self.out.push(c);
            match c {
                ':' | '=' | '!' | '>' => return,
                ')' => {
                    self.groups.pop();
                    return;
                }
                _ => {}
            }
        }
    }

    /// `*`, `+`, `?` or `{n,m}` (a `{` that is no quantifier is a literal, as in Java).
    fn quantifier(&mut self, c: char) {
        let text = if c == '{' {
            match self.counted_repetition() {
                Some(text) => text,
                None => {
                    self.begin_atom();
                    self.out.push_str(r"\{");
                    return;
                }
            }
        } else {
            c.to_string()
        };
        if let Some(start) = self.atom
            && is_look_around(&self.out[start..])
        {
            // Java lets an assertion repeat; once is the same as many, and an optional one
            // asserts nothing.
            let optional = matches!(c, '*' | '?') || text.starts_with("{0");
            if optional {
                self.out.truncate(start);
                self.atom = None;
            }
            return;
        }
        // Java reads `x{2}{3}` as `(?:x{2}){3}`; the `regex` crate refuses stacked counts.
        if self.after_quantifier
            && c == '{'
            && let Some(start) = self.atom
        {
            self.out.insert_str(start, "(?:");
            self.out.push(')');
        }
        self.out.push_str(&text);
        match self.peek(0) {
            Some('?') => {
                self.pos += 1;
                self.out.push('?');
            }
            // Possessive `x*+` is the atomic group `(?>x*)` (the `regex` crate would read
            // `x*+` as `(x*)+`).
            Some('+') => {
                self.pos += 1;
                if let Some(start) = self.atom {
                    self.out.insert_str(start, "(?>");
                    self.out.push(')');
                }
            }
            _ => {}
        }
        self.after_quantifier = true;
    }

    /// `{n}`, `{n,}` or `{n,m}` starting after the `{`, consumed, or `None` (not consumed).
    fn counted_repetition(&mut self) -> Option<String> {
        let rest: String = self.chars[self.pos..].iter().take(24).collect();
        let close = rest.find('}')?;
        let body = &rest[..close];
        let ok = !body.is_empty()
            && body.starts_with(|c: char| c.is_ascii_digit())
            && body.chars().all(|c| c.is_ascii_digit() || c == ',')
            && body.matches(',').count() <= 1;
        if !ok {
            return None;
        }
        self.pos += body.chars().count() + 1;
        Some(format!("{{{body}}}"))
    }

    fn open_class(&mut self) {
        self.class_depth += 1;
        self.out.push('[');
        if self.peek(0) == Some('^') {
            self.pos += 1;
            self.out.push('^');
        }
        self.range_start = false;
    }

    fn class_char(&mut self, c: char) {
        match c {
            '\\' => {
                let escaped = self.escape(true);
                self.push_class_item(escaped);
            }
            '[' => self.open_class(),
            ']' => {
                self.class_depth -= 1;
                self.out.push(']');
                self.range_start = false;
            }
            '&' if self.peek(0) == Some('&') => {
                self.pos += 1;
                self.out.push_str("&&");
                self.range_start = false;
            }
            '-' => self.class_dash(),
            _ => {
                self.push_class_item(Item::Char(c.to_string(), c as u32));
            }
        }
    }

    /// A `-` is a range only between two single characters; anywhere else Java reads it as a
    /// literal (`[\w-.]`, `[a-z-_]`), which the `regex` crate wants escaped.
    fn class_dash(&mut self) {
        let next_is_end = matches!(self.peek(0), None | Some(']'));
        if next_is_end || (self.range_start && self.peek(0) != Some('[')) {
            // A range, or a literal at the end of the class (where both dialects agree).
            self.out.push('-');
        } else {
            self.out.push_str(r"\-");
            self.last_surrogate = false;
        }
        self.range_start = false;
    }

    /// Adds a class item. Surrogate code units stand for the supplementary planes: a
    /// surrogate alone or a range between surrogates becomes `\x{10000}-\x{10FFFF}`, a range
    /// from a character to a surrogate keeps its part below the surrogates.
    fn push_class_item(&mut self, item: Item) {
        let in_range = self.out.ends_with('-') && !self.out.ends_with(r"\-");
        match item {
            Item::Char(_, code) if is_surrogate(code) => {
                if in_range {
                    if self.last_surrogate {
                        self.out.pop();
                    } else {
                        self.out.push_str(r"\x{D7FF}");
                    }
                }
                self.out.push_str(SUPPLEMENTARY);
                self.range_start = !in_range;
                self.last_surrogate = !in_range;
            }
            Item::Char(text, _) => {
                if in_range && self.last_surrogate {
                    // `\uDC00-\uE000`: the part above the surrogates.
                    self.out.pop();
                    self.out.push_str(r"\x{E000}-");
                }
                self.out.push_str(&text);
                self.range_start = !in_range;
                self.last_surrogate = false;
            }
            Item::Class(text) => {
                self.out.push_str(&text);
                self.range_start = false;
                self.last_surrogate = false;
            }
        }
    }

    /// After a `\` (consumed): the translation of the escape.
    fn escape(&mut self, in_class: bool) -> Item {
        let Some(c) = self.peek(0) else {
            return Item::Char(r"\\".into(), '\\' as u32);
        };
        self.pos += 1;
        let class = |set: &str, negated: bool| -> Item {
            Item::Class(match (in_class, negated) {
                (true, false) => set.to_string(),
                (_, true) => format!("[^{set}]"),
                (false, false) => format!("[{set}]"),
            })
        };
        match c {
            'd' => class("0-9", false),
            'D' => class("0-9", true),
            'w' => class("0-9A-Za-z_", false),
            'W' => class("0-9A-Za-z_", true),
            's' => class(r"\t\n\x0B\f\r ", false),
            'S' => class(r"\t\n\x0B\f\r ", true),
            'p' | 'P' => self.property(c == 'P', in_class),
            'u' => self.unicode_escape(),
            'Q' => Item::Class(self.quoted()),
            '/' => Item::Char("/".into(), '/' as u32),
            'x' if self.peek(0) != Some('{') => {
                let hex: String = self.chars[self.pos..].iter().take(2).collect();
                self.pos += hex.chars().count();
                let code = u32::from_str_radix(&hex, 16).unwrap_or(0);
                Item::Char(format!(r"\x{hex}"), code)
            }
            'e' => Item::Char(r"\x1B".into(), 0x1B),
            '0' => self.octal_escape(),
            'a' => Item::Char(r"\x07".into(), 0x07),
            _ if c.is_ascii_alphanumeric() => Item::Char(format!(r"\{c}"), u32::MAX),
            _ => Item::Char(escape_literal(c), c as u32),
        }
    }

    /// `\p{...}` / `\P{...}` after the letter (consumed).
    fn property(&mut self, negated: bool, in_class: bool) -> Item {
        let name: String = if self.peek(0) == Some('{') {
            let rest: String = self.chars[self.pos + 1..].iter().collect();
            let close = rest.find('}').unwrap_or(rest.len());
            self.pos += rest[..close].chars().count() + 2;
            rest[..close].to_string()
        } else {
            let one = self.peek(0).map(String::from).unwrap_or_default();
            self.pos += 1;
            one
        };
        let set = property_set(&name);
        Item::Class(match (in_class, negated) {
            (true, false) => set,
            (_, true) => format!("[^{set}]"),
            (false, false) => format!("[{set}]"),
        })
    }

    /// `\uXXXX` after the `u`, joined with a following low-surrogate escape as Java does.
    fn unicode_escape(&mut self) -> Item {
        let code = self.hex4();
        if (0xD800..0xDC00).contains(&code)
            && self.peek(0) == Some('\\')
            && self.peek(1) == Some('u')
        {
            let saved = self.pos;
            self.pos += 2;
            let low = self.hex4();
            if (0xDC00..0xE000).contains(&low) {
                let joined = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                return Item::Char(format!(r"\x{{{joined:X}}}"), joined);
            }
            self.pos = saved;
        }
        if is_surrogate(code) && self.class_depth == 0 {
            return Item::Class(format!("[{SUPPLEMENTARY}]"));
        }
        Item::Char(format!(r"\x{{{code:04X}}}"), code)
    }

    /// Java's `\0n`, `\0nn`, `\0mnn` (m at most 3) after the `0`.
    fn octal_escape(&mut self) -> Item {
        let mut code = 0;
        let mut digits = 0;
        while let Some(d) = self.peek(0).and_then(|c| c.to_digit(8)) {
            if digits == 3 || (digits == 2 && code > 0o37) {
                break;
            }
            code = code * 8 + d;
            digits += 1;
            self.pos += 1;
        }
        Item::Char(format!(r"\x{{{code:X}}}"), code)
    }

    fn hex4(&mut self) -> u32 {
        let hex: String = self.chars[self.pos..].iter().take(4).collect();
        self.pos += hex.chars().count();
        u32::from_str_radix(&hex, 16).unwrap_or(0xFFFF_FFFF)
    }

    /// `\Q...\E` after the `Q`: every character literal.
    fn quoted(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek(0) {
            if c == '\\' && self.peek(1) == Some('E') {
                self.pos += 2;
                break;
            }
            self.pos += 1;
            out.push_str(&escape_literal(c));
        }
        if self.class_depth == 0 {
            format!("(?:{out})")
        } else {
            out
        }
    }
}

/// One class item or atom: a single character (with its code point, `u32::MAX` when the
/// escape is not a character) or a set.
enum Item {
    Char(String, u32),
    Class(String),
}

fn is_look_around(group: &str) -> bool {
    ["(?=", "(?!", "(?<=", "(?<!"]
        .iter()
        .any(|p| group.starts_with(p))
        && group.ends_with(')')
}

fn is_surrogate(code: u32) -> bool {
    (0xD800..0xE000).contains(&code)
}

fn escape_literal(c: char) -> String {
    if c.is_ascii_punctuation() {
        format!(r"\{c}")
    } else {
        c.to_string()
    }
}

/// The members of a Java property class, for use inside `[...]`.
fn property_set(name: &str) -> String {
    let posix = match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => r"\x00-\x7F",
        "Alpha" => "A-Za-z",
        "Digit" => "0-9",
        "Alnum" => "0-9A-Za-z",
        "Punct" => r"!-/:-@\[-`{-~",
        "Graph" => r"!-~",
        "Print" => r" -~",
        "Blank" => r" \t",
        "Cntrl" => r"\x00-\x1F\x7F",
        "XDigit" => "0-9A-Fa-f",
        "Space" => r"\t\n\x0B\f\r ",
        "all" => r"\x{0}-\x{10FFFF}",
        "LD" => r"\p{L}\p{Nd}",
        "javaLowerCase" => r"\p{Lowercase}",
        "javaUpperCase" => r"\p{Uppercase}",
        "javaWhitespace" => r"\p{White_Space}",
        "javaLetter" => r"\p{L}",
        "javaDigit" => r"\p{Nd}",
        "javaLetterOrDigit" => r"\p{L}\p{Nd}",
        _ => "",
    };
    if !posix.is_empty() {
        return posix.to_string();
    }
    let unicode = name.strip_prefix("Is").unwrap_or(name);
    let unicode = match unicode {
        "Alphabetic" => "Alphabetic",
        "Whitespace" | "WhiteSpace" | "White_Space" => "White_Space",
        "Letter" => "L",
        "Digit" => "Nd",
        "Uppercase" => "Uppercase",
        "Lowercase" => "Lowercase",
        "Punctuation" => "P",
        "Control" => "Cc",
        other => other,
    };
    format!(r"\p{{{unicode}}}")
}
