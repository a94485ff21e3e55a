//! The engine's Web Worker: decodes typed requests from the page, runs them on a
//! [`quire_engine::Session`], and posts typed replies. It holds no logic of its own.
//!
//! Built by trunk as a `no-modules` worker with a loader shim (`quire-worker_loader.js`);
//! see `www/index.html`. The first message it posts is [`FromWorker::Ready`]; the page queues
//! its requests until then.

use std::cell::RefCell;
use std::sync::Arc;

use js_sys::{Array, ArrayBuffer, Uint8Array};
use quire_engine::notebook::ProgressFn;
use quire_engine::{Session, file, view};
use quire_protocol::{FromWorker, RequestId, SaveKind, ToWorker, WorkerError};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static SESSION: RefCell<view::Tracked> = RefCell::new(view::Tracked::new(Session::default()));
    /// The request being answered, so progress can name it.
    static CURRENT: RefCell<RequestId> = const { RefCell::new(0) };
}

fn main() {
    console_error_panic_hook::set_once();
    SESSION.with_borrow_mut(|s| {
        s.session.set_clock(Box::new(js_sys::Date::now));
        s.session.set_progress(progress_reporter());
    });
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let (reply, bytes) = handle(&event);
        post(&reply, bytes);
    });
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    onmessage.forget();
    post(
        &FromWorker::Ready {
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        None,
    );
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a reply: JSON text, or `[json, ArrayBuffer]` (transferred) when it carries a file.
fn post(message: &FromWorker, bytes: Option<Vec<u8>>) {
    let json = JsValue::from_str(&message.to_json());
    // Posting to our own page cannot fail short of the worker being torn down.
    let _ = match bytes {
        None => scope().post_message(&json),
        Some(bytes) => {
            let buffer: ArrayBuffer = Uint8Array::from(bytes.as_slice()).buffer();
            scope().post_message_with_transfer(&Array::of2(&json, &buffer), &Array::of1(&buffer))
        }
    };
}

/// A request arrives as JSON text, or as `[json, ArrayBuffer]` when it carries a file.
fn handle(event: &MessageEvent) -> (FromWorker, Option<Vec<u8>>) {
    let data = event.data();
    let (json, bytes) = if let Some(text) = data.as_string() {
        (text, None)
    } else if Array::is_array(&data) {
        let parts: Array = data.unchecked_into();
        (
            parts.get(0).as_string().unwrap_or_default(),
            Some(Uint8Array::new(&parts.get(1)).to_vec()),
        )
    } else {
        (String::new(), None)
    };
    let request = match ToWorker::from_json(&json) {
        Ok(r) => r,
        Err(e) => {
            let error = WorkerError::BadRequest {
                message: e.to_string(),
            };
            return (FromWorker::Failed { id: 0, error }, None);
        }
    };
    let id = request.id();
    CURRENT.with_borrow_mut(|c| *c = id);
    SESSION
        .with_borrow_mut(|s| run(s, request, bytes))
        .unwrap_or_else(|error| (FromWorker::Failed { id, error }, None))
}

fn run(
    s: &mut view::Tracked,
    request: ToWorker,
    bytes: Option<Vec<u8>>,
) -> Result<(FromWorker, Option<Vec<u8>>), WorkerError> {
    let bytes = bytes.unwrap_or_default();
    let id = request.id();
    let reply = |s: &view::Tracked| {
        (
            FromWorker::Notebook {
                id,
                view: Box::new(s.view()),
            },
            None,
        )
    };
    match request {
        ToWorker::Open {
            notebook, manifest, ..
        } => {
            s.open(notebook, manifest);
            Ok(reply(s))
        }
        ToWorker::OpenFile { .. } => {
            let opened = file::open_file(&bytes).map_err(WorkerError::File)?;
            s.open(opened.notebook, opened.manifest);
            for (source, data) in opened.data {
                s.attach(&source, data.into())?;
            }
            Ok(reply(s))
        }
        ToWorker::OpenShared { fragment, .. } => {
            let (notebook, manifest) =
                file::from_share_fragment(&fragment).map_err(WorkerError::File)?;
            s.open(notebook, manifest);
            Ok(reply(s))
        }
        ToWorker::AttachData { source, .. } => {
            let raw: Arc<[u8]> = bytes.into();
            s.attach(&source, raw)?;
            Ok(reply(s))
        }
        ToWorker::Edit { edit, .. } => {
            s.session.apply(edit)?;
            Ok(reply(s))
        }
        ToWorker::Undo { .. } => {
            s.session.undo();
            Ok(reply(s))
        }
        ToWorker::Redo { .. } => {
            s.session.redo();
            Ok(reply(s))
        }
        ToWorker::Run { cell, .. } => {
            s.session.run_cell(&cell)?;
            Ok(reply(s))
        }
        ToWorker::Rows {
            table,
            offset,
            limit,
            ..
        } => {
            let rows = s.session.rows(&table, offset, limit)?;
            Ok((
                FromWorker::Rows {
                    id,
                    table,
                    offset,
                    rows,
                },
                None,
            ))
        }
        ToWorker::Save { kind, .. } => {
            let made = view::save(&s.session, kind)?;
            let size = made.bytes.as_ref().map_or(0, |b| b.len() as u64);
            let saved = FromWorker::Saved {
                id,
                kind,
                file_name: made.file_name,
                bytes: size,
                link: made.link,
            };
            debug_assert!(kind != SaveKind::ShareLink || made.bytes.is_none());
            Ok((saved, made.bytes))
        }
        ToWorker::Profile { table, .. } => {
            let profile = s.session.profile(&table)?;
            Ok((FromWorker::Profile { id, profile }, None))
        }
        ToWorker::Export { table, format, .. } => {
            let bytes = s.session.export(&table, format)?;
            let exported = FromWorker::Exported {
                id,
                file_name: format!("{}.{}", view::file_stem(&table), format.extension()),
                table,
                bytes: bytes.len() as u64,
            };
            Ok((exported, Some(bytes)))
        }
    }
}

/// Posts ingest progress, at most every 2% so a 20 MB file sends dozens of messages.
fn progress_reporter() -> ProgressFn {
    let mut last: Option<(quire_protocol::Stage, f32)> = None;
    Box::new(move |cell, stage, fraction| {
        let due = match last {
            Some((s, f)) => s != stage || (fraction - f).abs() >= 0.02 || fraction >= 1.0,
            None => true,
        };
        if due {
            last = Some((stage, fraction));
            let id = CURRENT.with_borrow(|c| *c);
            post(
                &FromWorker::Progress {
                    id,
                    cell: cell.to_owned(),
                    stage,
                    fraction,
                },
                None,
            );
        }
    })
}
