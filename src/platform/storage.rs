//! A small key-value store for the user's notes in the browser: an in-memory copy that the
//! notes store reads and writes synchronously (like a file), mirrored to IndexedDB, the
//! browser's persistent storage. `preload` (browser only) fills the copy before the app starts; every
//! [`put`] starts an IndexedDB transaction at once, so a closed tab keeps what was put.
//!
//! On the desktop the copy exists too (tests of the callers) but nothing persists it: notes
//! there are files.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The IndexedDB database and object store names.
pub const DATABASE: &str = "caselens";
/// The object store holding one value per key (a notes file's bytes).
pub const STORE: &str = "files";

static COPY: Mutex<BTreeMap<String, Vec<u8>>> = Mutex::new(BTreeMap::new());

/// Puts started and not yet committed to IndexedDB.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Called after each put has committed (or failed).
type Callback = Box<dyn Fn() + Send>;
static ON_COMMITTED: Mutex<Vec<Callback>> = Mutex::new(Vec::new());

/// True when every [`put`] has reached IndexedDB (always on the desktop): only then is a save
/// shown as saved.
pub fn committed() -> bool {
    IN_FLIGHT.load(Ordering::SeqCst) == 0
}

/// Calls `f` whenever a put has committed (the notes saver wakes the window with it).
pub fn when_committed(f: impl Fn() + Send + 'static) {
    if let Ok(mut callbacks) = ON_COMMITTED.lock() {
        callbacks.push(Box::new(f));
    }
}

/// The value of `key`, if any.
pub fn get(key: &str) -> Option<Vec<u8>> {
    COPY.lock().ok()?.get(key).cloned()
}

/// True when `key` has a value.
pub fn contains(key: &str) -> bool {
    COPY.lock().is_ok_and(|c| c.contains_key(key))
}

/// The keys, sorted.
pub fn keys() -> Vec<String> {
    COPY.lock()
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default()
}

/// Sets `key` to `bytes` in the copy and, in the browser, starts writing it to IndexedDB.
pub fn put(key: &str, bytes: Vec<u8>) {
    #[cfg(target_arch = "wasm32")]
    persist(key.to_owned(), Some(bytes.clone()));
    if let Ok(mut copy) = COPY.lock() {
        copy.insert(key.to_owned(), bytes);
    }
}

/// Removes `key` from the copy and, in the browser, starts deleting it from IndexedDB.
pub fn remove(key: &str) {
    #[cfg(target_arch = "wasm32")]
    persist(key.to_owned(), None);
    if let Ok(mut copy) = COPY.lock() {
        copy.remove(key);
    }
}

/// Starts writing (`Some`) or deleting (`None`) `key` in IndexedDB, counted in flight until
/// the transaction is committed (transactions on one store commit in the order started).
#[cfg(target_arch = "wasm32")]
fn persist(key: String, bytes: Option<Vec<u8>>) {
    IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
    wasm_bindgen_futures::spawn_local(async move {
        let done = match &bytes {
            Some(bytes) => idb::put(&key, bytes).await,
            None => idb::delete(&key).await,
        };
        if let Err(e) = done {
            web_sys::console::error_1(&format!("Caselens: saving {key} failed: {e}").into());
        }
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
        if let Ok(callbacks) = ON_COMMITTED.lock() {
            for f in callbacks.iter() {
                f();
            }
        }
    });
}

/// Sets `key` to `bytes` for this page only (a file the user picked): never written to
/// IndexedDB, gone on reload.
pub fn put_for_page(key: &str, bytes: Vec<u8>) {
    if let Ok(mut copy) = COPY.lock() {
        copy.insert(key.to_owned(), bytes);
    }
}

/// Reads everything IndexedDB holds into the copy (once, before the app starts).
#[cfg(target_arch = "wasm32")]
pub async fn preload() -> Result<usize, String> {
    let all = idb::get_all().await?;
    let n = all.len();
    if let Ok(mut copy) = COPY.lock() {
        copy.extend(all);
    }
    Ok(n)
}

/// Writes `bytes` under `key` to IndexedDB and waits until the transaction is committed.
#[cfg(target_arch = "wasm32")]
pub async fn put_durably(key: &str, bytes: Vec<u8>) -> Result<(), String> {
    idb::put(key, &bytes).await?;
    if let Ok(mut copy) = COPY.lock() {
        copy.insert(key.to_owned(), bytes);
    }
    Ok(())
}

/// Waits until every [`put`] started so far is committed to IndexedDB (read-write
/// transactions on one store commit in the order they were started).
#[cfg(target_arch = "wasm32")]
pub async fn flushed() -> Result<(), String> {
    idb::barrier().await
}

/// Reads `key` straight from IndexedDB (not the copy): what a reload would see.
#[cfg(target_arch = "wasm32")]
pub async fn get_durable(key: &str) -> Result<Option<Vec<u8>>, String> {
    Ok(idb::get_all().await?.remove(key))
}

#[cfg(target_arch = "wasm32")]
mod idb {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

    use super::{DATABASE, STORE};

    thread_local! {
        static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    }

    fn js(e: &JsValue) -> String {
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<web_sys::DomException>()
                    .map(web_sys::DomException::message)
            })
            .unwrap_or_else(|| format!("{e:?}"))
    }

    /// Resolves with the request's result on success.
    async fn request(req: &IdbRequest) -> Result<JsValue, String> {
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let done = req.clone();
            req.set_onsuccess(Some(
                Closure::once_into_js(move || {
                    resolve
                        .call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED))
                        .ok();
                })
                .unchecked_ref(),
            ));
            let failed = req.clone();
            req.set_onerror(Some(
                Closure::once_into_js(move || {
                    let e = failed
                        .error()
                        .ok()
                        .flatten()
                        .map_or(JsValue::NULL, JsValue::from);
                    reject.call1(&JsValue::NULL, &e).ok();
                })
                .unchecked_ref(),
            ));
        });
        JsFuture::from(promise).await.map_err(|e| js(&e))
    }

    /// Resolves when the transaction has committed.
    async fn committed(tx: &IdbTransaction) -> Result<(), String> {
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            tx.set_oncomplete(Some(
                Closure::once_into_js(move || {
                    resolve.call0(&JsValue::NULL).ok();
                })
                .unchecked_ref(),
            ));
            let reject2 = reject.clone();
            tx.set_onerror(Some(
                Closure::once_into_js(move || {
                    reject
                        .call1(&JsValue::NULL, &"the transaction failed".into())
                        .ok();
                })
                .unchecked_ref(),
            ));
            tx.set_onabort(Some(
                Closure::once_into_js(move || {
                    reject2
                        .call1(
                            &JsValue::NULL,
                            &"the transaction was aborted (storage full?)".into(),
                        )
                        .ok();
                })
                .unchecked_ref(),
            ));
        });
        JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| js(&e))
    }

    async fn db() -> Result<IdbDatabase, String> {
        if let Some(db) = DB.with(|d| d.borrow().clone()) {
            return Ok(db);
        }
        let factory = web_sys::window()
            .ok_or("no browser window")?
            .indexed_db()
            .map_err(|e| js(&e))?
            .ok_or("this browser keeps no IndexedDB (private mode?)")?;
        let open = factory.open_with_u32(DATABASE, 1).map_err(|e| js(&e))?;
        let upgrading = open.clone();
        open.set_onupgradeneeded(Some(
            Closure::once_into_js(move || {
                if let Ok(db) = upgrading.result() {
                    let db: IdbDatabase = db.unchecked_into();
                    db.create_object_store(STORE).ok();
                }
            })
            .unchecked_ref(),
        ));
        let db: IdbDatabase = request(&open).await?.unchecked_into();
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        Ok(db)
    }

    pub async fn put(key: &str, bytes: &[u8]) -> Result<(), String> {
        let db = db().await?;
        let tx = db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .map_err(|e| js(&e))?;
        let store = tx.object_store(STORE).map_err(|e| js(&e))?;
        store
            .put_with_key(&js_sys::Uint8Array::from(bytes), &JsValue::from_str(key))
            .map_err(|e| js(&e))?;
        committed(&tx).await
    }

    pub async fn delete(key: &str) -> Result<(), String> {
        let db = db().await?;
        let tx = db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .map_err(|e| js(&e))?;
        tx.object_store(STORE)
            .map_err(|e| js(&e))?
            .delete(&JsValue::from_str(key))
            .map_err(|e| js(&e))?;
        committed(&tx).await
    }

    pub async fn barrier() -> Result<(), String> {
        let db = db().await?;
        let tx = db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .map_err(|e| js(&e))?;
        // A request keeps the transaction open until the earlier ones are done.
        tx.object_store(STORE)
            .map_err(|e| js(&e))?
            .count()
            .map_err(|e| js(&e))?;
        committed(&tx).await
    }

    pub async fn get_all() -> Result<BTreeMap<String, Vec<u8>>, String> {
        let db = db().await?;
        let tx = db.transaction_with_str(STORE).map_err(|e| js(&e))?;
        let store = tx.object_store(STORE).map_err(|e| js(&e))?;
        let keys: js_sys::Array = request(&store.get_all_keys().map_err(|e| js(&e))?)
            .await?
            .unchecked_into();
        let values: js_sys::Array = request(&store.get_all().map_err(|e| js(&e))?)
            .await?
            .unchecked_into();
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((k.as_string()?, js_sys::Uint8Array::new(&v).to_vec())))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_put_value_is_read_back_and_listed() {
        put("t/a.notes.json", b"one".to_vec());
        put("t/a.notes.json", b"two".to_vec());
        assert_eq!(get("t/a.notes.json").as_deref(), Some(&b"two"[..]));
        assert!(contains("t/a.notes.json"));
        assert!(!contains("t/none"));
        assert!(keys().contains(&"t/a.notes.json".to_owned()));
        remove("t/a.notes.json");
        assert!(!contains("t/a.notes.json"));
        assert_eq!(get("t/a.notes.json"), None);
    }
}
