//! A point in time that keeps its fractional seconds exactly, with its text
//! forms: epoch seconds (`1515531081.123`), RFC 3339 (`2018-01-09T20:51:21.123Z`)
//! and HTTP date (`Tue, 09 Jan 2018 20:51:21 GMT`).

use ::std::fmt;
use ::std::option::Option;
use ::std::result::Result;
use ::std::string::String;
use ::std::time::{Duration, SystemTime, UNIX_EPOCH};

const NANOS_PER_SEC: u32 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;

/// A point in time: whole seconds since 1970-01-01T00:00:00Z (negative before)
/// plus nanoseconds within that second, so that `-1.5` is `(-2, 500_000_000)`.
///
/// Ordering is chronological. Decimal epoch seconds convert exactly both ways
/// (no `f64` in between).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
}

impl Timestamp {
    /// The time `seconds` whole seconds after (or, negative, before) the Unix epoch.
    pub const fn from_secs(seconds: i64) -> Self {
        Self { seconds, nanos: 0 }
    }

    /// The time `seconds + nanos / 10⁹` seconds after the epoch; `nanos` of a
    /// second or more carry into `seconds`, like [`Duration::new`].
    ///
    /// # Panics
    /// If the carry overflows `seconds`.
    pub const fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        let carry = (nanos / NANOS_PER_SEC) as i64;
        match seconds.checked_add(carry) {
            Some(seconds) => Self {
                seconds,
                nanos: nanos % NANOS_PER_SEC,
            },
            None => panic!("overflow in Timestamp::from_secs_and_nanos"),
        }
    }

    /// The current time.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// The whole seconds since the epoch, rounded toward negative infinity.
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`secs`](Self::secs), in `0..1_000_000_000`.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Parses decimal epoch seconds: `1515531081`, `1515531081.123`, `-1.5`,
    /// `1.5e9`, `1.515531081123E9`, `.5`, `+2`.
    ///
    /// The arithmetic is decimal, so the result is exact to the nanosecond.
    /// Digits below the nanosecond are rounded toward negative infinity
    /// (`1.0000000009` is `1`, `-1.0000000001` is `-1.000000001`), which keeps
    /// `secs()` the floor of the value. NaN, infinities, whitespace and
    /// values whose seconds do not fit an `i64` are rejected.
    pub fn from_epoch_str(text: &str) -> Result<Self, TimestampError> {
        const SYNTAX: TimestampError = TimestampError(ErrorKind::Epoch);
        const RANGE: TimestampError = TimestampError(ErrorKind::Range);
        let bytes = text.as_bytes();
        let (negative, rest) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            Some((b'+', rest)) => (false, rest),
            _ => (false, bytes),
        };
        let (mantissa, exponent) = match rest.iter().position(|b| matches!(b, b'e' | b'E')) {
            Some(i) => (&rest[..i], parse_exponent(&rest[i + 1..]).ok_or(SYNTAX)?),
            None => (rest, 0),
        };
        let (int_digits, frac_digits) = match mantissa.iter().position(|&b| b == b'.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, &[][..]),
        };
        let all_digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
        if (int_digits.is_empty() && frac_digits.is_empty())
            || !all_digits(int_digits)
            || !all_digits(frac_digits)
        {
            return Err(SYNTAX);
        }
        // Accumulate the digits worth at least 1 ns into `nanos` (digit weights
        // fall by one power of ten per digit); finer ones only matter for the floor.
        let int_len = i64::try_from(int_digits.len()).map_err(|_| RANGE)?;
        let mut nanos: i128 = 0;
        let mut lowest_weight = None;
        let mut below_nano = false;
        for (i, &digit) in int_digits.iter().chain(frac_digits).enumerate() {
            let weight = (int_len - 1)
                .saturating_sub(i64::try_from(i).map_err(|_| RANGE)?)
                .saturating_add(exponent);
            let digit = i128::from(digit - b'0');
            if weight < -9 {
                below_nano |= digit != 0;
                continue;
            }
            nanos = nanos
                .checked_mul(10)
                .and_then(|n| n.checked_add(digit))
                .ok_or(RANGE)?;
            lowest_weight = Some(weight);
        }
        if let (Some(weight), true) = (lowest_weight, nanos != 0) {
            let scale = u32::try_from(weight + 9)
                .ok()
                .and_then(|p| 10i128.checked_pow(p));
            nanos = scale.and_then(|s| nanos.checked_mul(s)).ok_or(RANGE)?;
        }
        if negative {
            nanos = -nanos - i128::from(below_nano);
        }
        let seconds = i64::try_from(nanos.div_euclid(NANOS_PER_SEC.into())).map_err(|_| RANGE)?;
        // rem_euclid of a u32 divisor is in 0..10⁹.
        let nanos = nanos.rem_euclid(NANOS_PER_SEC.into()) as u32;
        Ok(Self { seconds, nanos })
    }

    /// The exact decimal epoch seconds: an integer when whole (`1515531081`),
    /// else the shortest exact fraction (`1515531081.123`, `-0.5`).
    pub fn to_epoch_string(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_epoch(&mut out);
        out
    }

    fn write_epoch(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let total = i128::from(self.seconds) * i128::from(NANOS_PER_SEC) + i128::from(self.nanos);
        let magnitude = total.unsigned_abs();
        let sign = if total < 0 { "-" } else { "" };
        write!(out, "{sign}{}", magnitude / u128::from(NANOS_PER_SEC))?;
        // Below 10⁹, so it fits.
        write_fraction(out, (magnitude % u128::from(NANOS_PER_SEC)) as u32)
    }

    /// The `f64` nearest to this time, as an epoch-seconds JSON number carries it.
    pub(crate) fn to_f64(self) -> f64 {
        if self.nanos == 0 {
            return self.seconds as f64;
        }
        // Fast path: an integer under 2^53 divided by an exact power of ten rounds
        // once, exactly as parsing the decimal does.
        for per_sec in [1_000i64, 1_000_000, 1_000_000_000] {
            let unit = NANOS_PER_SEC / per_sec as u32;
            if self.nanos.is_multiple_of(unit) {
                let scaled = self
                    .seconds
                    .checked_mul(per_sec)
                    .and_then(|s| s.checked_add(i64::from(self.nanos / unit)));
                if let Some(scaled) = scaled.filter(|s| s.unsigned_abs() < 1 << 53) {
                    return scaled as f64 / per_sec as f64;
                }
                break;
            }
        }
        let mut buf = StackBuf::new();
        // 30 bytes at most ("-9223372036854775808.123456789"), and parsing a
        // decimal string is the correctly rounded conversion.
        match self.write_epoch(&mut buf) {
            Ok(()) => buf.as_str().parse().unwrap_or(f64::NAN),
            Err(_) => f64::NAN,
        }
    }

    /// The time named by the shortest decimal that reads back as `value`: exactly
    /// the decimal that was sent whenever it had at most 15 significant digits,
    /// and for every microsecond-precision time between the years 1698 and 2242.
    pub(crate) fn from_f64(value: f64) -> Result<Self, TimestampError> {
        if !value.is_finite() {
            return Err(TimestampError(ErrorKind::Range));
        }
        // Fast path: below 2^33 s an f64's spacing is under 1 µs, so at most one
        // whole, millisecond or microsecond decimal reads back as `value`. An
        // integer under 2^53 divided by an exact power of ten rounds once, as a
        // decimal parser does, so `scaled / per_sec == value` finds that one.
        if value.abs() < 8_589_934_592.0 {
            for per_sec in [1i64, 1_000, 1_000_000] {
                let scaled = (value * per_sec as f64).round();
                if scaled / per_sec as f64 == value {
                    let scaled = scaled as i64;
                    // Below `per_sec`, which divides 10⁹.
                    let nanos =
                        scaled.rem_euclid(per_sec) as u32 * (NANOS_PER_SEC / per_sec as u32);
                    return Ok(Self {
                        seconds: scaled.div_euclid(per_sec),
                        nanos,
                    });
                }
            }
        }
        let mut buf = StackBuf::new();
        // `{:e}` prints the shortest round-trip digits in at most 24 bytes.
        fmt::Write::write_fmt(&mut buf, format_args!("{value:e}"))
            .map_err(|_| TimestampError(ErrorKind::Range))?;
        Self::from_epoch_str(buf.as_str())
    }

    /// Parses an RFC 3339 date-time, leniently as AWS clients do:
    /// `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.123Z`,
    /// `2019-12-16T22:48:18-01:00`, `+0100` offsets, a lowercase `t`/`z` or a
    /// space separator, and no zone at all (read as UTC).
    ///
    /// More than 9 fractional digits are truncated (toward the past); a leap
    /// second `:60` reads as the first second of the next minute.
    pub fn parse_rfc3339(text: &str) -> Result<Self, TimestampError> {
        parse_rfc3339(text.as_bytes()).ok_or(TimestampError(ErrorKind::Rfc3339))
    }
}

impl Timestamp {
    /// The UTC year, month, day and second of the day (RFC 3339 text, SigV4's
    /// `x-amz-date`).
    pub(crate) fn utc_date(&self) -> (i64, u32, u32, u32) {
        let (year, month, day) = civil_from_days(self.seconds.div_euclid(SECS_PER_DAY));
        // Below 86,400.
        let second_of_day = self.seconds.rem_euclid(SECS_PER_DAY) as u32;
        (year, month, day, second_of_day)
    }
}

/// RFC 3339 in UTC: `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.123Z` (the
/// shortest exact fraction). Years outside 0000–9999 use the ISO 8601 expanded
/// form (`+10000-01-01T00:00:00Z`), which [`Timestamp::parse_rfc3339`] rejects.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day, second_of_day) = self.utc_date();
        if (0..=9999).contains(&year) {
            write!(f, "{year:04}")?;
        } else {
            write!(f, "{year:+05}")?;
        }
        write!(
            f,
            "-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day % 3600 / 60,
            second_of_day % 60
        )?;
        write_fraction(f, self.nanos)?;
        f.write_str("Z")
    }
}

impl From<SystemTime> for Timestamp {
    /// Exact; saturates at the `i64` seconds range, which no platform's `SystemTime` exceeds.
    fn from(time: SystemTime) -> Self {
        let saturate = |secs: u64| i64::try_from(secs).unwrap_or(i64::MAX);
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Self {
                seconds: saturate(after.as_secs()),
                nanos: after.subsec_nanos(),
            },
            Err(before) => {
                let before = before.duration();
                let seconds = -saturate(before.as_secs());
                match before.subsec_nanos() {
                    0 => Self { seconds, nanos: 0 },
                    n => Self {
                        seconds: seconds - 1,
                        nanos: NANOS_PER_SEC - n,
                    },
                }
            }
        }
    }
}

impl TryFrom<Timestamp> for SystemTime {
    type Error = TimestampError;

    /// Fails when the platform's `SystemTime` cannot represent the time.
    fn try_from(time: Timestamp) -> Result<Self, TimestampError> {
        let whole = Duration::from_secs(time.seconds.unsigned_abs());
        let at_whole = if time.seconds >= 0 {
            UNIX_EPOCH.checked_add(whole)
        } else {
            UNIX_EPOCH.checked_sub(whole)
        };
        at_whole
            .and_then(|t| t.checked_add(Duration::from_nanos(time.nanos.into())))
            .ok_or(TimestampError(ErrorKind::Range))
    }
}

/// Why a text or time could not become a [`Timestamp`] (or the reverse).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TimestampError(ErrorKind);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ErrorKind {
    Epoch,
    Rfc3339,
    HttpDate,
    Range,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            ErrorKind::Epoch => "not a decimal number of epoch seconds",
            ErrorKind::Rfc3339 => "not an RFC 3339 date-time",
            ErrorKind::HttpDate => "not an HTTP date",
            ErrorKind::Range => "timestamp out of range",
        })
    }
}

impl ::std::error::Error for TimestampError {}

/// `.123` for 123_000_000 nanoseconds; nothing for 0.
fn write_fraction(out: &mut impl fmt::Write, nanos: u32) -> fmt::Result {
    if nanos == 0 {
        return Ok(());
    }
    let (mut digits, mut width) = (nanos, 9);
    while digits % 10 == 0 {
        digits /= 10;
        width -= 1;
    }
    write!(out, ".{digits:0width$}")
}

/// An exponent's `[+-]digits`, saturated far beyond any meaningful magnitude.
fn parse_exponent(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().fold(0i64, |acc, d| {
        (acc * 10 + i64::from(d - b'0')).min(1_000_000_000_000)
    });
    Some(if negative { -magnitude } else { magnitude })
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // Both are small and positive by construction.
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// (year, month, day) to days since 1970-01-01; the inverse of `civil_from_days`.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_rfc3339(text: &[u8]) -> Option<Timestamp> {
    // Fixed-width decimal field at `at`.
    let num = |at: usize, len: usize| -> Option<u32> {
        let digits = text.get(at..at + len)?;
        digits.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let sep = |at: usize, allowed: &[u8]| text.get(at).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (i64::from(num(0, 4)?), num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut at = 19;
    let mut nanos = 0;
    if sep(at, b".") {
        let digits = text[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        // Keep 9 digits (truncating), then scale up to nanoseconds.
        let kept = digits.min(9);
        nanos = num(at + 1, kept)? * 10u32.pow((9 - kept) as u32);
        at += 1 + digits;
    }
    let offset_secs = match &text[at..] {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest {
                [_, _, b':', _, _] => (num(at + 1, 2)?, num(at + 4, 2)?),
                [_, _, _, _] => (num(at + 1, 2)?, num(at + 3, 2)?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let secs = i64::from(h * 3600 + m * 60);
            if *sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * SECS_PER_DAY
        + i64::from(hour * 3600 + minute * 60 + second)
        - offset_secs;
    Some(Timestamp { seconds, nanos })
}

/// A fixed buffer for the short numbers formatted on the (de)serialization path.
struct StackBuf {
    bytes: [u8; 32],
    len: usize,
}

impl StackBuf {
    fn new() -> Self {
        Self {
            bytes: [0; 32],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever appended.
        ::std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The `http-date` form of `@timestampFormat` (RFC 7231 IMF-fixdate).
impl Timestamp {
    /// `Sun, 02 Jan 2000 20:34:56 GMT`, with the shortest exact fraction when
    /// there is one (`20:34:56.123 GMT`), as the AWS SDKs write it.
    pub fn to_http_date(&self) -> String {
        let days = self.seconds.div_euclid(SECS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let second_of_day = self.seconds.rem_euclid(SECS_PER_DAY);
        let mut out = ::std::format!(
            "{}, {day:02} {} {year:04} {:02}:{:02}:{:02}",
            WEEKDAYS[(days + 4).rem_euclid(7) as usize],
            MONTHS[month as usize - 1],
            second_of_day / 3600,
            second_of_day % 3600 / 60,
            second_of_day % 60
        );
        // Writing to a String cannot fail.
        let _ = write_fraction(&mut out, self.nanos);
        out.push_str(" GMT");
        out
    }

    /// Parses `Sun, 02 Jan 2000 20:34:56 GMT`, with optional fractional seconds.
    pub fn parse_http_date(text: &str) -> Result<Self, TimestampError> {
        parse_http_date(text).ok_or(TimestampError(ErrorKind::HttpDate))
    }
}

fn parse_http_date(text: &str) -> Option<Timestamp> {
    let rest = text.strip_suffix(" GMT")?;
    let (weekday, rest) = rest.split_once(", ")?;
    let mut fields = rest.split(' ');
    let (day, month, year, time) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    let digits = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())?
    };
    let (day, year) = (digits(day, 2)?, digits(year, 4)?);
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let (clock, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut hms = clock.split(':').map(|part| digits(part, 2));
    let (hour, minute, second) = (hms.next()??, hms.next()??, hms.next()??);
    if fields.next().is_some() || hms.next().is_some() || !WEEKDAYS.contains(&weekday) {
        return None;
    }
    if !(1..=days_in_month(i64::from(year), month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    if fraction.len() > 9
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || (time.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let nanos = fraction
        .bytes()
        .chain(::std::iter::repeat(b'0'))
        .take(9)
        .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
    let seconds = days_from_civil(i64::from(year), month, day) * SECS_PER_DAY
        + i64::from(hour * 3600 + minute * 60 + second);
    Some(Timestamp::from_secs_and_nanos(seconds, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(seconds: i64, nanos: u32) -> Timestamp {
        Timestamp::from_secs_and_nanos(seconds, nanos)
    }

    fn epoch(text: &str) -> Result<Timestamp, TimestampError> {
        Timestamp::from_epoch_str(text)
    }

    #[test]
    fn constructors_and_accessors() {
        assert_eq!(ts(5, 2_500_000_000), ts(7, 500_000_000));
        assert_eq!(ts(-2, 5).secs(), -2);
        assert_eq!(ts(-2, 5).subsec_nanos(), 5);
        assert_eq!(Timestamp::from_secs(9), ts(9, 0));
        assert!(ts(-1, 999_999_999) < ts(0, 0));
        assert!(ts(0, 1) > ts(0, 0));
    }

    #[test]
    #[should_panic(expected = "overflow")]
    fn from_secs_and_nanos_overflow_panics() {
        let _ = ts(i64::MAX, NANOS_PER_SEC);
    }

    #[test]
    fn epoch_strings_parse_exactly() {
        let cases = [
            ("1515531081", ts(1515531081, 0)),
            ("1515531081.123", ts(1515531081, 123_000_000)),
            ("1.515531081123E9", ts(1515531081, 123_000_000)),
            ("1.5e9", ts(1_500_000_000, 0)),
            ("15e-1", ts(1, 500_000_000)),
            ("-1.5", ts(-2, 500_000_000)),
            ("-0.5", ts(-1, 500_000_000)),
            ("-0", ts(0, 0)),
            ("0.000000001", ts(0, 1)),
            ("1e-9", ts(0, 1)),
            ("-1e-9", ts(-1, 999_999_999)),
            ("+2", ts(2, 0)),
            (".5", ts(0, 500_000_000)),
            ("5.", ts(5, 0)),
            ("00012.50", ts(12, 500_000_000)),
            ("946845296.123", ts(946845296, 123_000_000)),
            ("1515531081.123456789", ts(1515531081, 123_456_789)),
            ("0e999999999999999999999", ts(0, 0)),
            ("9223372036854775807.999999999", ts(i64::MAX, 999_999_999)),
            ("-9223372036854775808", ts(i64::MIN, 0)),
            (
                "1.000000000000000000000000000000000000000000000000001",
                ts(1, 0),
            ),
            (
                "12345678901234567890123456789012345678901234567890e-40",
                ts(1234567890, 123456789),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(epoch(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn sub_nanosecond_digits_round_toward_the_past() {
        assert_eq!(epoch("1.0000000009"), Ok(ts(1, 0)));
        assert_eq!(epoch("1.9999999999"), Ok(ts(1, 999_999_999)));
        assert_eq!(epoch("-1.0000000001"), Ok(ts(-2, 999_999_999)));
        assert_eq!(
            epoch("-1.00000000000000000000000000000000000000001"),
            Ok(ts(-2, 999_999_999))
        );
        assert_eq!(epoch("-1.0000000000"), Ok(ts(-1, 0)));
        assert_eq!(epoch("1e-10"), Ok(ts(0, 0)));
        assert_eq!(epoch("-1e-10"), Ok(ts(-1, 999_999_999)));
    }

    #[test]
    fn bad_epoch_strings_are_rejected() {
        let syntax = Err(TimestampError(ErrorKind::Epoch));
        for text in [
            "",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "inf",
            "1,5",
            "--1",
            "1e5.5",
            "١",
        ] {
            assert_eq!(epoch(text), syntax, "{text:?}");
        }
        let range = Err(TimestampError(ErrorKind::Range));
        for text in [
            "9223372036854775808",
            "-9223372036854775808.5",
            "-9223372036854775809",
            "1e19",
            "1e999999999999",
            "123456789012345678901234567890123456789012345678901234567890",
        ] {
            assert_eq!(epoch(text), range, "{text}");
        }
    }

    #[test]
    fn epoch_strings_are_exact_and_shortest() {
        let cases = [
            (ts(0, 0), "0"),
            (ts(1515531081, 0), "1515531081"),
            (ts(1515531081, 123_000_000), "1515531081.123"),
            (ts(1515531081, 123_456_789), "1515531081.123456789"),
            (ts(-2, 500_000_000), "-1.5"),
            (ts(-1, 500_000_000), "-0.5"),
            (ts(-1, 0), "-1"),
            (ts(0, 1), "0.000000001"),
            (ts(-1, 999_999_999), "-0.000000001"),
            (ts(i64::MIN, 0), "-9223372036854775808"),
            (ts(i64::MIN, 1), "-9223372036854775807.999999999"),
            (ts(i64::MAX, 999_999_999), "9223372036854775807.999999999"),
        ];
        for (time, text) in cases {
            assert_eq!(time.to_epoch_string(), text);
            assert_eq!(epoch(text), Ok(time), "{text}");
        }
    }

    #[test]
    fn epoch_string_round_trips() {
        let mut seconds = i64::MIN;
        let mut nanos = 0u32;
        // A coarse walk over the whole range with varied nanos.
        while let Some(next) = seconds.checked_add(36_028_797_018_963_971) {
            let time = ts(seconds, nanos);
            assert_eq!(epoch(&time.to_epoch_string()), Ok(time));
            seconds = next;
            nanos = (nanos + 123_456_791) % NANOS_PER_SEC;
        }
    }

    #[test]
    fn displays_rfc3339_utc() {
        let cases = [
            (ts(0, 0), "1970-01-01T00:00:00Z"),
            (ts(1714564800, 123_000_000), "2024-05-01T12:00:00.123Z"),
            (ts(946845296, 0), "2000-01-02T20:34:56Z"),
            (ts(946845296, 1), "2000-01-02T20:34:56.000000001Z"),
            (ts(-1, 0), "1969-12-31T23:59:59Z"),
            (ts(-1, 500_000_000), "1969-12-31T23:59:59.5Z"),
            (ts(951782400, 0), "2000-02-29T00:00:00Z"),
            (ts(1709164800, 0), "2024-02-29T00:00:00Z"),
            (ts(4107542400, 0), "2100-03-01T00:00:00Z"),
            (ts(-62167219200, 0), "0000-01-01T00:00:00Z"),
            (ts(-62135596800, 0), "0001-01-01T00:00:00Z"),
            (
                ts(253402300799, 999_999_999),
                "9999-12-31T23:59:59.999999999Z",
            ),
            (ts(253402300800, 0), "+10000-01-01T00:00:00Z"),
            (ts(-62167219201, 0), "-0001-12-31T23:59:59Z"),
        ];
        for (time, text) in cases {
            assert_eq!(time.to_string(), text);
        }
        // The extremes format without overflow.
        assert!(
            ts(i64::MAX, 999_999_999)
                .to_string()
                .ends_with(".999999999Z")
        );
        assert!(ts(i64::MIN, 0).to_string().starts_with('-'));
    }

    #[test]
    fn rfc3339_round_trips_over_years_0_to_9999() {
        let mut seconds = -62167219200;
        let mut nanos = 0;
        while seconds <= 253402300799 {
            let time = ts(seconds, nanos);
            assert_eq!(
                Timestamp::parse_rfc3339(&time.to_string()),
                Ok(time),
                "{time}"
            );
            seconds += 86_399 * 37 + 13;
            nanos = (nanos + 7_000_003) % NANOS_PER_SEC;
        }
    }

    #[test]
    fn rfc3339_is_lenient_like_aws_clients() {
        let parse = Timestamp::parse_rfc3339;
        let cases = [
            ("2000-01-02T20:34:56.123Z", ts(946845296, 123_000_000)),
            ("2019-12-16T22:48:18-01:00", ts(1576540098, 0)),
            ("2019-12-17T00:48:18+01:00", ts(1576540098, 0)),
            ("2019-12-17T00:48:18+0100", ts(1576540098, 0)),
            ("2019-12-16T23:48:18", ts(1576540098, 0)),
            ("2019-12-16t23:48:18z", ts(1576540098, 0)),
            ("2019-12-16 23:48:18Z", ts(1576540098, 0)),
            (
                "2019-12-16T23:48:18.1234567891Z",
                ts(1576540098, 123_456_789),
            ),
            ("2016-12-31T23:59:60Z", ts(1483228800, 0)),
            ("1969-12-31T23:59:59.5Z", ts(-1, 500_000_000)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
        for text in [
            "",
            "2019-12-16",
            "2019-12-16T23:48Z",
            "2019-02-29T00:00:00Z",
            "2019-13-01T00:00:00Z",
            "2019-00-01T00:00:00Z",
            "2019-12-00T00:00:00Z",
            "2019-12-16T24:00:00Z",
            "2019-12-16T23:60:00Z",
            "2019-12-16T23:48:61Z",
            "2019-12-16T23:48:18.Z",
            "2019-12-16T23:48:18+24:00",
            "2019-12-16T23:48:18+01",
            "2019-12-16T23:48:18ZZ",
            "2019-12-16T23:48:18 Z",
            "2019/12/16T23:48:18Z",
            "+2019-12-16T23:48:18Z",
            "1576540098",
            "Mon, 16 Dec 2019 23:48:18 GMT",
        ] {
            assert_eq!(
                parse(text),
                Err(TimestampError(ErrorKind::Rfc3339)),
                "{text}"
            );
        }
    }

    #[test]
    fn system_time_round_trips() {
        let cases = [
            ts(0, 0),
            ts(1515531081, 123_456_789),
            ts(-1, 500_000_000),
            ts(-86_400, 0),
        ];
        for time in cases {
            let system = SystemTime::try_from(time).unwrap();
            assert_eq!(Timestamp::from(system), time);
        }
        assert_eq!(
            SystemTime::try_from(ts(-2, 500_000_000)).unwrap(),
            UNIX_EPOCH - Duration::from_millis(1500)
        );
        let now = Timestamp::now();
        assert!(now > ts(1_700_000_000, 0));
        assert_eq!(Timestamp::from(SystemTime::try_from(now).unwrap()), now);
    }

    #[test]
    fn f64_conversions_keep_milli_and_microseconds() {
        assert_eq!(
            Timestamp::from_f64(1515531081.123),
            Ok(ts(1515531081, 123_000_000))
        );
        assert_eq!(Timestamp::from_f64(-1.5), Ok(ts(-2, 500_000_000)));
        assert_eq!(Timestamp::from_f64(1e-9), Ok(ts(0, 1)));
        assert_eq!(Timestamp::from_f64(5e-324), Ok(ts(0, 0)));
        assert_eq!(Timestamp::from_f64(-5e-324), Ok(ts(-1, 999_999_999)));
        assert_eq!(Timestamp::from_f64(-0.0), Ok(ts(0, 0)));
        assert_eq!(
            Timestamp::from_f64(1515531081.1234567),
            Ok(ts(1515531081, 123_456_700))
        );
        assert_eq!(
            Timestamp::from_f64(-1515531081.1234567),
            Ok(ts(-1515531082, 876_543_300))
        );
        assert_eq!(
            Timestamp::from_f64(1e10 + 0.5),
            Ok(ts(10_000_000_000, 500_000_000))
        );
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e19, -1e300] {
            assert!(Timestamp::from_f64(bad).is_err(), "{bad}");
        }
        assert_eq!(ts(1515531081, 123_000_000).to_f64(), 1515531081.123);
        assert_eq!(ts(-2, 500_000_000).to_f64(), -1.5);
        assert_eq!(ts(i64::MIN, 0).to_f64(), i64::MIN as f64);
        // Every microsecond time with |seconds| < 2^33 survives an f64.
        let mut micros: i64 = -(1 << 33) * 1_000_000;
        while micros < (1 << 33) * 1_000_000 {
            let time = ts(
                micros.div_euclid(1_000_000),
                micros.rem_euclid(1_000_000) as u32 * 1000,
            );
            assert_eq!(Timestamp::from_f64(time.to_f64()), Ok(time), "{time:?}");
            micros += 999_983_999_999;
        }
    }

    #[test]
    fn errors_display() {
        assert_eq!(
            epoch("x").unwrap_err().to_string(),
            "not a decimal number of epoch seconds"
        );
        assert_eq!(
            epoch("1e30").unwrap_err().to_string(),
            "timestamp out of range"
        );
        assert_eq!(
            Timestamp::parse_rfc3339("x").unwrap_err().to_string(),
            "not an RFC 3339 date-time"
        );
    }

    #[test]
    fn http_dates_round_trip() {
        assert_eq!(
            ts(946845296, 0).to_http_date(),
            "Sun, 02 Jan 2000 20:34:56 GMT"
        );
        assert_eq!(
            ts(-1, 500_000_000).to_http_date(),
            "Wed, 31 Dec 1969 23:59:59.5 GMT"
        );
        let parse = Timestamp::parse_http_date;
        assert_eq!(parse("Sun, 02 Jan 2000 20:34:56 GMT"), Ok(ts(946845296, 0)));
        assert_eq!(
            parse("Sun, 02 Jan 2000 20:34:56.000 GMT"),
            Ok(ts(946845296, 0))
        );
        assert_eq!(
            parse("Sun, 02 Jan 2000 20:34:56.123 GMT"),
            Ok(ts(946845296, 123_000_000))
        );
        for bad in [
            "Sun, 2 Jan 2000 20:34:56 GMT",
            "Sun, 02 Foo 2000 20:34:56 GMT",
            "Sun, 30 Feb 2000 20:34:56 GMT",
            "Sun, 02 Jan 2000 20:34:56. GMT",
            "Sun, 02 Jan 2000 20:34:56",
            "2000-01-02T20:34:56Z",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse("x").unwrap_err().to_string(), "not an HTTP date");
    }
}
