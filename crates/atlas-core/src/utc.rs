//! UTC instants as incident records write them (`YYYY-MM-DDTHH:MMZ`), as
//! minutes since 1970 for arithmetic in the browser. Days without a time of
//! day are not instants: they give None.

/// Minutes since 1970-01-01T00:00Z of `YYYY-MM-DDTHH:MM[:SS]Z`.
pub fn civil_minutes(s: &str) -> Option<i64> {
    let (day, time) = s.trim().split_once('T')?;
    let time = time.strip_suffix('Z')?;
    let mut d = day.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, dd) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min) = (t.next()??, t.next()??);
    if !(1..=12).contains(&m)
        || !(1..=31).contains(&dd)
        || !(0..24).contains(&h)
        || !(0..60).contains(&min)
    {
        return None;
    }
    Some(days_from_civil(y, m, dd) * 1440 + h * 60 + min)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_across_days_months_and_leap_years() {
        assert_eq!(civil_minutes("1970-01-01T00:00Z"), Some(0));
        assert_eq!(civil_minutes("1970-01-02T00:01Z"), Some(1441));
        let a = civil_minutes("2018-10-21T22:52Z").unwrap();
        let b = civil_minutes("2018-10-22T23:03Z").unwrap();
        assert_eq!(b - a, 24 * 60 + 11, "GitHub 2018: 24 h 11 min");
        let c = civil_minutes("2020-02-28T23:00Z").unwrap();
        let d = civil_minutes("2020-03-01T01:00Z").unwrap();
        assert_eq!(d - c, 26 * 60, "29 February counted");
        assert_eq!(civil_minutes("2018-10-21"), None, "a day is not an instant");
        assert_eq!(civil_minutes("2018-10-21T22:52"), None);
    }
}
