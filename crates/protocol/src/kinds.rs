//! One type per cell kind: what a cell of that kind keeps in the notebook (and in the file).
//!
//! [`CellSpec`](crate::notebook::CellSpec) holds one of these per variant, so code that needs a
//! kind's fields names the kind's type, and the engine implements its `Kind` trait on each
//! (`crates/engine/src/kinds/`). Serialised inside `CellSpec`, a kind's fields sit beside the
//! cell's `kind` tag, exactly as the file format writes them.

use serde::{Deserialize, Serialize};

use crate::chart::ChartSpec;
use crate::clean::Step;
use crate::csv::ParseOptions;
use crate::experiment::{ExperimentSpec, PlanSpec};
use crate::metric::MetricSpec;
use crate::model::ModelSpec;
use crate::quality::Check;

/// Text for people, rendered from Markdown through a sanitiser.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Markdown {
    pub text: String,
}

/// A CSV from the notebook's data manifest (`source`), read with `options` into `table`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Data {
    pub table: String,
    pub source: String,
    pub options: ParseOptions,
}

/// A polars SQL query over the notebook's tables, producing `table`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sql {
    pub table: String,
    pub query: String,
}

/// Typed cleaning steps from table `input` to table `table`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Clean {
    pub input: String,
    pub table: String,
    pub steps: Vec<Step>,
}

/// Declarative checks on table `input`; produces no table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    pub input: String,
    pub checks: Vec<Check>,
}

/// A chart of table `input`; produces no table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub input: String,
    pub chart: ChartSpec,
}

/// An A/B test read from table `input` (one row per unit); produces no table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Experiment {
    pub input: String,
    pub experiment: ExperimentSpec,
}

/// Sample size, power and a ramp for a test not yet run; reads no table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub plan: PlanSpec,
}

/// A metric defined once by name, computed over time from its source table; produces the
/// table of its time series, named after the metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub metric: MetricSpec,
}

/// Tiles of metrics, named; reads the metrics' tables.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    #[serde(default)]
    pub title: String,
    pub tiles: Vec<String>,
}

/// A model fitted on table `input`; produces the table of its predictions (the input's rows
/// with the predictions appended), named in the spec.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub input: String,
    pub model: ModelSpec,
}
