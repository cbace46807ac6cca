//! Units for capacity and cost models: a unit is a scale and powers of
//! named dimensions (`MB/s` is 10⁶ × byte¹ × s⁻¹), so a model computes in
//! base units, shows each value in its own, and rejects adding megabytes per
//! second to requests per second.

use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Size of one of this unit in base units (1 MB = 1e6 bytes).
    pub scale: f64,
    /// Dimension → power; empty for a plain number.
    pub dims: BTreeMap<String, i32>,
}

/// Units the atlas knows a scale for; any other word is its own dimension
/// (`msg`, `request`, `node`, `vCPU`, `partition`…).
const KNOWN: &[(&str, &str, f64)] = &[
    ("B", "byte", 1.0),
    ("byte", "byte", 1.0),
    ("bytes", "byte", 1.0),
    ("KB", "byte", 1e3),
    ("MB", "byte", 1e6),
    ("GB", "byte", 1e9),
    ("TB", "byte", 1e12),
    ("PB", "byte", 1e15),
    ("KiB", "byte", 1024.0),
    ("MiB", "byte", 1_048_576.0),
    ("GiB", "byte", 1_073_741_824.0),
    ("TiB", "byte", 1_099_511_627_776.0),
    ("bit", "byte", 0.125),
    ("Mbit", "byte", 125_000.0),
    ("Gbit", "byte", 125_000_000.0),
    ("s", "s", 1.0),
    ("ms", "s", 1e-3),
    ("us", "s", 1e-6),
    ("min", "s", 60.0),
    ("h", "s", 3600.0),
    ("day", "s", 86_400.0),
    ("month", "s", 2_629_800.0),
    ("year", "s", 31_557_600.0),
    ("USD", "USD", 1.0),
];

impl Unit {
    pub fn none() -> Unit {
        Unit {
            scale: 1.0,
            dims: BTreeMap::new(),
        }
    }

    /// `MB/s`, `USD/month`, `msg/s/partition`, `node`, `%`, or empty.
    /// Errors name what could not be read.
    pub fn parse(text: &str) -> Result<Unit, String> {
        let text = text.trim();
        if text.is_empty() || text == "1" {
            return Ok(Unit::none());
        }
        if text == "%" {
            return Ok(Unit {
                scale: 0.01,
                dims: BTreeMap::new(),
            });
        }
        let mut unit = Unit::none();
        for (k, part) in text.split('/').enumerate() {
            let sign = if k == 0 { 1 } else { -1 };
            for factor in part.split(['*', '·', ' ']).filter(|f| !f.is_empty()) {
                let (name, power) = match factor.split_once('^') {
                    Some((n, p)) => (
                        n,
                        p.parse::<i32>().map_err(|_| {
                            format!("`{factor}`: a power is a whole number, as in s^2")
                        })?,
                    ),
                    None => (factor, 1),
                };
                if name == "1" && k == 0 {
                    continue;
                }
                if !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    return Err(format!(
                        "`{name}` is not a unit name (letters, digits, _ and - only)"
                    ));
                }
                let (dim, scale) = KNOWN
                    .iter()
                    .find(|(n, _, _)| *n == name)
                    .map(|(_, d, s)| (d.to_string(), *s))
                    .unwrap_or_else(|| (name.to_string(), 1.0));
                unit.scale *= scale.powi(sign * power);
                *unit.dims.entry(dim).or_default() += sign * power;
            }
        }
        unit.dims.retain(|_, p| *p != 0);
        Ok(unit)
    }

    pub fn same_dims(&self, other: &Unit) -> bool {
        self.dims == other.dims
    }

    pub fn is_none(&self) -> bool {
        self.dims.is_empty()
    }

    pub fn mul(&self, other: &Unit) -> Unit {
        let mut dims = self.dims.clone();
        for (d, p) in &other.dims {
            *dims.entry(d.clone()).or_default() += p;
        }
        dims.retain(|_, p| *p != 0);
        Unit {
            scale: self.scale * other.scale,
            dims,
        }
    }

    pub fn div(&self, other: &Unit) -> Unit {
        let inverse = Unit {
            scale: 1.0 / other.scale,
            dims: other.dims.iter().map(|(d, p)| (d.clone(), -p)).collect(),
        };
        self.mul(&inverse)
    }
}

/// The dimensions, for messages: `byte·s⁻¹` as `byte/s`.
impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dims.is_empty() {
            return write!(f, "a plain number");
        }
        let part = |positive: bool| -> Vec<String> {
            self.dims
                .iter()
                .filter(|(_, p)| (**p > 0) == positive)
                .map(|(d, p)| match p.abs() {
                    1 => d.clone(),
                    n => format!("{d}^{n}"),
                })
                .collect()
        };
        let (top, bottom) = (part(true), part(false));
        let top = if top.is_empty() {
            "1".to_string()
        } else {
            top.join("*")
        };
        if bottom.is_empty() {
            write!(f, "{top}")
        } else {
            write!(f, "{top}/{}", bottom.join("/"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_parse_with_scale_and_dimensions() {
        let mbs = Unit::parse("MB/s").unwrap();
        assert_eq!(mbs.scale, 1e6);
        assert_eq!(mbs.to_string(), "byte/s");
        let per_month = Unit::parse("USD/month").unwrap();
        assert!((per_month.scale - 1.0 / 2_629_800.0).abs() < 1e-15);
        let msgs = Unit::parse("msg/s").unwrap();
        assert!(!mbs.same_dims(&msgs));
        assert_eq!(
            Unit::parse("msg/s")
                .unwrap()
                .mul(&Unit::parse("B/msg").unwrap())
                .to_string(),
            "byte/s"
        );
        assert!(Unit::parse("").unwrap().is_none());
        assert_eq!(Unit::parse("%").unwrap().scale, 0.01);
        assert!(Unit::parse("MB/(s)").is_err());
        assert_eq!(
            Unit::parse("GB/s")
                .unwrap()
                .div(&Unit::parse("MB/s").unwrap())
                .scale,
            1e3
        );
    }
}
