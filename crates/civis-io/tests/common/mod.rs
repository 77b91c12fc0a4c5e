//! Helpers shared by the reader tests.

use civis_frame::{Column, Frame};

/// Every cell as text, row by row: numbers by their bits, text by its dictionary entry (and by
/// its code too when `codes`), a missing text cell as `missing`.
pub fn cell_texts(f: &Frame, codes: bool) -> Vec<Vec<String>> {
    (0..f.nrows())
        .map(|r| {
            f.columns()
                .iter()
                .map(|c| match c {
                    Column::Num(v) => format!("n{}", v.values[r].to_bits()),
                    Column::Str(s) => match s.codes[r] {
                        u32::MAX => "missing".to_string(),
                        k if codes => format!("t{k}:{}", s.dict[k as usize]),
                        k => format!("t{}", s.dict[k as usize]),
                    },
                })
                .collect()
        })
        .collect()
}
