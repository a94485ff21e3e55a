//! The engine's answer to the page: one typed request in, one typed reply out.
//!
//! The worker (`crates/worker`) only moves bytes between `postMessage` and [`Server::handle`];
//! everything a request does is decided here, where native tests reach it. A request arrives as
//! JSON text with, for some kinds, a file's bytes beside it; a reply likewise
//! ([`Reply::bytes`]).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use quire_protocol::{DataPart, FromWorker, RequestId, SaveKind, ToWorker, WorkerError};

use crate::view::{self, Tracked};
use crate::{Session, file};

/// What goes back to the page: a message and, for a made file, its bytes.
#[derive(Debug)]
pub struct Reply {
    pub message: FromWorker,
    pub bytes: Option<Vec<u8>>,
}

impl Reply {
    fn message(message: FromWorker) -> Self {
        Reply {
            message,
            bytes: None,
        }
    }
}

/// One session answering the page's requests.
pub struct Server {
    tracked: Tracked,
    /// The request being answered, so progress reported meanwhile can name it.
    current: Rc<Cell<RequestId>>,
}

impl Default for Server {
    fn default() -> Self {
        Server::new(Session::default())
    }
}

impl Server {
    pub fn new(session: Session) -> Self {
        Server {
            tracked: Tracked::new(session),
            current: Rc::new(Cell::new(0)),
        }
    }

    /// The session, to give it a clock and a progress callback.
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.tracked.session
    }

    /// The id of the request being answered (0 before the first), shared with whoever reports
    /// progress.
    pub fn current_request(&self) -> Rc<Cell<RequestId>> {
        Rc::clone(&self.current)
    }

    /// The whole view: what the page holds once it applied every update.
    pub fn view(&self) -> quire_protocol::NotebookView {
        self.tracked.view()
    }

    /// A request as it arrives: JSON text, and the bytes that travel beside it.
    pub fn handle_json(&mut self, json: &str, bytes: Option<Vec<u8>>) -> Reply {
        match ToWorker::from_json(json) {
            Ok(request) => self.handle(request, bytes),
            Err(e) => Reply::message(FromWorker::Failed {
                id: 0,
                error: WorkerError::BadRequest {
                    message: e.to_string(),
                },
            }),
        }
    }

    /// Answers one request. A failure is a [`FromWorker::Failed`] reply naming the request.
    pub fn handle(&mut self, request: ToWorker, bytes: Option<Vec<u8>>) -> Reply {
        let id = request.id();
        self.current.set(id);
        self.answer(request, bytes.unwrap_or_default())
            .unwrap_or_else(|error| Reply::message(FromWorker::Failed { id, error }))
    }

    fn answer(&mut self, request: ToWorker, bytes: Vec<u8>) -> Result<Reply, WorkerError> {
        let id = request.id();
        let s = &mut self.tracked;
        // Opening a notebook sends it whole; every other change, what it changed.
        let full = matches!(
            request,
            ToWorker::Open { .. } | ToWorker::OpenFile { .. } | ToWorker::OpenShared { .. }
        );
        match request {
            ToWorker::Open {
                notebook, manifest, ..
            } => {
                s.open(notebook, manifest);
            }
            ToWorker::OpenFile { data: parts, .. } => {
                let (file_bytes, kept) = split_parts(&bytes, &parts)?;
                let opened = file::open_file(file_bytes).map_err(WorkerError::File)?;
                let mut data: Vec<(String, Arc<[u8]>)> = opened
                    .data
                    .into_iter()
                    .map(|(source, raw)| (source, Arc::from(raw)))
                    .collect();
                // Files kept for this notebook: those of sources it still names, once.
                for (source, raw) in kept {
                    let named = opened.manifest.iter().any(|m| m.name == source);
                    if named && !data.iter().any(|(s, _)| *s == source) {
                        data.push((source, Arc::from(raw)));
                    }
                }
                s.open_with_data(opened.notebook, opened.manifest, data);
            }
            ToWorker::OpenShared { fragment, .. } => {
                let (notebook, manifest) =
                    file::from_share_fragment(&fragment).map_err(WorkerError::File)?;
                s.open(notebook, manifest);
            }
            ToWorker::AttachData { source, .. } => {
                s.attach(&source, bytes.into())?;
            }
            ToWorker::Edit { edit, .. } => {
                s.session.apply(edit)?;
            }
            ToWorker::Undo { .. } => {
                s.session.undo();
            }
            ToWorker::Redo { .. } => {
                s.session.redo();
            }
            ToWorker::Run { cell, .. } => {
                s.session.run_cell(&cell)?;
            }
            ToWorker::Rows {
                table,
                offset,
                limit,
                ..
            } => {
                let rows = s.session.rows(&table, offset, limit)?;
                return Ok(Reply::message(FromWorker::Rows {
                    id,
                    table,
                    offset,
                    rows,
                }));
            }
            ToWorker::Save { kind, .. } => {
                let made = view::save(&s.session, kind)?;
                let size = made.bytes.as_ref().map_or(0, |b| b.len() as u64);
                debug_assert!(kind != SaveKind::ShareLink || made.bytes.is_none());
                return Ok(Reply {
                    message: FromWorker::Saved {
                        id,
                        kind,
                        file_name: made.file_name,
                        bytes: size,
                        link: made.link,
                    },
                    bytes: made.bytes,
                });
            }
            ToWorker::Profile { table, .. } => {
                let profile = s.session.profile(&table)?;
                return Ok(Reply::message(FromWorker::Profile { id, profile }));
            }
            ToWorker::Export { table, format, .. } => {
                let bytes = s.session.export(&table, format)?;
                return Ok(Reply {
                    message: FromWorker::Exported {
                        id,
                        file_name: format!("{}.{}", view::file_stem(&table), format.extension()),
                        table,
                        bytes: bytes.len() as u64,
                    },
                    bytes: Some(bytes),
                });
            }
        }
        Ok(Reply::message(FromWorker::Notebook {
            id,
            update: Box::new(s.update(full)),
        }))
    }
}

/// A data source's name and bytes.
type Part<'a> = (String, &'a [u8]);

/// The notebook's bytes and each data part's, from the one buffer they travel in: the parts
/// come last, in order.
fn split_parts<'a>(
    bytes: &'a [u8],
    parts: &[DataPart],
) -> Result<(&'a [u8], Vec<Part<'a>>), WorkerError> {
    let total = parts
        .iter()
        .try_fold(0u64, |sum, p| sum.checked_add(p.bytes))
        .and_then(|sum| usize::try_from(sum).ok())
        .filter(|sum| *sum <= bytes.len())
        .ok_or_else(|| WorkerError::BadRequest {
            message: format!(
                "the data parts add up to more than the {} bytes sent",
                bytes.len()
            ),
        })?;
    let (file, mut rest) = bytes.split_at(bytes.len() - total);
    let mut kept = Vec::with_capacity(parts.len());
    for part in parts {
        // Each fits: their sum does.
        let (this, next) = rest.split_at(part.bytes as usize);
        kept.push((part.source.clone(), this));
        rest = next;
    }
    Ok((file, kept))
}

#[cfg(test)]
mod tests;
