//! Dashboard cells: tiles of metrics, each read from the Metric cell that defines it (its
//! definition, its latest periods and their change), so a tile is as auditable as its metric.

use quire_protocol::kinds;
use quire_protocol::metric::{MetricError, Tile};
use quire_protocol::notebook::{CellError, CellOutput, CellSpec};

use super::{Kind, Ran, Reads, Run, read_once, swap};

/// Periods a dashboard tile carries (its sparkline).
const TILE_PERIODS: usize = 60;

impl Kind for kinds::Dashboard {
    fn reads(&self, _: &mut Reads<'_>) -> Result<Vec<String>, CellError> {
        let mut reads = Vec::new();
        for t in &self.tiles {
            read_once(&mut reads, t);
        }
        Ok(reads)
    }

    fn run(&self, cx: &mut Run<'_>) -> Result<Ran, CellError> {
        let tiles = tiles(cx, &self.tiles).map_err(CellError::Metric)?;
        Ok(Ran::shown(CellOutput::Dashboard { tiles }))
    }

    fn rename_input(&mut self, old: &str, new: &str) {
        for tile in &mut self.tiles {
            swap(tile, old, new);
        }
    }
}

/// A dashboard's tiles: each named metric's definition and report, from the Metric cell that
/// produced it (the graph ran it first).
fn tiles(cx: &Run<'_>, names: &[String]) -> Result<Vec<Tile>, MetricError> {
    let names: Vec<&String> = names.iter().filter(|t| !t.trim().is_empty()).collect();
    if names.is_empty() {
        return Err(MetricError::NoTiles);
    }
    names
        .into_iter()
        .map(|name| {
            let not_metric = || MetricError::NotAMetric { name: name.clone() };
            let (id, spec) = cx.producer(name.trim()).ok_or_else(not_metric)?;
            let CellSpec::Metric(kinds::Metric { metric }) = spec else {
                return Err(not_metric());
            };
            let Some(CellOutput::Metric { report, .. }) = (cx.outputs)(id) else {
                return Err(not_metric());
            };
            let mut report = (**report).clone();
            // A tile shows the total; the breakdown stays in the Metric cell.
            report.series.clear();
            let keep = report.total.len().saturating_sub(TILE_PERIODS);
            report.total.drain(..keep);
            Ok(Tile {
                cell: id.clone(),
                spec: metric.clone(),
                source_cell: cx
                    .producer(metric.table.trim())
                    .map(|(source, _)| source.clone()),
                report,
            })
        })
        .collect()
}
