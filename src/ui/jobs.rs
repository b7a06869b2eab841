//! The platform side of background work: loading the library and layers, native file dialogs,
//! writing exports, reading imports and computing agreement, each run through the job layer
//! ([`crate::jobs`]) so a failure reaches the user. Every background job of the window is
//! spawned here, and here is decided what runs in the frame instead.

use std::path::PathBuf;
use std::sync::Arc;

use crate::format::NotesFile;
use crate::jobs::{Job, Wake};
use crate::library::{Library, LoadRequest, Progress};
use crate::notes::layers::Layer;
use crate::refi::files::{ImportKind, Outcome as ImportOutcome};
use crate::workspace::Pick;
use crate::workspace::file_dialog::{Mode, Spec};

/// Live items above which the agreement figures are computed on a worker thread (below, in the
/// frame: 300 coders x 40 highlights take about 110 ms, so 500 items stay well under a frame).
pub const INLINE_AGREEMENT_ITEMS: usize = 500;

/// Work done in the frame, or running on a worker thread.
#[derive(Debug)]
pub enum Work<T> {
    /// Computed in the frame: the result.
    Done(T),
    /// Running on a worker thread.
    Running(Job<T>),
}

/// A wake function that repaints the window.
pub fn repaint(ctx: &egui::Context) -> Wake {
    let ctx = ctx.clone();
    Arc::new(move || ctx.request_repaint())
}

/// Loads the library off the UI thread.
pub fn spawn_load(ctx: &egui::Context, request: LoadRequest) -> Job<Library> {
    spawn_load_as(ctx, "Loading cases", request)
}

/// Loads the library off the UI thread; `what` names the work in the status bar.
pub fn spawn_load_as(ctx: &egui::Context, what: &str, request: LoadRequest) -> Job<Library> {
    Job::spawn("load-library", what, repaint(ctx), move || {
        let mut library = Library::load(&request);
        // The list's facts are gathered here, not in the first frame that shows the library.
        library.prepare_list();
        library
    })
}

/// Loads the library off the UI thread, counting the files read in the returned [`Progress`]
/// (which also cancels it); `what` names the work in the status bar.
pub fn spawn_tracked_load(
    ctx: &egui::Context,
    what: &str,
    request: LoadRequest,
) -> (Job<Library>, Arc<Progress>) {
    let progress = Progress::new();
    let counter = progress.clone();
    let job = Job::spawn("load-library", what, repaint(ctx), move || {
        let mut library = Library::load_with(&request, &counter).library;
        // The list's facts are gathered here, not in the first frame that shows the library.
        library.prepare_list();
        library
    });
    (job, progress)
}

/// Reads notes files and folders of them as read-only layers off the UI thread, checking them
/// against `library` (items on cases it does not hold are reported).
pub fn spawn_layers(
    ctx: &egui::Context,
    paths: Vec<PathBuf>,
    library: Library,
) -> Job<crate::notes::layers::Layers> {
    spawn_layers_shared(ctx, paths, Arc::new(library))
}

/// [`spawn_layers`] over the window's shared library (no copy in the frame).
pub fn spawn_layers_shared(
    ctx: &egui::Context,
    paths: Vec<PathBuf>,
    library: Arc<Library>,
) -> Job<crate::notes::layers::Layers> {
    Job::spawn("load-layers", "Opening layers", repaint(ctx), move || {
        crate::notes::layers::load_layers(&paths, &library)
    })
}

/// Writes an export's bytes atomically off the UI thread; the result is the message for
/// the status bar.
pub fn spawn_write(
    ctx: &egui::Context,
    path: PathBuf,
    bytes: Vec<u8>,
) -> Job<Result<String, String>> {
    Job::spawn(
        "write-export",
        "Writing the export",
        repaint(ctx),
        move || hand_over(&path, &bytes),
    )
}

/// Writes an export's `bytes` to `path` atomically, or in the browser downloads them under
/// its file name; the result is the message for the status bar.
fn hand_over(path: &std::path::Path, bytes: &[u8]) -> Result<String, String> {
    if crate::platform::IN_BROWSER {
        let name = path.file_name().map_or_else(
            || "caselens-export".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        return crate::platform::download(&name, bytes, "application/octet-stream")
            .map(|()| format!("{name} (downloaded)"));
    }
    crate::export::write_file(path, bytes)
        .map(|()| path.display().to_string())
        .map_err(|e| e.to_string())
}

/// Shows a native dialog on a worker thread (rfd blocks); `None` means cancelled or
/// unavailable (rfd cannot tell them apart: [`crate::workspace::file_dialog::native_available`]
/// says beforehand whether it can open at all). It asks what [`Spec::for_pick`] says.
#[cfg(not(target_arch = "wasm32"))]
pub fn spawn_dialog(ctx: &egui::Context, pick: Pick) -> Job<Option<Vec<PathBuf>>> {
    Job::spawn("file-dialog", "The file dialog", repaint(ctx), move || {
        let spec = Spec::for_pick(pick);
        let mut dialog = rfd::FileDialog::new().set_title(&spec.title);
        if !spec.extensions.is_empty() {
            dialog = dialog.add_filter(&spec.filter_name, &spec.extensions);
        }
        match spec.mode {
            Mode::OpenFolder => dialog.pick_folder().map(|p| vec![p]),
            Mode::OpenFiles => dialog.pick_files(),
            Mode::OpenFile => dialog.pick_file().map(|p| vec![p]),
            Mode::Save(name) => dialog.set_file_name(name).save_file().map(|p| vec![p]),
        }
    })
}

/// The browser's file picker (rfd's web dialog): the chosen files are read into the browser's
/// storage under `upload/NAME` (for this page only), and those names are the answer, so the
/// rest goes as on the desktop. Saving needs no dialog: the answer is the suggested name, and
/// the bytes are downloaded under it ([`spawn_write`]).
#[cfg(target_arch = "wasm32")]
pub fn spawn_dialog(ctx: &egui::Context, pick: Pick) -> Job<Option<Vec<PathBuf>>> {
    let spec = Spec::for_pick(pick);
    if let Mode::Save(name) = &spec.mode {
        return Job::ready("The file picker", Some(vec![PathBuf::from(name)]));
    }
    let (tx, job) = Job::channel("The file picker");
    let wake = repaint(ctx);
    wasm_bindgen_futures::spawn_local(async move {
        let mut dialog = rfd::AsyncFileDialog::new().set_title(&spec.title);
        if !spec.extensions.is_empty() {
            dialog = dialog.add_filter(&spec.filter_name, &spec.extensions);
        }
        let files = match spec.mode {
            Mode::OpenFile => dialog.pick_file().await.map(|f| vec![f]),
            _ => dialog.pick_files().await,
        };
        let mut paths = Vec::new();
        for file in files.unwrap_or_default() {
            let path = format!("upload/{}", file.file_name());
            crate::platform::storage::put_for_page(&path, file.read().await);
            paths.push(PathBuf::from(path));
        }
        tx.send((!paths.is_empty()).then_some(paths)).ok();
        wake();
    });
    job
}

/// Files dropped on the window as paths the library reads: on the desktop their own paths; in
/// the browser (which gives names and bytes, not paths) their bytes read into the page's storage
/// under `upload/NAME`, like the file picker's.
#[cfg_attr(
    not(target_arch = "wasm32"),
    expect(
        clippy::needless_pass_by_value,
        reason = "the browser's version moves the files into its reader"
    )
)]
pub fn spawn_read_dropped(
    ctx: &egui::Context,
    files: Vec<egui::DroppedFileHandle>,
) -> Job<Option<Vec<PathBuf>>> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ctx;
        let paths = files.iter().map(|f| f.path().to_path_buf()).collect();
        Job::ready("Reading the dropped files", Some(paths))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let (tx, job) = Job::channel("Reading the dropped files");
        let wake = repaint(ctx);
        wasm_bindgen_futures::spawn_local(async move {
            let mut paths = Vec::new();
            for file in files {
                if let Ok(bytes) = file.bytes_async().await {
                    let path = format!("upload/{}", file.path().display());
                    crate::platform::storage::put_for_page(&path, bytes);
                    paths.push(PathBuf::from(path));
                }
            }
            tx.send((!paths.is_empty()).then_some(paths)).ok();
            wake();
        });
        job
    }
}

/// Reads `path` as `kind` off the UI thread and imports it into a copy of the notes `current`,
/// checked against `library`; the error names the file.
pub fn spawn_import(
    ctx: &egui::Context,
    kind: ImportKind,
    path: PathBuf,
    current: NotesFile,
    library: Library,
) -> Job<Result<ImportOutcome, String>> {
    spawn_import_shared(ctx, kind, path, current, Arc::new(library))
}

/// [`spawn_import`] over the window's shared library (no copy in the frame).
pub fn spawn_import_shared(
    ctx: &egui::Context,
    kind: ImportKind,
    path: PathBuf,
    current: NotesFile,
    library: Arc<Library>,
) -> Job<Result<ImportOutcome, String>> {
    Job::spawn("import", "The import", repaint(ctx), move || {
        crate::refi::files::import_file(kind, &current, &library, &path)
            .map_err(|e| format!("{}: {e}", path.display()))
    })
}

/// Reads the document at `path` off the UI thread and drafts a case of `framework` from it
/// (every dimension not covered); the error says what is wrong with the file and what to do.
pub fn spawn_document(
    ctx: &egui::Context,
    path: PathBuf,
    framework: String,
) -> Job<Result<crate::format::Case, String>> {
    Job::spawn(
        "read-document",
        "Reading the document",
        repaint(ctx),
        move || {
            let doc = crate::document::read(&path).map_err(|e| e.to_string())?;
            let options = crate::document::draft::DraftOptions {
                framework: &framework,
                case_id: None,
            };
            crate::document::draft::draft_case(&doc, &options).map_err(|e| e.to_string())
        },
    )
}

/// The agreement figures of `layers` by `compute`: in the frame when the layers hold at most
/// [`INLINE_AGREEMENT_ITEMS`] items, else on a worker thread over a copy of `library`.
pub fn spawn_agreement<T: Send + 'static>(
    ctx: &egui::Context,
    library: &Library,
    layers: Vec<Layer>,
    compute: impl FnOnce(&Library, &[Layer]) -> T + Send + 'static,
) -> Work<T> {
    let items: usize = layers.iter().map(|l| l.notes.items.len()).sum();
    if items <= INLINE_AGREEMENT_ITEMS {
        return Work::Done(compute(library, &layers));
    }
    let library = library.clone();
    Work::Running(Job::spawn(
        "agreement",
        "Computing agreement",
        repaint(ctx),
        move || compute(&library, &layers),
    ))
}

/// [`spawn_agreement`] over the window's shared library, with the layers made by `layers`
/// (which copies them out of shared lists): in the frame when they hold at most
/// [`INLINE_AGREEMENT_ITEMS`] `items`, else both the copy and the figures on a worker thread,
/// so the frame copies nothing.
pub fn spawn_agreement_shared<T: Send + 'static>(
    ctx: &egui::Context,
    library: &Arc<Library>,
    items: usize,
    layers: impl FnOnce() -> Vec<Layer> + Send + 'static,
    compute: impl FnOnce(&Library, &[Layer]) -> T + Send + 'static,
) -> Work<T> {
    if items <= INLINE_AGREEMENT_ITEMS {
        return Work::Done(compute(library, &layers()));
    }
    let library = Arc::clone(library);
    Work::Running(Job::spawn(
        "agreement",
        "Computing agreement",
        repaint(ctx),
        move || compute(&library, &layers()),
    ))
}

/// Builds the search index of `library` and `notes` off the UI thread (the window's old index
/// serves queries meanwhile).
pub fn spawn_index(
    ctx: &egui::Context,
    library: Arc<Library>,
    notes: Arc<NotesFile>,
) -> Job<crate::search::Index> {
    Job::spawn(
        "search-index",
        "Indexing for search",
        repaint(ctx),
        move || crate::search::Index::build(&library, Some(&notes)),
    )
}

/// Builds an export's bytes with `build` and writes them atomically to `path`, both off the UI
/// thread (`build` works on a shared snapshot: the library and the notes as they were); the
/// result is the message for the status bar.
pub fn spawn_export(
    ctx: &egui::Context,
    path: PathBuf,
    build: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
) -> Job<Result<String, String>> {
    Job::spawn(
        "write-export",
        "Writing the export",
        repaint(ctx),
        move || {
            let bytes = build()?;
            hand_over(&path, &bytes)
        },
    )
}

/// Frees `value` on a worker thread (a large index or library takes milliseconds to free);
/// nobody waits for it.
pub fn drop_off_thread<T: Send + 'static>(value: T) {
    drop(Job::spawn(
        "free",
        "Freeing memory",
        crate::jobs::no_wake(),
        move || drop(value),
    ));
}

/// Runs `query` over `index` off the UI thread, keeping the hits in `scope` (a case id) if
/// given.
pub fn spawn_query(
    ctx: &egui::Context,
    index: Arc<crate::search::Index>,
    query: crate::search::Query,
    scope: Option<String>,
) -> Job<Vec<crate::search::CaseHits>> {
    Job::spawn("search", "Searching", repaint(ctx), move || {
        let mut results = index.search(&query);
        if let Some(scope) = &scope {
            results.retain(|c| c.case == *scope);
        }
        results
    })
}

#[cfg(test)]
mod tests {
    /// Says on which thread it was dropped.
    struct Tells(std::sync::mpsc::Sender<std::thread::ThreadId>);

    impl Drop for Tells {
        fn drop(&mut self) {
            self.0.send(std::thread::current().id()).ok();
        }
    }

    #[test]
    fn a_value_dropped_off_thread_is_freed_on_another_thread() {
        let (tx, rx) = std::sync::mpsc::channel();
        super::drop_off_thread(Tells(tx));
        let on = rx.recv().expect("dropped");
        assert_ne!(on, std::thread::current().id());
    }
}
