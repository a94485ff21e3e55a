// Autosave in IndexedDB: notebooks (as their file JSON), their last versions, and the raw
// bytes of their data. A thin promise wrapper the page's wasm calls (src/storage.rs); all
// decisions stay in Rust. Errors reject with the DOMException (name "QuotaExceededError" when
// the browser's quota is full), and nothing already stored is touched by a failed write.

const DB = "quire";
const VERSIONS_KEPT = 20;
let opened;

function db() {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore("notebooks", { keyPath: "key" });
      d.createObjectStore("versions", { keyPath: ["key", "at"] });
      d.createObjectStore("data", { keyPath: ["key", "source"] });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opened;
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException("aborted", "AbortError"));
  });
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Saves the notebook and a version of it, keeping the last VERSIONS_KEPT versions. */
export async function saveNotebook(key, title, file) {
  const d = await db();
  const at = Date.now();
  const tx = d.transaction(["notebooks", "versions"], "readwrite");
  tx.objectStore("notebooks").put({ key, title, updated: at, file });
  const versions = tx.objectStore("versions");
  const range = IDBKeyRange.bound([key, 0], [key, Infinity]);
  const keys = await request(versions.getAllKeys(range));
  const last = keys.length ? await request(versions.get(keys[keys.length - 1])) : null;
  if (!last || last.file !== file) {
    versions.put({ key, at, title, file });
    for (const old of keys.slice(0, Math.max(0, keys.length + 1 - VERSIONS_KEPT))) versions.delete(old);
  }
  await done(tx);
}

export async function loadNotebook(key) {
  const d = await db();
  const row = await request(d.transaction("notebooks").objectStore("notebooks").get(key));
  return row ? row.file : null;
}

/** Recent notebooks, newest first, as JSON: [{key, title, updated}]. */
export async function listNotebooks() {
  const d = await db();
  const rows = await request(d.transaction("notebooks").objectStore("notebooks").getAll());
  rows.sort((a, b) => b.updated - a.updated);
  return JSON.stringify(rows.map(({ key, title, updated }) => ({ key, title, updated })));
}

/** Versions of one notebook, newest first, as JSON: [{at, title}]. */
export async function listVersions(key) {
  const d = await db();
  const range = IDBKeyRange.bound([key, 0], [key, Infinity]);
  const rows = await request(d.transaction("versions").objectStore("versions").getAll(range));
  return JSON.stringify(rows.reverse().map(({ at, title }) => ({ at, title })));
}

export async function loadVersion(key, at) {
  const d = await db();
  const row = await request(d.transaction("versions").objectStore("versions").get([key, at]));
  return row ? row.file : null;
}

export async function saveData(key, source, buffer) {
  const d = await db();
  const tx = d.transaction("data", "readwrite");
  tx.objectStore("data").put({ key, source, bytes: new Blob([buffer]) });
  await done(tx);
}

/** The stored bytes of a data source, or null. */
export async function loadData(key, source) {
  const d = await db();
  const row = await request(d.transaction("data").objectStore("data").get([key, source]));
  return row ? await row.bytes.arrayBuffer() : null;
}

/** Every data source stored for a notebook, as [[source, ArrayBuffer], …]. */
export async function loadAllData(key) {
  const d = await db();
  const range = IDBKeyRange.bound([key, ""], [key, "\uffff"]);
  const rows = await request(d.transaction("data").objectStore("data").getAll(range));
  return Promise.all(rows.map(async (row) => [row.source, await row.bytes.arrayBuffer()]));
}

/** Asks the browser not to evict Quire's storage under pressure. */
export async function persist() {
  return navigator.storage?.persist ? await navigator.storage.persist() : false;
}
