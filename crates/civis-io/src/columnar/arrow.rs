//! Parquet and Arrow IPC record batches as frames (arrow-rs; the cargo feature `columnar`). See
//! the parent module for the types and missing values.

use std::collections::HashMap;
use std::io::BufReader;
use std::marker::PhantomData;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float16Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type,
    UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, ArrowPrimitiveType, DictionaryArray, PrimitiveArray, RecordBatch,
    RecordBatchReader,
};
use arrow_schema::{ArrowError, DataType, Schema};
use civis_frame::{Column, Frame, NumColumn, StrColumn, MISSING_CODE};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader,
    ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::ProjectionMask;

use super::MicrodataFormat;
use crate::accum::FxBuild;
use crate::chunks::{open_file, ColumnChunks};
use crate::error::ReadError;
use crate::reader::select_columns;
use crate::CsvOptions;

/// Rows per chunk read from a Parquet file (a chunk never spans two row groups' worth of pages
/// more than this).
pub const BATCH_ROWS: usize = 1 << 16;

/// The top-level field names of `schema` and the positions of the selected ones (in file
/// order); an unknown selected name is [`ReadError::UnknownColumns`].
fn project(schema: &Schema, opts: &CsvOptions, file: &str) -> Result<Projection, ReadError> {
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let selected = select_columns(&names, opts, file)?;
    for &i in &selected {
        let field = schema.field(i);
        if !readable(field.data_type()) {
            return Err(ReadError::UnsupportedType {
                file: file.to_owned(),
                column: field.name().clone(),
                data_type: field.data_type().to_string(),
            });
        }
    }
    Ok(Projection { names, selected })
}

struct Projection {
    names: Vec<String>,
    selected: Vec<usize>,
}

/// Whether [`to_column`] converts an array of this type.
fn readable(t: &DataType) -> bool {
    use DataType as T;
    match t {
        T::Null
        | T::Int8
        | T::Int16
        | T::Int32
        | T::Int64
        | T::UInt8
        | T::UInt16
        | T::UInt32
        | T::UInt64
        | T::Float16
        | T::Float32
        | T::Float64
        | T::Decimal128(..)
        | T::Utf8
        | T::LargeUtf8
        | T::Utf8View => true,
        T::Dictionary(_, v) => matches!(**v, T::Utf8 | T::LargeUtf8 | T::Utf8View),
        _ => false,
    }
}

/// One record batch as a frame (its columns are the selected ones, all [`readable`]). The
/// batch is taken by value so that [`owned_column`] can reuse its buffers.
fn batch_to_frame(
    batch: RecordBatch,
    file: &str,
    dictionaries: &mut Dictionaries,
) -> Result<Frame, ReadError> {
    let (schema, arrays, rows) = batch.into_parts();
    let mut frame = Frame::new(rows);
    for (i, (field, array)) in schema.fields().iter().zip(arrays).enumerate() {
        let col = owned_column(array, field.name(), file, dictionaries.column(i))?;
        frame
            .push(field.name().clone(), col)
            .map_err(|e| ReadError::Columnar {
                file: file.to_owned(),
                message: e.to_string(),
            })?;
    }
    Ok(frame)
}

/// Converts one array as [`to_column`] does, writing the result into the array's own buffer
/// where arrow-rs allows it: 64-bit integers and floats without nulls (each value becomes its
/// `f64` in place; a `Float64` buffer is taken as it is) and the `Int32` keys of a dictionary
/// without null keys (each key becomes its code in place). A buffer is taken only when this
/// array holds its only reference and it was allocated as a `Vec` (the Parquet reader's
/// buffers are); otherwise, and for the other types, the values are copied by [`to_column`].
/// The values are the same either way: a conversion to `f64` is exact or correctly rounded
/// whether it writes to a new buffer or to the old one.
fn owned_column(
    array: ArrayRef,
    name: &str,
    file: &str,
    dictionary: &mut Option<(ArrayRef, StrColumn)>,
) -> Result<Column, ReadError> {
    if array.null_count() > 0 {
        return to_column(array.as_ref(), name, file);
    }
    match array.data_type() {
        DataType::Int64 => Ok(Column::Num(NumColumn::new(owned_floats::<Int64Type>(
            array,
            |v| v as f64,
        )))),
        DataType::UInt64 => Ok(Column::Num(NumColumn::new(owned_floats::<UInt64Type>(
            array,
            |v| v as f64,
        )))),
        DataType::Float64 => {
            num_column(owned_floats::<Float64Type>(array, |v| v), true, name, file)
        }
        DataType::Dictionary(k, _) if **k == DataType::Int32 => {
            owned_dictionary_texts(array, name, file, dictionary)
        }
        _ => to_column(array.as_ref(), name, file),
    }
}

/// The values of a primitive array without nulls as `f64`, written over its own buffer when it
/// can be taken ([`owned_column`]), else into a new one.
fn owned_floats<P>(array: ArrayRef, to_f64: impl Fn(P::Native) -> f64) -> Vec<f64>
where
    P: ArrowPrimitiveType,
{
    let data = array.to_data();
    drop(array);
    let (_, values, _) = PrimitiveArray::<P>::from(data).into_parts();
    match values.into_inner().into_vec::<P::Native>() {
        // an in-place collect: the element sizes are equal (64-bit types only reach here)
        Ok(v) => v.into_iter().map(to_f64).collect(),
        // the buffer of a `ScalarBuffer`, so aligned for its type
        Err(buffer) => buffer
            .typed_data::<P::Native>()
            .iter()
            .map(|&v| to_f64(v))
            .collect(),
    }
}

/// A dictionary array with `Int32` keys and no null keys, its keys turned into codes in place
/// when their buffer can be taken ([`owned_column`]); as [`dictionary_texts`] otherwise. Its
/// values are coded as text once for the batches that share them: `dictionary` holds the
/// values of the column's batch before (the batches of a Parquet column chunk share one
/// dictionary page's values array) and their coding.
fn owned_dictionary_texts(
    array: ArrayRef,
    name: &str,
    file: &str,
    dictionary: &mut Option<(ArrayRef, StrColumn)>,
) -> Result<Column, ReadError> {
    let data_type = array.data_type().clone();
    let data = array.to_data();
    drop(array);
    let (keys, values) = DictionaryArray::<Int32Type>::from(data).into_parts();
    let values = match dictionary.take() {
        // the same buffers (each batch's dictionary array is a new `Arc` over them)
        Some((before, coded)) if before.to_data().ptr_eq(&values.to_data()) => (before, coded),
        _ => {
            let coded = dictionary_values(values.as_ref(), &data_type, name, file)?;
            (values, coded)
        }
    };
    let values = &dictionary.insert(values).1;
    let len = keys.len();
    let mut coder = KeyCoder::new(values);
    let codes = if values.codes.is_empty() {
        vec![MISSING_CODE; len]
    } else {
        let (_, keys, _) = keys.into_parts();
        match keys.into_inner().into_vec::<i32>() {
            // an in-place collect: keys and codes are both 32 bits
            Ok(keys) => keys.into_iter().map(|k| coder.code(k as usize)).collect(),
            Err(buffer) => buffer
                .typed_data::<i32>()
                .iter()
                .map(|&k| coder.code(k as usize))
                .collect(),
        }
    };
    Ok(Column::Str(StrColumn {
        codes,
        dict: coder.dict,
        first_non_numeric: None,
    }))
}

/// Converts one array (see the module docs for the types and missing values).
fn to_column(array: &dyn Array, name: &str, file: &str) -> Result<Column, ReadError> {
    use DataType as T;
    // whole numbers are finite: only floating-point columns are searched for infinities
    let floating = matches!(array.data_type(), T::Float16 | T::Float32 | T::Float64);
    let num = |values: Vec<f64>| num_column(values, floating, name, file);
    match array.data_type() {
        T::Null => num(vec![f64::NAN; array.len()]),
        T::Int8 => num(floats::<Int8Type>(array, f64::from)),
        T::Int16 => num(floats::<Int16Type>(array, f64::from)),
        T::Int32 => num(floats::<Int32Type>(array, f64::from)),
        T::Int64 => num(floats::<Int64Type>(array, |v| v as f64)),
        T::UInt8 => num(floats::<UInt8Type>(array, f64::from)),
        T::UInt16 => num(floats::<UInt16Type>(array, f64::from)),
        T::UInt32 => num(floats::<UInt32Type>(array, f64::from)),
        T::UInt64 => num(floats::<UInt64Type>(array, |v| v as f64)),
        T::Float16 => num(floats::<Float16Type>(array, f64::from)),
        T::Float32 => num(floats::<Float32Type>(array, f64::from)),
        T::Float64 => num(floats::<Float64Type>(array, |v| v)),
        T::Decimal128(_, scale) => {
            // value / 10^scale: both exact (|value| < 2^53, scale <= 22), so the quotient is
            // the correctly rounded decimal, as the CSV reader reads its text
            let unit = 10f64.powi(i32::from(*scale));
            num(floats::<arrow_array::types::Decimal128Type>(array, |v| {
                v as f64 / unit
            }))
        }
        T::Utf8 => Ok(texts(array.len(), |i| {
            let a = array.as_string::<i32>();
            a.is_valid(i).then(|| a.value(i))
        })),
        T::LargeUtf8 => Ok(texts(array.len(), |i| {
            let a = array.as_string::<i64>();
            a.is_valid(i).then(|| a.value(i))
        })),
        T::Utf8View => Ok(texts(array.len(), |i| {
            let a = array.as_string_view();
            a.is_valid(i).then(|| a.value(i))
        })),
        T::Dictionary(..) => dictionary_texts(array, name, file),
        other => Err(ReadError::UnsupportedType {
            file: file.to_owned(),
            column: name.to_owned(),
            data_type: other.to_string(),
        }),
    }
}

/// A numeric column of `values`; `floating`: the values came from floats, so an infinite one
/// is refused (whole numbers are finite, so they are not searched).
fn num_column(
    values: Vec<f64>,
    floating: bool,
    name: &str,
    file: &str,
) -> Result<Column, ReadError> {
    let infinite = if floating {
        values.iter().position(|v| v.is_infinite())
    } else {
        None
    };
    if let Some(row) = infinite {
        return Err(ReadError::NotFinite {
            file: file.to_owned(),
            column: name.to_owned(),
            row: row as u64 + 1,
        });
    }
    Ok(Column::Num(NumColumn::new(values)))
}

/// The values of a primitive array as `f64` (nulls and `NaN` missing).
fn floats<P: ArrowPrimitiveType>(array: &dyn Array, to_f64: impl Fn(P::Native) -> f64) -> Vec<f64> {
    let a = array.as_primitive::<P>();
    let values = a.values();
    match a.nulls().filter(|n| n.null_count() > 0) {
        None => values.iter().map(|&v| to_f64(v)).collect(),
        Some(nulls) => values
            .iter()
            .zip(nulls.iter())
            .map(|(&v, valid)| if valid { to_f64(v) } else { f64::NAN })
            .collect(),
    }
}

/// Text cells coded in order of first appearance (`None` and blank cells missing).
fn texts<'a>(n: usize, cell: impl Fn(usize) -> Option<&'a str>) -> Column {
    let mut codes = Vec::with_capacity(n);
    let mut dict: Vec<String> = Vec::new();
    let mut index: HashMap<&'a str, u32, FxBuild> = HashMap::default();
    let mut last: Option<(&'a str, u32)> = None;
    for i in 0..n {
        let code = match cell(i) {
            None => MISSING_CODE,
            Some(s) => match last {
                // a run of one value is coded once (blank cells never become `last`)
                Some((l, c)) if l == s => c,
                _ if s.trim().is_empty() => MISSING_CODE,
                _ => {
                    let c = *index.entry(s).or_insert_with(|| {
                        dict.push(s.to_owned());
                        (dict.len() - 1) as u32
                    });
                    last = Some((s, c));
                    c
                }
            },
        };
        codes.push(code);
    }
    Column::Str(StrColumn {
        codes,
        dict,
        first_non_numeric: None,
    })
}

/// A dictionary-encoded text array: its values coded once, then each key mapped (codes in
/// order of first appearance in the rows, equal values sharing one code).
fn dictionary_texts(array: &dyn Array, name: &str, file: &str) -> Result<Column, ReadError> {
    let Some(d) = array.as_any_dictionary_opt() else {
        return Err(ReadError::UnsupportedType {
            file: file.to_owned(),
            column: name.to_owned(),
            data_type: array.data_type().to_string(),
        });
    };
    let values = dictionary_values(d.values().as_ref(), array.data_type(), name, file)?;
    let nulls = array.logical_nulls().filter(|n| n.null_count() > 0);
    let valid = || nulls.as_ref().map(|n| n.iter());
    let mut coder = KeyCoder::new(&values);
    let codes = if values.codes.is_empty() {
        vec![MISSING_CODE; array.len()]
    } else if let Some(a) = array.as_dictionary_opt::<Int32Type>() {
        // the key type the Parquet reader is asked for: its keys read in place
        coder.codes(a.keys().values().iter().map(|&k| k as usize), valid())
    } else {
        coder.codes(d.normalized_keys().into_iter(), valid())
    };
    let dict = coder.dict;
    Ok(Column::Str(StrColumn {
        codes,
        dict,
        first_non_numeric: None,
    }))
}

/// The values of a dictionary (of type `data_type`) coded as text.
fn dictionary_values(
    values: &dyn Array,
    data_type: &DataType,
    name: &str,
    file: &str,
) -> Result<StrColumn, ReadError> {
    match to_column(values, name, file)? {
        Column::Str(s) => Ok(s),
        Column::Num(_) => Err(ReadError::UnsupportedType {
            file: file.to_owned(),
            column: name.to_owned(),
            data_type: data_type.to_string(),
        }),
    }
}

/// Codes of a dictionary array's rows in order of first appearance: each key's code is found
/// once (its value's code among the rows, equal values sharing one), then looked up per row.
struct KeyCoder<'v> {
    values: &'v StrColumn,
    /// The code among the rows of each key ([`KeyCoder::UNSEEN`]: not met yet; a blank or
    /// null value is [`MISSING_CODE`] from the start).
    of_key: Vec<u32>,
    /// The code among the rows of each distinct value of the dictionary.
    of_value: Vec<u32>,
    dict: Vec<String>,
}

impl<'v> KeyCoder<'v> {
    const UNSEEN: u32 = MISSING_CODE - 1;

    fn new(values: &'v StrColumn) -> Self {
        let of_key = values
            .codes
            .iter()
            .map(|&v| match v {
                MISSING_CODE => MISSING_CODE,
                _ => Self::UNSEEN,
            })
            .collect();
        KeyCoder {
            values,
            of_key,
            of_value: vec![Self::UNSEEN; values.dict.len()],
            dict: Vec::new(),
        }
    }

    /// The code of key `k`, met for the first time.
    #[cold]
    fn first(&mut self, k: usize) -> u32 {
        let v = self.values.codes[k] as usize;
        let code = &mut self.of_value[v];
        if *code == Self::UNSEEN {
            *code = self.dict.len() as u32;
            self.dict.push(self.values.dict[v].clone());
        }
        self.of_key[k] = *code;
        *code
    }

    /// The code of a row with key `k`.
    #[inline]
    fn code(&mut self, k: usize) -> u32 {
        match self.of_key[k] {
            Self::UNSEEN => self.first(k),
            c => c,
        }
    }

    /// The code of each row with key `keys[i]` (rows null in `nulls` missing).
    fn codes(
        &mut self,
        keys: impl ExactSizeIterator<Item = usize>,
        valid: Option<impl Iterator<Item = bool>>,
    ) -> Vec<u32> {
        let mut code = |k: usize| self.code(k);
        match valid {
            None => keys.map(code).collect(),
            Some(valid) => keys
                .zip(valid)
                .map(|(k, valid)| if valid { code(k) } else { MISSING_CODE })
                .collect(),
        }
    }
}

/// A columnar file read record batch by record batch, decoding only the selected columns: a
/// Parquet file ([`ParquetChunks`]) or an Arrow IPC file or stream ([`ArrowChunks`]).
/// `B` is the reader the batches come from, decoded by a thread of its own ([`Decoded`]).
pub struct RecordBatches<B> {
    name: String,
    names: Vec<String>,
    batches: Decoded,
    rows: u64,
    dictionaries: Dictionaries,
    reader: PhantomData<fn() -> B>,
}

impl<B> RecordBatches<B>
where
    B: Iterator<Item = Result<RecordBatch, ArrowError>> + Send + 'static,
{
    fn new(name: String, names: Vec<String>, batches: B) -> Result<Self, ReadError> {
        let batches = Decoded::spawn(batches).map_err(|source| ReadError::Io {
            file: name.clone(),
            source,
        })?;
        Ok(RecordBatches {
            name,
            names,
            batches,
            rows: 0,
            dictionaries: Dictionaries::default(),
            reader: PhantomData,
        })
    }
}

impl<B> ColumnChunks for RecordBatches<B> {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn next_chunk(&mut self) -> Result<Option<Frame>, ReadError> {
        next_frame(
            &mut self.batches,
            &self.name,
            &mut self.rows,
            &mut self.dictionaries,
        )
    }
}

/// Record batches decoded (decompressed, dictionary and run-length decoding) by a thread of
/// their own, at most [`DECODED_AHEAD`] batches ahead of the reader, while the reader's thread
/// turns the previous batch into a frame. Dropping it stops the thread at its next batch.
struct Decoded {
    next: Receiver<Result<RecordBatch, ArrowError>>,
}

/// Batches decoded but not yet taken (memory: this many batches of the selected columns).
const DECODED_AHEAD: usize = 2;

impl Decoded {
    fn spawn<B>(batches: B) -> std::io::Result<Decoded>
    where
        B: Iterator<Item = Result<RecordBatch, ArrowError>> + Send + 'static,
    {
        let (send, next) = sync_channel(DECODED_AHEAD);
        std::thread::Builder::new()
            .name("civis-decode".into())
            .spawn(move || {
                for batch in batches {
                    let failed = batch.is_err();
                    if send.send(batch).is_err() || failed {
                        break;
                    }
                }
            })?;
        Ok(Decoded { next })
    }
}

impl Iterator for Decoded {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next.recv().ok()
    }
}

/// A Parquet file read in chunks of at most [`BATCH_ROWS`] rows, decoding only the selected
/// columns (arrow-rs `parquet`).
pub type ParquetChunks = RecordBatches<ParquetRecordBatchReader>;

impl ParquetChunks {
    /// Opens `path`, reads its footer and checks the selected columns.
    pub fn open(path: &Path, opts: &CsvOptions) -> Result<ParquetChunks, ReadError> {
        let (name, file) = open_file(path)?;
        let parquet_error = |e: parquet::errors::ParquetError| ReadError::Columnar {
            file: name.clone(),
            message: e.to_string(),
        };
        let footer =
            ArrowReaderMetadata::load(&file, ArrowReaderOptions::new()).map_err(parquet_error)?;
        let projection = project(footer.schema(), opts, &name)?;
        // selected text columns as dictionaries: their values are decoded (and coded) once per
        // dictionary page, not once per row
        let hint = Schema::new_with_metadata(
            footer
                .schema()
                .fields()
                .iter()
                .enumerate()
                .map(|(i, f)| match f.data_type() {
                    DataType::Utf8 if projection.selected.contains(&i) => {
                        Arc::new(f.as_ref().clone().with_data_type(DataType::Dictionary(
                            Box::new(DataType::Int32),
                            Box::new(DataType::Utf8),
                        )))
                    }
                    _ => f.clone(),
                })
                .collect::<Vec<_>>(),
            footer.schema().metadata().clone(),
        );
        let footer = ArrowReaderMetadata::try_new(
            footer.metadata().clone(),
            ArrowReaderOptions::new().with_schema(Arc::new(hint)),
        )
        .map_err(parquet_error)?;
        let builder = ParquetRecordBatchReaderBuilder::new_with_metadata(file, footer);
        let mask = ProjectionMask::roots(builder.parquet_schema(), projection.selected);
        let batches = builder
            .with_projection(mask)
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(parquet_error)?;
        ParquetChunks::new(name, projection.names, batches)
    }
}

/// Per selected column, the dictionary values of its batch before and their coding as text
/// ([`owned_dictionary_texts`]).
#[derive(Default)]
struct Dictionaries(Vec<Option<(ArrayRef, StrColumn)>>);

impl Dictionaries {
    fn column(&mut self, i: usize) -> &mut Option<(ArrayRef, StrColumn)> {
        if self.0.len() <= i {
            self.0.resize_with(i + 1, || None);
        }
        &mut self.0[i]
    }
}

/// The next non-empty batch of `batches` as a frame; `rows` counts the rows before it (so
/// that a refused value is named by its row in the file).
fn next_frame(
    batches: &mut dyn Iterator<Item = Result<RecordBatch, ArrowError>>,
    file: &str,
    rows: &mut u64,
    dictionaries: &mut Dictionaries,
) -> Result<Option<Frame>, ReadError> {
    for batch in batches {
        let batch = batch.map_err(|e| ReadError::Columnar {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        if batch.num_rows() > 0 {
            let rows_in_batch = batch.num_rows();
            let frame = batch_to_frame(batch, file, dictionaries).map_err(|e| match e {
                ReadError::NotFinite { file, column, row } => ReadError::NotFinite {
                    file,
                    column,
                    row: row + *rows,
                },
                e => e,
            })?;
            *rows += rows_in_batch as u64;
            return Ok(Some(frame));
        }
    }
    Ok(None)
}

/// An Arrow IPC file (`.arrow`, Feather v2) or stream read record batch by record batch,
/// decoding only the selected columns (arrow-rs `arrow-ipc`; LZ4-compressed buffers, which
/// Feather writes by default, are read; ZSTD ones are not).
pub type ArrowChunks = RecordBatches<Box<dyn RecordBatchReader + Send>>;

impl ArrowChunks {
    /// Opens `path` (file or stream format, by its magic bytes) and checks the selected columns.
    pub fn open(path: &Path, opts: &CsvOptions) -> Result<ArrowChunks, ReadError> {
        let name = path.display().to_string();
        let stream = MicrodataFormat::detect(path)? == MicrodataFormat::ArrowStream;
        let arrow_error = |e: ArrowError| ReadError::Columnar {
            file: name.clone(),
            message: e.to_string(),
        };
        let open = |projection: Option<Vec<usize>>| {
            let file = BufReader::with_capacity(1 << 20, open_file(path)?.1);
            let reader: Box<dyn RecordBatchReader + Send> = if stream {
                Box::new(
                    arrow_ipc::reader::StreamReader::try_new(file, projection)
                        .map_err(arrow_error)?,
                )
            } else {
                Box::new(
                    arrow_ipc::reader::FileReader::try_new(file, projection)
                        .map_err(arrow_error)?,
                )
            };
            Ok::<_, ReadError>(reader)
        };
        // the full schema first (a footer or the first message), then the projected reader
        let projection = project(&open(None)?.schema(), opts, &name)?;
        let batches = open(Some(projection.selected))?;
        ArrowChunks::new(name, projection.names, batches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Float64Array, Int32Array, Int64Array, StringArray, UInt64Array};

    fn dictionary() -> ArrayRef {
        let keys = Int32Array::from(vec![2, 0, 2, 1, 3, 0]);
        // a blank value is missing, as in a CSV
        let values = StringArray::from(vec!["b", "a", "c", " "]);
        Arc::new(DictionaryArray::<Int32Type>::try_new(keys, Arc::new(values)).unwrap())
    }

    fn arrays() -> Vec<ArrayRef> {
        vec![
            Arc::new(Int64Array::from(vec![3, -1, (1 << 53) + 1, 7, 0, i64::MIN])),
            Arc::new(UInt64Array::from(vec![u64::MAX, 1, 2, 3, 4, 5])),
            Arc::new(Float64Array::from(vec![0.5, -0.0, 1e300, 2.25, 3.0, 1.0])),
            dictionary(),
        ]
    }

    #[test]
    fn columns_converted_in_their_own_buffers_equal_copied_ones() {
        for array in arrays() {
            let copied = to_column(array.as_ref(), "c", "f").unwrap();
            // a buffer another array shares is not taken: the values are copied
            let shared = owned_column(Arc::clone(&array), "c", "f", &mut None).unwrap();
            assert_eq!(shared, copied, "{}", array.data_type());
            let buffer = array.to_data().buffers()[0].as_ptr();
            let taken = owned_column(array, "c", "f", &mut None).unwrap();
            assert_eq!(taken, copied);
            if let Column::Num(n) = &taken {
                if n.values[1] == 0.0 {
                    // the `Float64` buffer itself
                    assert_eq!(n.values.as_ptr().cast(), buffer);
                    assert!(n.values[1].is_sign_negative());
                }
            }
        }
        let Column::Str(s) = owned_column(dictionary(), "c", "f", &mut None).unwrap() else {
            panic!("a dictionary of strings is text");
        };
        assert_eq!(s.dict, ["c", "b", "a"]);
        assert_eq!(s.codes, [0, 1, 0, 2, MISSING_CODE, 1]);
    }

    #[test]
    fn dictionary_values_are_coded_again_only_when_they_change() {
        let values: ArrayRef = Arc::new(StringArray::from(vec!["x", "y"]));
        let other: ArrayRef = Arc::new(StringArray::from(vec!["y", "x", "z"]));
        let batch = |keys: Vec<i32>, values: &ArrayRef| -> ArrayRef {
            let keys = Int32Array::from(keys);
            Arc::new(DictionaryArray::<Int32Type>::try_new(keys, Arc::clone(values)).unwrap())
        };
        let text = |array: ArrayRef, before: &mut Option<(ArrayRef, StrColumn)>| match owned_column(
            array, "c", "f", before,
        ) {
            Ok(Column::Str(s)) => (s.dict, s.codes),
            other => panic!("expected text, got {other:?}"),
        };
        let held = |before: &Option<(ArrayRef, StrColumn)>| {
            let (held, coded) = before.as_ref().expect("the last values are kept");
            (
                Arc::as_ptr(held).cast::<u8>(),
                held.to_data(),
                coded.dict.clone(),
            )
        };
        let mut before = None;
        // codes in order of first appearance within each batch, whatever is kept
        let (dict, codes) = text(batch(vec![1, 0, 1], &values), &mut before);
        assert_eq!(dict, ["y", "x"]);
        assert_eq!(codes, [0, 1, 0]);
        let first = held(&before);
        assert!(first.1.ptr_eq(&values.to_data()));
        let (dict, codes) = text(batch(vec![0, 0], &values), &mut before);
        assert_eq!(dict, ["x"]);
        assert_eq!(codes, [0, 0]);
        // the same values: the coding kept with the first batch's array is used again
        assert_eq!(held(&before).0, first.0);
        let (dict, codes) = text(batch(vec![2, 0, 1], &other), &mut before);
        assert_eq!(dict, ["z", "y", "x"]);
        assert_eq!(codes, [0, 1, 2]);
        let last = held(&before);
        assert!(last.1.ptr_eq(&other.to_data()));
        assert_eq!(last.2, ["y", "x", "z"]);
    }

    #[test]
    fn an_infinite_float_is_refused_in_place_too() {
        let array: ArrayRef = Arc::new(Float64Array::from(vec![1.0, 2.0, f64::INFINITY]));
        match owned_column(array, "w", "f.parquet", &mut None) {
            Err(ReadError::NotFinite { column, row, .. }) => {
                assert_eq!((column.as_str(), row), ("w", 3))
            }
            other => panic!("expected NotFinite, got {other:?}"),
        }
    }
}
