//! Opening inputs: files are read through a large buffer, and gzip-compressed files (recognised
//! by their magic bytes `1f 8b`, whatever the name) are decompressed on the fly.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use crate::format_error::FormatError;

const BUF: usize = 1 << 20;

/// Opens a file for streaming reads, decompressing gzip transparently.
pub fn open_input(path: &Path) -> Result<Box<dyn BufRead + Send>, FormatError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| FormatError::io(&name, e))?;
    let mut reader = BufReader::with_capacity(BUF, file);
    let head = reader.fill_buf().map_err(|e| FormatError::io(&name, e))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            BUF,
            MultiGzDecoder::new(reader),
        )))
    } else {
        Ok(Box::new(reader))
    }
}

/// Reads a whole file (gzip decompressed) into a string; bad UTF-8 is an error with its line.
pub fn read_to_string(path: &Path) -> Result<String, FormatError> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    open_input(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| FormatError::io(&name, e))?;
    bytes_to_string(bytes, &name)
}

/// UTF-8 check with a position.
pub(crate) fn bytes_to_string(bytes: Vec<u8>, name: &str) -> Result<String, FormatError> {
    String::from_utf8(bytes).map_err(|e| {
        let upto = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..upto].iter().filter(|&&b| b == b'\n').count() as u64;
        let col = upto
            - bytes[..upto]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        FormatError::at(
            name,
            line,
            None,
            None,
            format!("invalid UTF-8 at byte {col} of the line"),
        )
    })
}

/// Strips a UTF-8 byte-order mark.
pub(crate) fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}
