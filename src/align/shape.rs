//! The bead shapes the search may use, as data: 1-1, the insertions and
//! deletions, and every n-m with n + m ≤ 8 (1-7 … 7-1, 2-6, 3-5, 4-4 …),
//! the range Bertalign searches.

use super::bead::Shape;

/// Most units one bead groups on both sides together.
pub const MAX_UNITS: usize = 8;

/// Largest number of units a shape takes from one side.
pub const MAX_SIDE: usize = MAX_UNITS - 1;

/// Number of shapes: 1-0, 0-1 and every n-m with n, m ≥ 1, n + m ≤ 8.
const COUNT: usize = 2 + (MAX_UNITS - 1) * MAX_UNITS / 2;

const fn all() -> [Shape; COUNT] {
    let mut out = [Shape { src: 1, tgt: 1 }; COUNT];
    out[1] = Shape { src: 1, tgt: 0 };
    out[2] = Shape { src: 0, tgt: 1 };
    let mut k = 3;
    // By size, then by source count: 1-2, 2-1, 1-3, 2-2, 3-1, …
    let mut units = 3;
    while units <= MAX_UNITS {
        let mut src = 1;
        while src < units {
            out[k] = Shape {
                src,
                tgt: units - src,
            };
            k += 1;
            src += 1;
        }
        units += 1;
    }
    out
}

/// Every shape the aligner considers, 1-1 first, then 1-0 and 0-1, then
/// by size.
pub const SHAPES: [Shape; COUNT] = all();

/// `INDEX[s][t]`: index in [`SHAPES`] of the shape `s`-`t`, plus one
/// (0: not a shape).
const INDEX: [[u8; MAX_UNITS + 1]; MAX_UNITS + 1] = {
    let mut index = [[0u8; MAX_UNITS + 1]; MAX_UNITS + 1];
    let mut k = 0;
    while k < COUNT {
        index[SHAPES[k].src][SHAPES[k].tgt] = k as u8 + 1;
        k += 1;
    }
    index
};

/// Index of `shape` in [`SHAPES`], if it is one (a table lookup: the
/// cost of every candidate bead asks for its prior).
pub fn index_of(shape: Shape) -> Option<usize> {
    let k = *INDEX.get(shape.src)?.get(shape.tgt)?;
    (k > 0).then(|| k as usize - 1)
}

/// True for the insertion and deletion shapes (an empty side).
pub fn is_null(shape: Shape) -> bool {
    shape.src == 0 || shape.tgt == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_distinct_bounded_and_complete() {
        for (k, a) in SHAPES.iter().enumerate() {
            assert!(a.src <= MAX_SIDE && a.tgt <= MAX_SIDE && a.src + a.tgt > 0);
            assert!(a.src + a.tgt <= MAX_UNITS);
            assert_eq!(index_of(*a), Some(k));
        }
        assert_eq!(SHAPES[0], Shape { src: 1, tgt: 1 });
        for s in 1..MAX_UNITS {
            for t in 1..=MAX_UNITS - s {
                assert!(index_of(Shape { src: s, tgt: t }).is_some(), "{s}-{t}");
            }
        }
        assert!(is_null(SHAPES[1]) && is_null(SHAPES[2]) && !is_null(SHAPES[5]));
        for s in 0..=MAX_UNITS + 1 {
            for t in 0..=MAX_UNITS + 1 {
                let shape = Shape { src: s, tgt: t };
                assert_eq!(index_of(shape), SHAPES.iter().position(|&x| x == shape));
            }
        }
    }
}
