//! The engine's Web Worker: decodes typed requests from the page, runs them on
//! [`quire_engine::Workspace`], and posts typed replies. It holds no logic of its own.
//!
//! Built by trunk as a `no-modules` worker with a loader shim (`quire-worker_loader.js`);
//! see `www/index.html`. The first message it posts is [`FromWorker::Ready`]; the page queues
//! its requests until then.

use std::cell::RefCell;
use std::sync::Arc;

use js_sys::{Array, Uint8Array};
use quire_engine::Workspace;
use quire_engine::workspace::Table;
use quire_protocol::{FromWorker, RequestId, Stage, TableInfo, ToWorker, WorkerError};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

fn main() {
    console_error_panic_hook::set_once();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let reply = handle(&event);
        post(&reply);
    });
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    onmessage.forget();
    post(&FromWorker::Ready {
        version: env!("CARGO_PKG_VERSION").to_owned(),
    });
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromWorker) {
    // Posting a string to our own page cannot fail short of the worker being torn down.
    let _ = scope().post_message(&JsValue::from_str(&message.to_json()));
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A request arrives as JSON text, or as `[json, ArrayBuffer]` when it carries a file.
fn handle(event: &MessageEvent) -> FromWorker {
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
            return FromWorker::Failed {
                id: 0,
                error: WorkerError::BadRequest {
                    message: e.to_string(),
                },
            };
        }
    };
    let id = request.id();
    WORKSPACE
        .with_borrow_mut(|ws| run(ws, request, bytes))
        .unwrap_or_else(|error| FromWorker::Failed { id, error })
}

fn run(
    ws: &mut Workspace,
    request: ToWorker,
    bytes: Option<Vec<u8>>,
) -> Result<FromWorker, WorkerError> {
    match request {
        ToWorker::LoadCsv { id, name, options } => {
            let raw: Arc<[u8]> = bytes.unwrap_or_default().into();
            let started = now_ms();
            let table = ws.load_csv(&name, raw, options, &mut progress_reporter(id))?;
            Ok(loaded(id, table, now_ms() - started))
        }
        ToWorker::Reparse { id, table, options } => {
            let started = now_ms();
            let table = ws.reparse(&table, options, &mut progress_reporter(id))?;
            Ok(loaded(id, table, now_ms() - started))
        }
        ToWorker::Rows {
            id,
            table,
            offset,
            limit,
        } => {
            let rows = ws.rows(&table, offset, limit)?;
            Ok(FromWorker::Rows {
                id,
                table,
                offset,
                rows,
            })
        }
        ToWorker::Rename { id, from, to } => {
            let to = ws.rename(&from, &to)?;
            Ok(FromWorker::Renamed { id, from, to })
        }
    }
}

fn loaded(id: RequestId, table: &Table, parse_ms: f64) -> FromWorker {
    FromWorker::Loaded {
        id,
        table: TableInfo {
            name: table.name.clone(),
            options: table.options,
            report: table.report.clone(),
            parse_ms,
        },
    }
}

/// Posts progress, at most every 2% so a 20 MB file sends dozens of messages, not thousands.
fn progress_reporter(id: RequestId) -> impl FnMut(Stage, f32) {
    let mut last: Option<(Stage, f32)> = None;
    move |stage, fraction| {
        let due = match last {
            Some((s, f)) => s != stage || fraction - f >= 0.02 || fraction >= 1.0,
            None => true,
        };
        if due {
            last = Some((stage, fraction));
            post(&FromWorker::Progress {
                id,
                stage,
                fraction,
            });
        }
    }
}
