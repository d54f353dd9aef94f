//! The shape of a bead: how many source and target units it groups,
//! written `n-m` (`1-2`, `0-1`) in records and reports.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The shape of a bead: how many source and target units it groups.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Shape {
    /// Source units.
    pub src: usize,
    /// Target units.
    pub tgt: usize,
}

impl Shape {
    /// A shape of `src` source units and `tgt` target units.
    pub const fn new(src: usize, tgt: usize) -> Shape {
        Shape { src, tgt }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.src, self.tgt)
    }
}

/// A shape that is not written `n-m`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bead type {0:?} is not of the form n-m (e.g. 1-2)")]
pub struct BadShape(pub String);

impl FromStr for Shape {
    type Err = BadShape;

    fn from_str(s: &str) -> Result<Shape, BadShape> {
        let bad = || BadShape(s.to_string());
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        Ok(Shape {
            src: a.parse().map_err(|_| bad())?,
            tgt: b.parse().map_err(|_| bad())?,
        })
    }
}

/// Serde for a shape written as its `n-m` text (the `type` field of a
/// record); an empty text reads as the default 0-0.
pub(crate) mod as_text {
    use super::Shape;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(shape: &Shape, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(shape)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Shape, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if text.is_empty() {
            return Ok(Shape::default());
        }
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_what_it_writes() {
        assert_eq!("1-2".parse(), Ok(Shape::new(1, 2)));
        assert_eq!(Shape::new(0, 1).to_string(), "0-1");
        assert!("1x2".parse::<Shape>().is_err());
        assert!("-2".parse::<Shape>().is_err());
    }

    proptest! {
        #[test]
        fn text_round_trips(src in 0usize..100, tgt in 0usize..100) {
            let s = Shape::new(src, tgt);
            prop_assert_eq!(s.to_string().parse::<Shape>(), Ok(s));
        }
    }
}
