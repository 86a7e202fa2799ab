//! Errors with positions. Bad input is always an [`Error::Input`] that names
//! the line and column (or the offending item); it maps to exit code 2.

use std::fmt;

/// A position in the input text, 1-based, with the line's text for a caret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of that line.
    pub line_text: String,
}

impl Location {
    /// The location of byte `offset` in `src`.
    pub fn at(src: &str, offset: usize) -> Location {
        let offset = offset.min(src.len());
        let before = &src[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = src[line_start..offset].chars().count() + 1;
        let line_text = src[line_start..].lines().next().unwrap_or("").to_string();
        Location {
            line,
            column,
            line_text,
        }
    }
}

impl Location {
    /// The part of the line shown under a message — at most about 80
    /// characters around the column, elided with `…` — and the caret's
    /// offset in it.
    pub fn excerpt(&self) -> (String, usize) {
        const BEFORE: usize = 40;
        const AFTER: usize = 40;
        let chars: Vec<char> = self.line_text.chars().collect();
        let at = self.column.saturating_sub(1).min(chars.len());
        let start = at.saturating_sub(BEFORE);
        let end = (at + AFTER).min(chars.len());
        let mut text: String = chars[start..end].iter().collect();
        let mut caret = at - start;
        if start > 0 {
            text.insert(0, '…');
            caret += 1;
        }
        if end < chars.len() {
            text.push('…');
        }
        (text, caret)
    }
}

/// Everything that can go wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input is malformed or mathematically unacceptable (exit 2).
    Input {
        /// What is wrong.
        message: String,
        /// Where, when there is a place to point at.
        location: Option<Location>,
    },
    /// The input is acceptable but asks for something not supported yet (exit 1).
    Unsupported(String),
    /// The run's time or memory budget ran out before there was anything
    /// to report, not even a bound (exit 3, as for a bound).
    Stopped(String),
}

impl Error {
    /// An input error at a byte offset of `src`.
    pub fn input_at(src: &str, offset: usize, message: impl Into<String>) -> Error {
        Error::Input {
            message: message.into(),
            location: Some(Location::at(src, offset)),
        }
    }

    /// An input error without a position (the message names the item).
    pub fn input(message: impl Into<String>) -> Error {
        Error::Input {
            message: message.into(),
            location: None,
        }
    }

    /// A run stopped by its budget during `stage` (`"reading the input"`).
    pub fn stopped(why: crate::budget::Exhausted, stage: &str) -> Error {
        Error::Stopped(format!("{why} while {stage}"))
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input { .. } => 2,
            Error::Unsupported(_) => 1,
            Error::Stopped(_) => 3,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input {
                message,
                location: Some(loc),
            } => {
                writeln!(f, "line {}, column {}: {}", loc.line, loc.column, message)?;
                let (text, caret) = loc.excerpt();
                writeln!(f, "  | {text}")?;
                write!(f, "  | {}^", " ".repeat(caret))
            }
            Error::Input {
                message,
                location: None,
            } => f.write_str(message),
            Error::Unsupported(m) => write!(f, "not supported yet: {m}"),
            Error::Stopped(m) => write!(f, "stopped: {m}"),
        }
    }
}

impl std::error::Error for Error {}
