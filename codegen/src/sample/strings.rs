//! Sample strings: candidates that are awkward on the wire, then plain ones, then values
//! built from the `@pattern`'s syntax tree; the first that satisfies `@length` and the
//! translated `@pattern` wins.

use regex_syntax::hir::{Class, Hir, HirKind};

use super::{Place, Slot, length};

/// The first candidate that satisfies the member's `@length` and `@pattern`.
pub(super) fn string(s: &Slot) -> Result<String, String> {
    let base = format!("{}{}", s.base, s.index);
    let awkward = match s.place {
        Place::Label | Place::Header => format!("{base} a b/c%"),
        Place::HeaderName => base.clone(),
        Place::Query => format!("{base} a b/c%&=+"),
        Place::Body => format!("{base} a b/c%\u{e9}\u{1F600}\"\\\n\t\u{1}"),
    };
    let mut candidates = vec![awkward, base.clone(), format!("{base}-x_y")];
    let pattern = s.constraints.pattern.as_ref();
    if let Some((_, p)) = pattern {
        candidates.extend(from_pattern(&p.regex, s.index));
    }
    candidates.push(format!("1{}", s.index));
    let (min, max) = length(s.constraints);
    let matcher = pattern.map(|(_, p)| p.matcher());
    let accepts = |c: &str| matcher.as_ref().is_none_or(|m| m.is_match(c));
    for candidate in candidates {
        let mut c: String = candidate.chars().take(max).collect();
        let pad = min.saturating_sub(c.chars().count());
        c.extend(std::iter::repeat_n('x', pad));
        let ok_pattern = accepts(&c);
        let ok_place = fits_place(&c, s.place);
        if ok_pattern && ok_place && !c.is_empty() {
            return Ok(enrich(c, s.place, max, &accepts));
        }
    }
    Err(match pattern {
        Some((p, _)) => format!("no generated value satisfies @pattern {p:?} and @length"),
        None => "no generated value satisfies @length".into(),
    })
}

fn fits_place(c: &str, place: Place) -> bool {
    match place {
        Place::Header => c.trim() == c && !c.contains([',', '"']) && c.is_ascii(),
        Place::HeaderName => {
            !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
        }
        _ => !c.is_empty(),
    }
}

/// Inserts, one by one, the characters that are awkward on the wire (space, `/`, `%`, ...)
/// that the pattern and length still accept, before the value's last character (so anchored
/// classes like `^[a-z0-9 /]+$` and suffixes both stay satisfied).
fn enrich(value: String, place: Place, max: usize, accepts: &dyn Fn(&str) -> bool) -> String {
    let mut value = value;
    for ch in [' ', '/', '%', '&', '=', '+', ':', '@', '.', '~', '\u{e9}'] {
        if value.contains(ch) || value.chars().count() >= max {
            continue;
        }
        let Some((at, _)) = value.char_indices().last() else {
            break;
        };
        let mut next = value.clone();
        next.insert(at, ch);
        if accepts(&next) && fits_place(&next, place) {
            value = next;
        }
    }
    value
}

/// Strings built from a pattern's syntax tree, with a few repetition counts and alternatives.
pub(super) fn from_pattern(regex: &str, index: usize) -> Vec<String> {
    let Ok(hir) = regex_syntax::parse(regex) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for alt in 0..3 {
        for reps in [1, 3, 8, 20] {
            let mut s = String::new();
            walk(&hir, reps, alt, index, &mut s);
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

fn walk(hir: &Hir, reps: u32, alt: usize, index: usize, out: &mut String) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => out.push_str(&String::from_utf8_lossy(&lit.0)),
        HirKind::Class(class) => out.push(pick(class, index)),
        HirKind::Repetition(rep) => {
            let n = reps.clamp(rep.min, rep.max.unwrap_or(u32::MAX));
            for _ in 0..n {
                walk(&rep.sub, reps, alt, index, out);
            }
        }
        HirKind::Capture(cap) => walk(&cap.sub, reps, alt, index, out),
        HirKind::Concat(all) => all.iter().for_each(|h| walk(h, reps, alt, index, out)),
        HirKind::Alternation(all) => walk(&all[alt % all.len()], reps, alt, index, out),
    }
}

/// A character of the class: a letter or digit when there is one, rotated by `index`.
fn pick(class: &Class, index: usize) -> char {
    let preferred = ('a'..='z').chain('0'..='9').chain('A'..='Z');
    let contains = |ch: char| match class {
        Class::Unicode(u) => u.ranges().iter().any(|r| r.start() <= ch && ch <= r.end()),
        Class::Bytes(b) => {
            ch.is_ascii()
                && b.ranges()
                    .iter()
                    .any(|r| r.start() <= ch as u8 && ch as u8 <= r.end())
        }
    };
    let good: Vec<char> = preferred.filter(|&c| contains(c)).collect();
    if !good.is_empty() {
        return good[index % good.len()];
    }
    match class {
        Class::Unicode(u) => u.ranges().first().map_or('a', |r| r.start()),
        Class::Bytes(b) => b.ranges().first().map_or('a', |r| r.start() as char),
    }
}
