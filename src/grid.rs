//! The arithmetic of the virtual grid: which rows are on screen and which pages of rows to
//! ask the worker for. Pure, so it is tested natively; the component only applies it.

/// Height of one grid row in CSS pixels (the stylesheet's `--row-h` must match).
pub const ROW_H: f64 = 28.0;
/// Rows per request to the worker.
pub const PAGE: u64 = 200;
/// Browsers cap an element's height (Chromium near 33 million pixels); past this the
/// scrollbar is scaled rather than one pixel per pixel.
pub const MAX_SCROLL_PX: f64 = 8_000_000.0;

/// What the grid shows for a scroll position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// Height of the scrolling spacer.
    pub spacer_px: f64,
    /// First row shown (0-based).
    pub first: u64,
    /// Rows shown, starting at `first`.
    pub count: u64,
    /// Where the block of shown rows sits inside the spacer.
    pub top_px: f64,
}

pub fn window(rows: u64, scroll_top: f64, viewport_px: f64) -> Window {
    let visible = ((viewport_px / ROW_H).ceil() as u64).saturating_add(1);
    let full = rows as f64 * ROW_H;
    let spacer_px = full.min(MAX_SCROLL_PX);
    let max_first = rows.saturating_sub(visible.min(rows));
    let scroll_top = scroll_top.max(0.0);
    let (first, top_px) = if full <= MAX_SCROLL_PX {
        let first = ((scroll_top / ROW_H).floor() as u64).min(max_first);
        (first, first as f64 * ROW_H)
    } else {
        // Scaled: the scroll fraction picks the row; the block follows the viewport.
        let range = (spacer_px - viewport_px).max(1.0);
        let fraction = (scroll_top / range).clamp(0.0, 1.0);
        let first = ((fraction * max_first as f64).round() as u64).min(max_first);
        (first, scroll_top.min(spacer_px - viewport_px).max(0.0))
    };
    let count = visible.min(rows - first);
    Window {
        spacer_px,
        first,
        count,
        top_px,
    }
}

/// The pages (of [`PAGE`] rows) that hold rows `first .. first + count`.
pub fn pages(first: u64, count: u64) -> std::ops::RangeInclusive<u64> {
    let last = (first + count.max(1) - 1) / PAGE;
    (first / PAGE)..=last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_tables_scroll_one_to_one() {
        let w = window(1000, 280.0, 560.0);
        assert_eq!(w.first, 10);
        assert_eq!(w.count, 21);
        assert_eq!(w.top_px, 280.0);
        assert_eq!(w.spacer_px, 28_000.0);
    }

    #[test]
    fn fewer_rows_than_the_viewport() {
        let w = window(3, 0.0, 560.0);
        assert_eq!((w.first, w.count), (0, 3));
        let empty = window(0, 0.0, 560.0);
        assert_eq!(empty.count, 0);
    }

    #[test]
    fn a_million_rows_reach_the_last_row() {
        let rows = 1_000_000;
        let viewport = 560.0;
        let top = window(rows, 0.0, viewport);
        assert_eq!(top.first, 0);
        let w = window(rows, MAX_SCROLL_PX - viewport, viewport);
        assert!(w.spacer_px <= MAX_SCROLL_PX);
        assert_eq!(
            w.first + w.count,
            rows,
            "the last row is shown at the bottom"
        );
        let mid = window(rows, (MAX_SCROLL_PX - viewport) / 2.0, viewport);
        assert!((mid.first as i64 - 500_000).abs() < 100, "{mid:?}");
    }

    #[test]
    fn pages_cover_the_window() {
        assert_eq!(pages(0, 21), 0..=0);
        assert_eq!(pages(190, 21), 0..=1);
        assert_eq!(pages(400, 1), 2..=2);
    }
}
