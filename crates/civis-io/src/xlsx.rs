//! XLSX (Office Open XML spreadsheet, ECMA-376) export for city staff: sheets of numbers and
//! text, written without any dependency.
//!
//! The workbook is a ZIP archive (PKWARE APPNOTE 6.3, entries stored without compression, CRC-32
//! of each entry) holding `[Content_Types].xml`, the package and workbook relationships,
//! `xl/workbook.xml`, a minimal `xl/styles.xml` (a bold header style) and one
//! `xl/worksheets/sheetN.xml` per sheet. Text is written as inline strings (`t="inlineStr"`), which
//! a spreadsheet never evaluates, so no cell can start a formula; numbers are written in their
//! shortest round-trip form; non-finite numbers become empty cells. The first row of every sheet
//! is a bold header and is frozen.

use std::io::{self, Write};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxCell {
    Number(f64),
    Text(String),
    Empty,
}

impl From<f64> for XlsxCell {
    fn from(v: f64) -> Self {
        if v.is_finite() {
            XlsxCell::Number(v)
        } else {
            XlsxCell::Empty
        }
    }
}

impl From<&str> for XlsxCell {
    fn from(v: &str) -> Self {
        if v.is_empty() {
            XlsxCell::Empty
        } else {
            XlsxCell::Text(v.to_string())
        }
    }
}

impl From<String> for XlsxCell {
    fn from(v: String) -> Self {
        XlsxCell::from(v.as_str())
    }
}

/// One worksheet: a header row and data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct XlsxSheet {
    /// Sheet name (at most 31 characters, no `[]:*?/\`; invalid characters are replaced).
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<XlsxCell>>,
}

/// Write a workbook with `sheets` (at least one) to `out`.
pub fn write_xlsx<W: Write>(out: W, sheets: &[XlsxSheet]) -> io::Result<()> {
    if sheets.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a workbook needs at least one sheet",
        ));
    }
    let mut zip = ZipWriter::new(out);
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    for i in 1..=sheets.len() {
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
    }
    types.push_str("</Types>");
    zip.add("[Content_Types].xml", types.as_bytes())?;
    zip.add(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    )?;
    let mut wb = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut used_names: Vec<String> = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        let id = i + 1;
        let mut name = sheet_name(&s.name, id);
        while used_names.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
            name = sheet_name(&format!("{name} {id}"), id);
        }
        used_names.push(name.clone());
        wb.push_str(&format!(
            r#"<sheet name="{}" sheetId="{id}" r:id="rId{id}"/>"#,
            escape(&name)
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{id}.xml"/>"#
        ));
    }
    wb.push_str("</sheets></workbook>");
    let styles_id = sheets.len() + 1;
    rels.push_str(&format!(
        r#"<Relationship Id="rId{styles_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    ));
    zip.add("xl/workbook.xml", wb.as_bytes())?;
    zip.add("xl/_rels/workbook.xml.rels", rels.as_bytes())?;
    zip.add(
        "xl/styles.xml",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#,
    )?;
    for (i, s) in sheets.iter().enumerate() {
        zip.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(s).as_bytes(),
        )?;
    }
    zip.finish()
}

fn sheet_name(name: &str, id: usize) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if cleaned.trim().is_empty() {
        format!("Sheet{id}")
    } else {
        cleaned
    }
}

/// Column letters of a 0-based column index (A, B, ..., Z, AA, ...).
pub(crate) fn column_name(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn sheet_xml(s: &XlsxSheet) -> String {
    let mut x = String::with_capacity(64 * (s.rows.len() + 1) * (s.header.len() + 1));
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#);
    x.push_str(r#"<row r="1">"#);
    for (j, h) in s.header.iter().enumerate() {
        x.push_str(&format!(
            r#"<c r="{}1" t="inlineStr" s="1"><is><t>{}</t></is></c>"#,
            column_name(j),
            escape(h)
        ));
    }
    x.push_str("</row>");
    for (i, row) in s.rows.iter().enumerate() {
        let r = i + 2;
        x.push_str(&format!(r#"<row r="{r}">"#));
        for (j, cell) in row.iter().enumerate() {
            match cell {
                XlsxCell::Number(v) if v.is_finite() => {
                    x.push_str(&format!(r#"<c r="{}{r}"><v>{v}</v></c>"#, column_name(j)));
                }
                XlsxCell::Text(t) if !t.is_empty() => {
                    x.push_str(&format!(
                        r#"<c r="{}{r}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        column_name(j),
                        escape(t)
                    ));
                }
                _ => {}
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// XML text escaping; characters XML 1.0 cannot hold are dropped.
fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 => {}
            c => o.push(c),
        }
    }
    o
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        t
    });
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = table[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// A ZIP writer for deflated entries.
struct ZipWriter<W: Write> {
    out: W,
    offset: u32,
    central: Vec<u8>,
    count: u16,
}

impl<W: Write> ZipWriter<W> {
    fn new(out: W) -> Self {
        ZipWriter {
            out,
            offset: 0,
            central: Vec::new(),
            count: 0,
        }
    }

    fn add(&mut self, name: &str, data: &[u8]) -> io::Result<()> {
        let too_big = || io::Error::new(io::ErrorKind::InvalidInput, "XLSX part larger than 4 GB");
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let crc = crc32(data);
        // deflate (method 8): worksheets of repeated XML shrink about tenfold
        let mut enc =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data)?;
        let packed = enc.finish()?;
        let packed_size = u32::try_from(packed.len()).map_err(|_| too_big())?;
        let name_b = name.as_bytes();
        // DOS date 1980-01-01 00:00
        let (time, date) = (0u16, (1u16 << 5) | 1);
        let mut local = Vec::with_capacity(30 + name_b.len());
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        local.extend_from_slice(&20u16.to_le_bytes()); // version needed
        local.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: UTF-8 names
        local.extend_from_slice(&8u16.to_le_bytes()); // deflated
        local.extend_from_slice(&time.to_le_bytes());
        local.extend_from_slice(&date.to_le_bytes());
        local.extend_from_slice(&crc.to_le_bytes());
        local.extend_from_slice(&packed_size.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&(name_b.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name_b);
        self.out.write_all(&local)?;
        self.out.write_all(&packed)?;

        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes()); // version made by
        c.extend_from_slice(&20u16.to_le_bytes()); // version needed
        c.extend_from_slice(&0x0800u16.to_le_bytes());
        c.extend_from_slice(&8u16.to_le_bytes());
        c.extend_from_slice(&time.to_le_bytes());
        c.extend_from_slice(&date.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&packed_size.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&(name_b.len() as u16).to_le_bytes());
        c.extend_from_slice(&[0u8; 8]); // extra, comment, disk, internal attrs
        c.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        c.extend_from_slice(&self.offset.to_le_bytes());
        c.extend_from_slice(name_b);
        self.offset = self
            .offset
            .checked_add(local.len() as u32)
            .and_then(|o| o.checked_add(packed_size))
            .ok_or_else(too_big)?;
        self.count += 1;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.write_all(&self.central)?;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&[0u8; 4]); // disk numbers
        end.extend_from_slice(&self.count.to_le_bytes());
        end.extend_from_slice(&self.count.to_le_bytes());
        end.extend_from_slice(&(self.central.len() as u32).to_le_bytes());
        end.extend_from_slice(&self.offset.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.out.write_all(&end)?;
        self.out.flush()
    }
}

/// Read back the entries (stored or deflated) of a ZIP written by [`write_xlsx`] (for tests and
/// checks):
/// `(name, bytes)` pairs, CRCs verified.
pub fn read_stored_zip(data: &[u8]) -> io::Result<Vec<(String, Vec<u8>)>> {
    let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
    let mut out = Vec::new();
    let mut p = 0usize;
    let u16_at = |p: usize| -> io::Result<u16> {
        data.get(p..p + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or_else(|| bad("truncated"))
    };
    let u32_at = |p: usize| -> io::Result<u32> {
        data.get(p..p + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| bad("truncated"))
    };
    while u32_at(p)? == 0x0403_4b50 {
        let method = u16_at(p + 8)?;
        if method != 0 && method != 8 {
            return Err(bad("entry neither stored nor deflated"));
        }
        let crc = u32_at(p + 14)?;
        let size = u32_at(p + 18)? as usize;
        let nlen = u16_at(p + 26)? as usize;
        let elen = u16_at(p + 28)? as usize;
        let name_start = p + 30;
        let body = name_start + nlen + elen;
        let name = std::str::from_utf8(
            data.get(name_start..name_start + nlen)
                .ok_or_else(|| bad("truncated"))?,
        )
        .map_err(|_| bad("name is not UTF-8"))?
        .to_string();
        let raw = data
            .get(body..body + size)
            .ok_or_else(|| bad("truncated"))?;
        let bytes = if method == 8 {
            let mut v = Vec::new();
            io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(raw), &mut v)?;
            v
        } else {
            raw.to_vec()
        };
        if crc32(&bytes) != crc {
            return Err(bad("CRC mismatch"));
        }
        out.push((name, bytes));
        p = body + size;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn workbook_round_trips_through_the_zip_and_defuses_formulas() {
        let sheets = vec![
            XlsxSheet {
                name: "data".into(),
                header: vec!["geo".into(), "estimate".into(), "flags".into()],
                rows: vec![
                    vec!["AT13".into(), 12.5.into(), "".into()],
                    vec!["=HYPERLINK(\"x\")".into(), f64::NAN.into(), "u".into()],
                ],
            },
            XlsxSheet {
                name: "metadata: flags?".into(),
                header: vec!["flag".into(), "meaning".into()],
                rows: vec![vec!["u".into(), "low reliability <20 & co".into()]],
            },
        ];
        let mut buf = Vec::new();
        write_xlsx(&mut buf, &sheets).unwrap();
        let parts = read_stored_zip(&buf).unwrap();
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"[Content_Types].xml"));
        assert!(names.contains(&"xl/worksheets/sheet2.xml"));
        let sheet1 = String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        assert!(sheet1.contains(r#"<c r="B2"><v>12.5</v></c>"#));
        // the formula-looking text is an inline string, not a formula; NaN is an empty cell
        assert!(sheet1.contains("=HYPERLINK(&quot;x&quot;)"));
        assert!(!sheet1.contains("<f>"));
        assert!(!sheet1.contains(r#"r="B3""#));
        let wb = String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == "xl/workbook.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        assert!(wb.contains(r#"name="metadata_ flags_""#));
        let sheet2 = String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == "xl/worksheets/sheet2.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        assert!(sheet2.contains("&lt;20 &amp; co"));
    }
}
