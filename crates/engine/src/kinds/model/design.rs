//! From table columns to a design matrix: reading features, choosing rows, the seeded split and
//! folds, one-hot encoding, imputation and standardisation.
//!
//! Everything that turns raw values into numbers is described by [`Term`]s and the imputation
//! values, which is also what a [`ModelExport`](quire_protocol::model::ModelExport) carries:
//! the cell's own predictions and `quire predict` go through the same [`encode`].

use std::collections::HashMap;
use std::sync::Arc;

use polars::prelude::*;
use quire_protocol::model::{Encoding, ImputeValue, ModelError, Split, Term};

/// Text features with more distinct values than this are refused (an id, not a category).
pub const MAX_LEVELS: usize = 100;

/// A column of numbers, shared: a design column that is its feature unchanged is the same
/// allocation, not a copy.
pub type Values = Arc<Vec<f64>>;

/// A feature column as the model reads it.
pub enum Raw {
    /// Numbers and booleans; missing values are NaN.
    Number(Values),
    /// Text as codes into `levels` (in order of first appearance); `None` is missing.
    Text {
        codes: Vec<Option<u32>>,
        levels: Vec<String>,
    },
}

impl Raw {
    pub fn missing(&self, row: usize) -> bool {
        match self {
            Raw::Number(v) => v[row].is_nan(),
            Raw::Text { codes, .. } => codes[row].is_none(),
        }
    }
}

pub fn table_error(e: &PolarsError) -> ModelError {
    ModelError::Table {
        message: e.to_string(),
    }
}

fn column<'a>(frame: &'a DataFrame, name: &str) -> Result<&'a Column, ModelError> {
    frame.column(name).map_err(|_| ModelError::MissingColumn {
        column: name.to_owned(),
    })
}

/// The column's values as numbers (NaN for missing), or `None` when it holds no numbers.
pub fn numbers(frame: &DataFrame, name: &str) -> Result<Option<Vec<f64>>, ModelError> {
    let c = column(frame, name)?;
    let dtype = c.dtype();
    if !(dtype.is_primitive_numeric() || dtype == &DataType::Boolean) {
        return Ok(None);
    }
    let cast = c.cast(&DataType::Float64).map_err(|e| table_error(&e))?;
    let ca = cast.f64().map_err(|e| table_error(&e))?;
    let mut out = Vec::with_capacity(ca.len());
    for array in ca.downcast_iter() {
        match array.validity().filter(|v| v.unset_bits() > 0) {
            // Whole chunks of values: copied, not iterated one Option at a time.
            None => out.extend_from_slice(array.values()),
            Some(valid) => out.extend(
                array
                    .values()
                    .iter()
                    .zip(valid.iter())
                    .map(|(v, ok)| if ok { *v } else { f64::NAN }),
            ),
        }
    }
    Ok(Some(out))
}

/// ±∞ in a column is a typed error: a fit would turn it into NaN everywhere.
pub fn refuse_infinite(values: &[f64], column: &str) -> Result<(), ModelError> {
    if values.iter().any(|v| v.is_infinite()) {
        return Err(ModelError::Infinite {
            column: column.to_owned(),
        });
    }
    Ok(())
}

/// A feature column read for a model: numbers, or text as codes.
pub fn read_feature(frame: &DataFrame, name: &str) -> Result<Raw, ModelError> {
    if let Some(v) = numbers(frame, name)? {
        refuse_infinite(&v, name)?;
        return Ok(Raw::Number(Arc::new(v)));
    }
    let c = column(frame, name)?;
    match c.dtype() {
        DataType::String | DataType::Categorical(..) | DataType::Enum(..) => {}
        DataType::Date | DataType::Datetime(..) | DataType::Time | DataType::Duration(_) => {
            return Err(ModelError::UnusableFeature {
                column: name.to_owned(),
            });
        }
        other => {
            return Err(ModelError::UnsupportedFeature {
                column: name.to_owned(),
                dtype: other.to_string(),
            });
        }
    }
    let cast = c.cast(&DataType::String).map_err(|e| table_error(&e))?;
    let ca = cast.str().map_err(|e| table_error(&e))?;
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut levels: Vec<String> = Vec::new();
    let codes = ca
        .iter()
        .map(|v| {
            let v = v?;
            Some(*index.entry(v).or_insert_with(|| {
                levels.push(v.to_owned());
                u32::try_from(levels.len() - 1).unwrap_or(u32::MAX)
            }))
        })
        .collect();
    Ok(Raw::Text { codes, levels })
}

/// The column's values as text (for a split column), `None` for missing.
pub fn texts(frame: &DataFrame, name: &str) -> Result<Vec<Option<String>>, ModelError> {
    let c = column(frame, name)?;
    let cast = c.cast(&DataType::String).map_err(|e| table_error(&e))?;
    let ca = cast.str().map_err(|e| table_error(&e))?;
    Ok(ca.iter().map(|v| v.map(str::to_owned)).collect())
}

// ---------------------------------------------------------------------------------------------
// The seeded split.

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and the same stream on every platform,
/// so a seed picks the same rows in the page, the CLI and the reference script.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A draw from `0..n` by multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A uniform draw from [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates, from the last position down.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Training and test rows (positions into `rows`, each list in row order) and the
/// cross-validation fold of each training row (empty without folds).
pub struct Partition {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
    /// `fold[k]` is the fold of `train[k]`.
    pub fold: Vec<u32>,
}

/// Splits the usable `rows` as the spec says; `split_values` are the split column's values
/// (by input row) for [`Split::Column`].
pub fn partition(
    rows: &[usize],
    split: &Split,
    split_values: Option<&[Option<String>]>,
    folds: u32,
) -> Partition {
    let (mut train, test, seed) = match split {
        Split::None => ((0..rows.len()).collect(), Vec::new(), 42),
        Split::Random { test_share, seed } => {
            let mut rng = SplitMix::new(*seed);
            let mut order: Vec<usize> = (0..rows.len()).collect();
            rng.shuffle(&mut order);
            let n_test = ((test_share * rows.len() as f64) + 0.5).floor() as usize;
            let mut test = order[..n_test.min(order.len())].to_vec();
            let mut train = order[n_test.min(order.len())..].to_vec();
            test.sort_unstable();
            train.sort_unstable();
            // Folds continue the same stream, so the reference script can follow it.
            let fold = folds_of(&train, folds, &mut rng);
            return Partition { train, test, fold };
        }
        Split::Column { test_value, .. } => {
            let values = split_values.unwrap_or(&[]);
            let (test, train): (Vec<usize>, Vec<usize>) = (0..rows.len()).partition(|&k| {
                values.get(rows[k]).and_then(Option::as_deref) == Some(test_value.as_str())
            });
            (train, test, 42)
        }
    };
    train.sort_unstable();
    let mut rng = SplitMix::new(seed);
    let fold = folds_of(&train, folds, &mut rng);
    Partition { train, test, fold }
}

fn folds_of(train: &[usize], folds: u32, rng: &mut SplitMix) -> Vec<u32> {
    if folds < 2 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..train.len()).collect();
    rng.shuffle(&mut order);
    let mut fold = vec![0; train.len()];
    for (j, k) in order.into_iter().enumerate() {
        fold[k] = (j % folds as usize) as u32;
    }
    fold
}

// ---------------------------------------------------------------------------------------------
// Encoding.

/// Design columns (one per term), column-major, over some rows.
pub struct Matrix {
    pub rows: usize,
    pub cols: Vec<Values>,
}

impl Matrix {
    pub fn row(&self, i: usize, out: &mut Vec<f64>) {
        out.clear();
        out.extend(self.cols.iter().map(|c| c[i]));
    }
}

/// How each feature becomes terms, learnt from the training rows: levels and reference of text
/// features, shift and scale of numbers, and the imputation values.
/// The values that fill a missing feature, per column.
pub type Fills = Vec<(String, ImputeValue)>;

pub fn fit_encoder(
    names: &[String],
    raws: &[Raw],
    train: &[usize],
    standardise: bool,
    impute: bool,
) -> Result<(Vec<Term>, Fills), ModelError> {
    let mut terms = Vec::new();
    let mut fills = Vec::new();
    for (name, raw) in names.iter().zip(raws) {
        match raw {
            Raw::Number(v) => {
                let present = || train.iter().map(|&r| v[r]).filter(|x| !x.is_nan());
                let n = present().count() as f64;
                let mean = if n > 0.0 {
                    present().sum::<f64>() / n
                } else {
                    0.0
                };
                if impute {
                    fills.push((name.clone(), ImputeValue::Number(mean)));
                }
                let (shift, scale) = if standardise {
                    let var = present().map(|x| (x - mean).powi(2)).sum::<f64>() / n.max(1.0);
                    let sd = var.sqrt();
                    if sd > 0.0 { (mean, sd) } else { (mean, 1.0) }
                } else {
                    (0.0, 1.0)
                };
                terms.push(Term {
                    name: name.clone(),
                    column: name.clone(),
                    encoding: Encoding::Numeric { shift, scale },
                });
            }
            Raw::Text { codes, levels } => {
                let mut counts = vec![0u64; levels.len()];
                for &r in train {
                    if let Some(c) = codes[r] {
                        counts[c as usize] += 1;
                    }
                }
                let mut seen: Vec<&str> = levels
                    .iter()
                    .zip(&counts)
                    .filter(|(_, n)| **n > 0)
                    .map(|(l, _)| l.as_str())
                    .collect();
                if seen.len() > MAX_LEVELS {
                    return Err(ModelError::TooManyLevels {
                        column: name.clone(),
                        levels: seen.len() as u64,
                    });
                }
                // In code-point order, as statsmodels' formulas and pandas order them: the
                // first level is the reference.
                seen.sort_unstable();
                if impute {
                    // The most frequent level; ties go to the first in order.
                    let mut mode: Option<(u64, &str)> = None;
                    for (level, n) in levels.iter().zip(&counts) {
                        let better = match mode {
                            None => *n > 0,
                            Some((m, l)) => *n > m || (*n == m && level.as_str() < l),
                        };
                        if better {
                            mode = Some((*n, level.as_str()));
                        }
                    }
                    let mode = mode.map(|(_, l)| l.to_owned()).unwrap_or_default();
                    fills.push((name.clone(), ImputeValue::Level(mode)));
                }
                // One level (or none) among the training rows: a constant, nothing to learn.
                let Some((reference, rest)) =
                    seen.split_first().filter(|(_, rest)| !rest.is_empty())
                else {
                    return Err(ModelError::Collinear { term: name.clone() });
                };
                for level in rest {
                    terms.push(Term {
                        name: format!("{name}[{level}]"),
                        column: name.clone(),
                        encoding: Encoding::Level {
                            level: (*level).to_owned(),
                            reference: (*reference).to_owned(),
                        },
                    });
                }
            }
        }
    }
    Ok((terms, fills))
}

/// The design of `rows` (input row numbers) under `terms`: a row whose feature is missing and
/// has no imputation value is not usable (`usable[i]` false, its entries 0). Also counts, per
/// text column, the rows holding a level no term knows (scored as the reference).
pub struct Encoded {
    pub matrix: Matrix,
    pub usable: Vec<bool>,
    pub imputed: Vec<bool>,
    pub unseen: Vec<(String, u64)>,
}

pub fn encode(
    terms: &[Term],
    fills: &[(String, ImputeValue)],
    names: &[String],
    raws: &[Raw],
    rows: &[usize],
) -> Encoded {
    let n = rows.len();
    let mut usable = vec![true; n];
    let mut imputed = vec![false; n];
    let mut cols = Vec::with_capacity(terms.len());
    let mut unseen = Vec::new();
    let raw_of = |column: &str| names.iter().position(|c| c == column).map(|i| &raws[i]);
    let fill_of = |column: &str| fills.iter().find(|(c, _)| c == column).map(|(_, v)| v);
    // All rows in order (the common case): columns are copied whole.
    let identity = raws.first().is_some_and(|raw| match raw {
        Raw::Number(v) => v.len() == n,
        Raw::Text { codes, .. } => codes.len() == n,
    }) && rows.iter().enumerate().all(|(i, r)| i == *r);
    for term in terms {
        let mut out = vec![0.0; n];
        match (&term.encoding, raw_of(&term.column)) {
            (Encoding::Numeric { shift, scale }, Some(Raw::Number(v))) => {
                let fill = match fill_of(&term.column) {
                    Some(ImputeValue::Number(x)) => Some(*x),
                    _ => None,
                };
                let unscaled = *shift == 0.0 && *scale == 1.0;
                if identity && unscaled && !v.iter().any(|x| x.is_nan()) {
                    // The feature as it is: shared, not copied.
                    cols.push(Arc::clone(v));
                    continue;
                }
                // Gather, then mend the missing values, then scale: each pass a plain loop.
                if identity {
                    out.copy_from_slice(v);
                } else {
                    for (o, &r) in out.iter_mut().zip(rows) {
                        *o = v[r];
                    }
                }
                if out.iter().any(|x| x.is_nan()) {
                    for (i, o) in out.iter_mut().enumerate().filter(|(_, o)| o.is_nan()) {
                        match fill {
                            Some(f) => {
                                imputed[i] = true;
                                *o = f;
                            }
                            None => {
                                usable[i] = false;
                                *o = *shift;
                            }
                        }
                    }
                }
                if !unscaled {
                    for o in &mut out {
                        *o = (*o - shift) / scale;
                    }
                }
            }
            (Encoding::Level { level, .. }, Some(Raw::Text { codes, levels })) => {
                let code = levels.iter().position(|l| l == level);
                let fill = match fill_of(&term.column) {
                    Some(ImputeValue::Level(l)) => Some(l.as_str()),
                    _ => None,
                };
                for (i, &r) in rows.iter().enumerate() {
                    match codes[r] {
                        Some(c) => out[i] = f64::from(u8::from(Some(c as usize) == code)),
                        None => match fill {
                            Some(f) => {
                                imputed[i] = true;
                                out[i] = f64::from(u8::from(f == level));
                            }
                            None => usable[i] = false,
                        },
                    }
                }
            }
            // A column of another kind than the model was fitted on: nothing is usable.
            _ => usable.iter_mut().for_each(|u| *u = false),
        }
        cols.push(Arc::new(out));
    }
    // Levels no term names and that are not the reference.
    for (name, raw) in names.iter().zip(raws) {
        let Raw::Text { codes, levels } = raw else {
            continue;
        };
        let known: Vec<&str> = terms
            .iter()
            .filter(|t| &t.column == name)
            .flat_map(|t| match &t.encoding {
                Encoding::Level { level, reference } => vec![level.as_str(), reference.as_str()],
                Encoding::Numeric { .. } => Vec::new(),
            })
            .collect();
        if known.is_empty() {
            continue;
        }
        let strange: Vec<bool> = levels
            .iter()
            .map(|l| !known.contains(&l.as_str()))
            .collect();
        let count = rows
            .iter()
            .filter(|&&r| codes[r].is_some_and(|c| strange[c as usize]))
            .count() as u64;
        if count > 0 {
            unseen.push((name.clone(), count));
        }
    }
    Encoded {
        matrix: Matrix { rows: n, cols },
        usable,
        imputed,
        unseen,
    }
}

/// `m` rows of `matrix` picked by position.
pub fn pick(matrix: &Matrix, at: &[usize]) -> Matrix {
    Matrix {
        rows: at.len(),
        cols: matrix
            .cols
            .iter()
            .map(|c| Arc::new(at.iter().map(|&i| c[i]).collect()))
            .collect(),
    }
}
