//! The bead shapes the search may use, as data: 1-1, the insertions and
//! deletions, and every n-m up to 1-4 / 4-1 and 2-3 / 3-2.

use super::bead::Shape;

const fn s(src: usize, tgt: usize) -> Shape {
    Shape { src, tgt }
}

/// Every shape the aligner considers, 1-1 first.
pub const SHAPES: [Shape; 12] = [
    s(1, 1),
    s(1, 0),
    s(0, 1),
    s(1, 2),
    s(2, 1),
    s(2, 2),
    s(1, 3),
    s(3, 1),
    s(2, 3),
    s(3, 2),
    s(1, 4),
    s(4, 1),
];

/// Largest number of units a shape takes from one side.
pub const MAX_SIDE: usize = 4;

/// Index of `shape` in [`SHAPES`], if it is one.
pub fn index_of(shape: Shape) -> Option<usize> {
    SHAPES.iter().position(|&s| s == shape)
}

/// True for the insertion and deletion shapes (an empty side).
pub fn is_null(shape: Shape) -> bool {
    shape.src == 0 || shape.tgt == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_distinct_and_bounded() {
        for (k, a) in SHAPES.iter().enumerate() {
            assert!(a.src <= MAX_SIDE && a.tgt <= MAX_SIDE && a.src + a.tgt > 0);
            assert_eq!(index_of(*a), Some(k));
        }
        assert!(is_null(s(1, 0)) && !is_null(s(2, 3)));
    }
}
