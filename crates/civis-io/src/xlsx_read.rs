//! Reading XLSX workbooks (ECMA-376 SpreadsheetML) as grids of cells, without dependencies beyond
//! the deflate decoder: enough for published statistical tables such as the Commission's Quality
//! of Life survey aggregates.
//!
//! The workbook is a ZIP archive (PKWARE APPNOTE 6.3): entries are found through the central
//! directory (sizes there are always right, unlike local headers written with a data
//! descriptor), stored (method 0) or deflated (method 8) entries are read and their CRC-32
//! checked. A sheet is found by its name in `xl/workbook.xml` and its relationship in
//! `xl/_rels/workbook.xml.rels`. Cells are read from `<c r="B4" t="...">`: `t="s"` indexes the
//! shared strings (`xl/sharedStrings.xml`, rich-text runs concatenated), `t="inlineStr"` holds
//! its text in `<is>`, `t="str"` is a formula's text result, `t="b"` a boolean, anything else a
//! number. A formula cell gives its cached value `<v>` (the formula itself is not evaluated).

use std::io::{self, Read};

use crate::xlsx::{crc32, XlsxCell};

fn bad(m: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, m.into())
}

fn u16_at(d: &[u8], p: usize) -> io::Result<u16> {
    d.get(p..p + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or_else(|| bad("truncated ZIP archive"))
}

fn u32_at(d: &[u8], p: usize) -> io::Result<u32> {
    d.get(p..p + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| bad("truncated ZIP archive"))
}

/// The entry `name` of a ZIP archive, decompressed and CRC-checked; `None` when absent.
pub fn zip_entry(data: &[u8], name: &str) -> io::Result<Option<Vec<u8>>> {
    // end of central directory: the last `PK\5\6` within the final 64 kB + 22 bytes
    let from = data.len().saturating_sub(22 + 65_535);
    let eocd = (from..data.len().saturating_sub(21))
        .rev()
        .find(|&p| data[p..p + 4] == [0x50, 0x4b, 0x05, 0x06])
        .ok_or_else(|| bad("not a ZIP archive (no end of central directory)"))?;
    let count = u16_at(data, eocd + 10)? as usize;
    let mut p = u32_at(data, eocd + 16)? as usize;
    for _ in 0..count {
        if u32_at(data, p)? != 0x0201_4b50 {
            return Err(bad("damaged ZIP central directory"));
        }
        let method = u16_at(data, p + 10)?;
        let crc = u32_at(data, p + 16)?;
        let csize = u32_at(data, p + 20)? as usize;
        let usize_ = u32_at(data, p + 24)? as usize;
        let nlen = u16_at(data, p + 28)? as usize;
        let elen = u16_at(data, p + 30)? as usize;
        let clen = u16_at(data, p + 32)? as usize;
        let local = u32_at(data, p + 42)? as usize;
        let entry = data
            .get(p + 46..p + 46 + nlen)
            .ok_or_else(|| bad("truncated ZIP archive"))?;
        p += 46 + nlen + elen + clen;
        if entry != name.as_bytes() {
            continue;
        }
        if u32_at(data, local)? != 0x0403_4b50 {
            return Err(bad(format!("damaged ZIP entry {name}")));
        }
        let start =
            local + 30 + u16_at(data, local + 26)? as usize + u16_at(data, local + 28)? as usize;
        let raw = data
            .get(start..start + csize)
            .ok_or_else(|| bad(format!("truncated ZIP entry {name}")))?;
        let bytes = match method {
            0 => raw.to_vec(),
            8 => {
                let mut out = Vec::with_capacity(usize_);
                flate2::read::DeflateDecoder::new(raw).read_to_end(&mut out)?;
                out
            }
            m => {
                return Err(bad(format!(
                    "ZIP entry {name}: compression method {m} is not supported"
                )))
            }
        };
        if bytes.len() != usize_ || crc32(&bytes) != crc {
            return Err(bad(format!("ZIP entry {name}: size or CRC mismatch")));
        }
        return Ok(Some(bytes));
    }
    Ok(None)
}

/// XML text with the five predefined entities and numeric character references resolved.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let ent = &tail[1..end];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in the start tag `tag` (the text between `<` and `>`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        if before.is_some_and(char::is_whitespace) {
            if let Some(v) = after.trim_start().strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                let body = &v[1..];
                return body.find(q).map(|e| &body[..e]);
            }
        }
        rest = after;
    }
    None
}

/// The texts of every `<t>` element between `from` and `to` (rich-text runs concatenated).
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<t") {
        let tail = &rest[i + 2..];
        let Some(gt) = tail.find('>') else { break };
        // `<t>` or `<t xml:space="preserve">`, not `<tr...>`
        if !tail.starts_with('>') && !tail.starts_with(' ') {
            rest = tail;
            continue;
        }
        let body = &tail[gt + 1..];
        let end = body.find("</t>").unwrap_or(body.len());
        out.push_str(&unescape(&body[..end]));
        rest = &body[end..];
    }
    out
}

/// The elements `<name ...>...</name>` (or self-closed) of `xml`, as (start tag, inner text).
fn elements<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut rest = xml;
    std::iter::from_fn(move || loop {
        let i = rest.find(&open)?;
        let tail = &rest[i + open.len()..];
        if !tail.starts_with([' ', '>', '/']) {
            rest = tail;
            continue;
        }
        let gt = tail.find('>')?;
        let tag = &tail[..gt];
        if tag.ends_with('/') {
            rest = &tail[gt + 1..];
            return Some((tag, ""));
        }
        let body = &tail[gt + 1..];
        let end = body.find(&close).unwrap_or(body.len());
        rest = &body[end..];
        return Some((tag, &body[..end]));
    })
}

/// Column index (0-based) and row number (1-based) of a cell reference such as `CI214`.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_uppercase).count();
    if letters == 0 {
        return None;
    }
    let col = r.as_bytes()[..letters]
        .iter()
        .fold(0usize, |c, b| c * 26 + (b - b'A' + 1) as usize);
    Some((col - 1, r[letters..].parse().ok()?))
}

fn utf8(bytes: Vec<u8>, what: &str) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|_| bad(format!("{what} is not UTF-8")))
}

/// The sheet named `sheet` of the workbook in `data`, as rows of cells (row 1 first; missing
/// rows and cells are empty). An error names what is missing or damaged.
pub fn read_xlsx_sheet(data: &[u8], sheet: &str) -> io::Result<Vec<Vec<XlsxCell>>> {
    let need = |name: &str| -> io::Result<String> {
        let bytes =
            zip_entry(data, name)?.ok_or_else(|| bad(format!("the workbook has no {name}")))?;
        utf8(bytes, name)
    };
    let workbook = need("xl/workbook.xml")?;
    let rid = elements(&workbook, "sheet")
        .find(|(tag, _)| attr(tag, "name").map(unescape).as_deref() == Some(sheet))
        .and_then(|(tag, _)| attr(tag, "r:id"))
        .ok_or_else(|| bad(format!("the workbook has no sheet named {sheet:?}")))?;
    let rels = need("xl/_rels/workbook.xml.rels")?;
    let target = elements(&rels, "Relationship")
        .find(|(tag, _)| attr(tag, "Id") == Some(rid))
        .and_then(|(tag, _)| attr(tag, "Target"))
        .ok_or_else(|| bad(format!("sheet {sheet:?} has no relationship {rid}")))?;
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let shared: Vec<String> = match zip_entry(data, "xl/sharedStrings.xml")? {
        Some(b) => elements(&utf8(b, "xl/sharedStrings.xml")?, "si")
            .map(|(_, inner)| texts(inner))
            .collect(),
        None => Vec::new(),
    };
    let xml = need(&path)?;
    let mut rows: Vec<Vec<XlsxCell>> = Vec::new();
    for (tag, inner) in elements(&xml, "c") {
        let Some((col, row)) = attr(tag, "r").and_then(cell_ref) else {
            return Err(bad(format!("{path}: a cell without a valid reference")));
        };
        let v = elements(inner, "v").next().map(|(_, v)| unescape(v));
        let cell = match (attr(tag, "t"), v) {
            (Some("s"), Some(v)) => {
                let i: usize = v.trim().parse().map_err(|_| {
                    bad(format!("{path}: cell {col},{row}: bad shared string index"))
                })?;
                let s = shared
                    .get(i)
                    .ok_or_else(|| bad(format!("{path}: shared string {i} does not exist")))?;
                XlsxCell::Text(s.clone())
            }
            (Some("inlineStr"), _) => XlsxCell::Text(texts(inner)),
            (Some("str" | "e"), Some(v)) => XlsxCell::Text(v),
            (Some("b"), Some(v)) => XlsxCell::Number(if v.trim() == "1" { 1.0 } else { 0.0 }),
            (_, Some(v)) => match v.trim().parse::<f64>() {
                Ok(x) => XlsxCell::Number(x),
                Err(_) => {
                    return Err(bad(format!(
                        "{path}: cell {}{row}: {v:?} is not a number",
                        crate::xlsx::column_name(col)
                    )))
                }
            },
            (_, None) => XlsxCell::Empty,
        };
        if rows.len() < row {
            rows.resize(row, Vec::new());
        }
        let r = &mut rows[row - 1];
        if r.len() <= col {
            r.resize(col + 1, XlsxCell::Empty);
        }
        r[col] = cell;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::{write_xlsx, XlsxSheet};

    #[test]
    fn a_written_workbook_reads_back() {
        let sheets = vec![XlsxSheet {
            name: "data & more".into(),
            header: vec!["geo".into(), "estimate".into()],
            rows: vec![
                vec!["AT13 <Wien>".into(), 12.5.into()],
                vec!["".into(), 3.0.into()],
            ],
        }];
        let mut buf = Vec::new();
        write_xlsx(&mut buf, &sheets).unwrap();
        let grid = read_xlsx_sheet(&buf, "data & more").unwrap();
        assert_eq!(
            grid[0],
            vec![
                XlsxCell::Text("geo".into()),
                XlsxCell::Text("estimate".into())
            ]
        );
        assert_eq!(
            grid[1],
            vec![XlsxCell::Text("AT13 <Wien>".into()), XlsxCell::Number(12.5)]
        );
        assert_eq!(grid[2], vec![XlsxCell::Empty, XlsxCell::Number(3.0)]);
        assert!(read_xlsx_sheet(&buf, "nope")
            .unwrap_err()
            .to_string()
            .contains("no sheet named"));
    }

    #[test]
    fn references_entities_and_attributes() {
        assert_eq!(cell_ref("CI214"), Some((86, 214)));
        assert_eq!(cell_ref("A1"), Some((0, 1)));
        assert_eq!(unescape("a&amp;b&#228;&#x20AC;&zz;"), "a&bä€&zz;");
        assert_eq!(attr(r#"c r="B4" s="3" t="s""#, "t"), Some("s"));
        assert_eq!(attr(r#"sheet name="x" r:id="rId3""#, "r:id"), Some("rId3"));
        assert_eq!(
            texts(r#"<r><t>Bia</t></r><r><t xml:space="preserve">łystok</t></r>"#),
            "Białystok"
        );
    }
}
