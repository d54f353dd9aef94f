//! Terminology: bilingual term extraction, consistency and concordance.
