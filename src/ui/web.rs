//! The browser build's start: read the notes kept in the browser's storage, then run the same
//! app on the page's canvas. A failure is shown on the page in words, not only in the console.

use wasm_bindgen::JsCast as _;

use crate::ui::CaselensApp;

/// The id of the canvas in `index.html` (`scripts/web.sh` writes it).
pub const CANVAS_ID: &str = "caselens_canvas";

/// Starts the app on the page (called from `main`).
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let stored = crate::platform::storage::preload().await;
        if let Err(e) = &stored {
            show_problem(&format!(
                "Your notes cannot be kept in this browser ({e}); everything you do is lost on reload. Download your notes before leaving."
            ));
        }
        let paths = site_cases().await;
        let read_only = another_tab_has_the_notes().await;
        let Some(canvas) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(CANVAS_ID))
            .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            show_problem("The page has no canvas to draw Caselens on.");
            return;
        };
        plain_webgl(&canvas);
        let result = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions {
                    // Dithering (against banding in gradients) is shader work on every pixel,
                    // done in software without a GPU; the app's colours are flat (the window
                    // shadows are its only gradients).
                    dithering: false,
                    ..Default::default()
                },
                Box::new(move |cc| {
                    let mut app = CaselensApp::new(cc, paths, None);
                    app.draw_letters_ahead(&cc.egui_ctx);
                    if read_only {
                        app.open_read_only();
                    }
                    Ok(Box::new(app))
                }),
            )
            .await;
        if let Err(e) = result {
            show_problem(&format!("Caselens could not start in this browser: {e:?}"));
        }
    });
}

/// Creates the canvas's WebGL 2 context without multisampling, depth or stencil buffers, before
/// eframe asks for it (a canvas has one context: eframe then gets this one). egui smooths its
/// shapes itself, as eframe does on the desktop (no multisampling there either), and nothing it
/// draws uses depth or stencil. A browser without a GPU draws every sample in software: with the
/// browser's default (multisampling on), a frame of the reader took about 95 ms in headless
/// Chromium on a loaded 2-core machine, without it about 55 ms.
fn plain_webgl(canvas: &web_sys::HtmlCanvasElement) {
    let options = js_sys::Object::new();
    for key in ["antialias", "depth", "stencil"] {
        js_sys::Reflect::set(&options, &key.into(), &false.into()).ok();
    }
    // Without WebGL 2, eframe falls back to WebGL 1 with the browser's defaults.
    canvas
        .get_context_with_context_options("webgl2", &options)
        .ok();
}

/// The site's own cases and frameworks: the files `cases/index.json` (beside `index.html`)
/// lists ([`crate::format::site::SiteIndex`]), each fetched from `cases/` and kept for this page.
/// No index (the usual case) is no problem; a listed file that cannot be fetched is reported
/// by the library like a missing file.
async fn site_cases() -> Vec<std::path::PathBuf> {
    let Ok(bytes) = fetch("cases/index.json").await else {
        return Vec::new();
    };
    let index = match crate::format::site::SiteIndex::parse(&bytes) {
        Ok(index) => index,
        Err(e) => {
            show_problem(&format!(
                "cases/index.json on this site is not a list of files ({e}): its cases were not loaded."
            ));
            return Vec::new();
        }
    };
    let mut paths = Vec::new();
    for name in index.safe_files() {
        let key = format!("site/cases/{name}");
        if let Ok(bytes) = fetch(&format!("cases/{name}")).await {
            crate::platform::storage::put_for_page(&key, bytes);
        }
        paths.push(std::path::PathBuf::from(key));
    }
    paths
}

/// One tab at a time on the notes: asks the other tabs of this site over a `BroadcastChannel`
/// whether one has the notes open, waiting 200 ms for an answer; when none answers, this tab
/// takes them and answers later tabs from now on.
async fn another_tab_has_the_notes() -> bool {
    use std::cell::Cell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;

    let Ok(channel) = web_sys::BroadcastChannel::new("caselens-notes") else {
        return false;
    };
    let answered = Rc::new(Cell::new(false));
    let owner = Rc::new(Cell::new(false));
    let on_message = {
        let (answered, owner, channel) = (answered.clone(), owner.clone(), channel.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            match event.data().as_string().as_deref() {
                Some("who has the notes?") if owner.get() => {
                    channel.post_message(&"this tab".into()).ok();
                }
                Some("this tab") => answered.set(true),
                _ => {}
            }
        })
    };
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    channel.post_message(&"who has the notes?".into()).ok();
    sleep_ms(200).await;
    owner.set(!answered.get());
    // Both live as long as the page: this tab answers later ones.
    on_message.forget();
    std::mem::forget(channel);
    answered.get()
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .ok();
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

/// The bytes at `url` (relative to the page), or why not.
async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let js = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
            .await
            .map_err(js)?
            .dyn_into()
            .map_err(js)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(js)?)
        .await
        .map_err(js)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Writes `message` into the page's `#caselens_problem` element (and the console).
fn show_problem(message: &str) {
    web_sys::console::error_1(&message.into());
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("caselens_problem"))
    {
        el.set_text_content(Some(message));
    }
}
