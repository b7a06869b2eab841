//! File dialogs without the platform: what each [`Pick`] asks for ([`Spec`], shared with the
//! native dialogs), whether native dialogs can open at all ([`native_available`]), and the
//! state of Caselens's own dialog used where they cannot ([`FileDialog`]: a folder's listing,
//! filtered by extension, navigation, a path typed by hand). Reads folders with `std::fs`;
//! no GUI types here (`ui/views/file_dialog_view.rs` draws it).

use std::path::{Path, PathBuf};

use super::Pick;

/// What kind of answer a dialog wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// One existing file.
    OpenFile,
    /// One or more existing files.
    OpenFiles,
    /// One existing folder.
    OpenFolder,
    /// A file to write, starting with this name.
    Save(String),
}

/// What a dialog asks: its title, the kind of answer, the files it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The dialog's title.
    pub title: String,
    /// The kind of answer.
    pub mode: Mode,
    /// Name of the filter ("Notes").
    pub filter_name: String,
    /// Extensions shown (no dot, lower case); empty: every file.
    pub extensions: Vec<String>,
}

impl Spec {
    /// What the dialog for `pick` asks (the native and the built-in dialogs ask the same).
    pub fn for_pick(pick: Pick) -> Self {
        let spec = |title: &str, mode: Mode, filter: &str, ext: &[&str]| Spec {
            title: title.to_owned(),
            mode,
            filter_name: filter.to_owned(),
            extensions: ext.iter().map(|e| e.to_ascii_lowercase()).collect(),
        };
        match pick {
            Pick::Folder => spec("Open a folder of cases", Mode::OpenFolder, "", &[]),
            Pick::ClassFolder => spec(
                "Open a class folder (notes files shown read-only, one layer per author)",
                Mode::OpenFolder,
                "",
                &[],
            ),
            Pick::Files => spec("Open cases", Mode::OpenFiles, "Caselens files", &["json"]),
            Pick::OpenNotes => spec("Open notes", Mode::OpenFile, "Notes", &["json"]),
            Pick::SaveNotesAs => spec(
                "Save notes as",
                Mode::Save("my.notes.json".into()),
                "Notes",
                &["json"],
            ),
            Pick::Document => spec(
                "New case from a document",
                Mode::OpenFile,
                "Documents",
                crate::document::EXTENSIONS,
            ),
            Pick::SaveCaseAs => spec(
                "Save the case as",
                Mode::Save("my.case.json".into()),
                "Case files",
                &["json"],
            ),
            Pick::SaveFrameworkAs => spec(
                "Save the framework as",
                Mode::Save("my.framework.json".into()),
                "Framework files",
                &["json"],
            ),
            Pick::Import(kind) => spec(
                &format!("Import a {}", kind.menu_name().trim_end_matches('…')),
                Mode::OpenFile,
                "REFI-QDA",
                kind.extensions(),
            ),
            Pick::Export(kind) => spec(
                &format!("Export {}", kind.what()),
                Mode::Save(kind.default_file_name().to_owned()),
                kind.filter_name(),
                &[kind.extension()],
            ),
        }
    }

    /// True when `path`'s extension is one the dialog shows.
    pub fn shows(&self, path: &Path) -> bool {
        self.extensions.is_empty()
            || path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

/// What the machine offers for native dialogs (read by [`Platform::probe`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Platform {
    /// Linux or another free desktop (native dialogs need a portal or zenity there).
    pub free_desktop: bool,
    /// A D-Bus session bus can be reached.
    pub session_bus: bool,
    /// The XDG desktop portal is installed (its D-Bus service file exists).
    pub portal: bool,
    /// `zenity` is on the `PATH` (rfd's fallback).
    pub zenity: bool,
    /// `CASELENS_FILE_DIALOG` says `builtin` (always ours) or `native` (always the system's).
    pub forced: Option<bool>,
}

/// True when native dialogs can open: on Windows and macOS always; on a free desktop only
/// with the XDG desktop portal on a session bus, or zenity (else rfd answers "nothing
/// chosen" at once, as under Xvfb).
pub fn native_available(p: &Platform) -> bool {
    p.forced
        .unwrap_or(!p.free_desktop || (p.session_bus && p.portal) || p.zenity)
}

impl Platform {
    /// Looks at this machine: the environment, the session bus socket, the portal's service
    /// file, `zenity` on the `PATH`.
    pub fn probe() -> Self {
        let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        let runtime_bus =
            env("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
        let data_dirs = env("XDG_DATA_DIRS").map_or_else(
            || "/usr/local/share:/usr/share".into(),
            |d| d.to_string_lossy().into_owned(),
        );
        let portal = data_dirs.split(':').any(|d| {
            Path::new(d)
                .join("dbus-1/services/org.freedesktop.portal.Desktop.service")
                .exists()
        });
        let zenity = env("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
        let forced = env("CASELENS_FILE_DIALOG").and_then(|v| match v.to_str() {
            Some("builtin") => Some(false),
            Some("native") => Some(true),
            _ => None,
        });
        Self {
            free_desktop: cfg!(all(unix, not(target_os = "macos"))),
            session_bus: env("DBUS_SESSION_BUS_ADDRESS").is_some() || runtime_bus,
            portal,
            zenity,
            forced,
        }
    }
}

/// One row of a folder's listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// File or folder name.
    pub name: String,
    /// Full path.
    pub path: PathBuf,
    /// A folder.
    pub is_dir: bool,
}

/// What pressing the dialog's main button (or Enter in the path) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accept {
    /// The answer: the dialog closes with these paths.
    Done(Vec<PathBuf>),
    /// The path named a folder: the dialog shows it now.
    Opened,
    /// Not an answer yet; says why (shown in the dialog).
    Problem(String),
}

/// Caselens's own file dialog, as plain state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDialog {
    /// What it asks.
    pub spec: Spec,
    /// The folder shown.
    pub dir: PathBuf,
    /// The folder's listing: folders first, then the files the filter shows, by name.
    pub entries: Vec<Entry>,
    /// The path field: a name in the folder, or a path typed by hand.
    pub path_text: String,
    /// Files chosen in the listing (several when [`Mode::OpenFiles`]).
    pub selected: Vec<PathBuf>,
    /// Show every file, not only the filter's.
    pub all_files: bool,
    /// What went wrong last (a folder that cannot be read, a missing file).
    pub problem: Option<String>,
    /// A save over this existing file was asked once: asked again, it is the answer.
    replace: Option<PathBuf>,
}

impl FileDialog {
    /// A dialog for `spec` showing `dir` (or the nearest folder above it that exists).
    pub fn new(spec: Spec, dir: &Path) -> Self {
        let path_text = match &spec.mode {
            Mode::Save(name) => name.clone(),
            _ => String::new(),
        };
        let mut dialog = Self {
            spec,
            dir: PathBuf::new(),
            entries: Vec::new(),
            path_text,
            selected: Vec::new(),
            all_files: false,
            problem: None,
            replace: None,
        };
        let start = dir
            .ancestors()
            .find(|d| d.is_dir())
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        dialog.open_dir(&start);
        dialog
    }

    /// Shows `dir`; a folder that cannot be read leaves the listing as it was and says why.
    pub fn open_dir(&mut self, dir: &Path) {
        match list(dir, &self.spec, self.all_files) {
            Ok(entries) => {
                self.dir = dir.to_path_buf();
                self.entries = entries;
                self.selected.clear();
                self.problem = None;
                if !matches!(self.spec.mode, Mode::Save(_)) {
                    self.path_text.clear();
                }
            }
            Err(why) => self.problem = Some(why),
        }
    }

    /// Shows the folder above.
    pub fn up(&mut self) {
        if let Some(parent) = self.dir.parent().map(Path::to_path_buf) {
            self.open_dir(&parent);
        }
    }

    /// Shows every file, or only the filter's.
    pub fn set_all_files(&mut self, all: bool) {
        self.all_files = all;
        let dir = self.dir.clone();
        self.open_dir(&dir);
    }

    /// A row clicked: a folder opens; a file is chosen (added to or taken from the choice when
    /// several may be chosen) and its name goes into the path field.
    pub fn click(&mut self, index: usize) {
        let Some(entry) = self.entries.get(index).cloned() else {
            return;
        };
        if entry.is_dir {
            self.open_dir(&entry.path);
            return;
        }
        if self.spec.mode == Mode::OpenFolder {
            return;
        }
        if self.spec.mode == Mode::OpenFiles {
            if let Some(i) = self.selected.iter().position(|p| *p == entry.path) {
                self.selected.remove(i);
            } else {
                self.selected.push(entry.path.clone());
            }
        } else {
            self.selected = vec![entry.path.clone()];
        }
        self.path_text = self
            .selected
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(", ");
        self.problem = None;
    }

    /// Enter in the path field: a folder typed there opens (in every mode); anything else is
    /// taken as by the main button.
    pub fn enter(&mut self) -> Accept {
        let typed = self.path_text.trim();
        let target = self.dir.join(expand_home(typed));
        if !typed.is_empty() && target.is_dir() {
            self.open_dir(&target);
            if self.spec.mode == Mode::OpenFolder {
                self.path_text.clear();
            }
            return Accept::Opened;
        }
        self.accept()
    }

    /// The main button: the answer, or why there is none yet (a folder typed in a file
    /// dialog opens instead).
    pub fn accept(&mut self) -> Accept {
        let typed = self.path_text.trim();
        // Several files chosen: the field lists them, it is no path.
        let several = self.spec.mode == Mode::OpenFiles && self.selected.len() > 1;
        let target = (!typed.is_empty() && !several).then(|| self.dir.join(expand_home(typed)));
        if let Some(dir) = target.as_ref().filter(|t| t.is_dir())
            && self.spec.mode != Mode::OpenFolder
        {
            let dir = dir.clone();
            self.open_dir(&dir);
            return Accept::Opened;
        }
        let answer = match &self.spec.mode {
            Mode::OpenFolder => self.accept_folder(target),
            Mode::OpenFile | Mode::OpenFiles => self.accept_files(target),
            Mode::Save(_) => self.accept_save(target),
        };
        if let Accept::Problem(why) = &answer {
            self.problem = Some(why.clone());
        }
        answer
    }

    fn accept_folder(&mut self, target: Option<PathBuf>) -> Accept {
        let folder = target.unwrap_or_else(|| self.dir.clone());
        if folder.is_dir() {
            Accept::Done(vec![folder])
        } else {
            Accept::Problem(format!("{} is not a folder.", folder.display()))
        }
    }

    fn accept_files(&mut self, target: Option<PathBuf>) -> Accept {
        let chosen = match target {
            Some(path) if !self.selected.contains(&path) => vec![path],
            _ => self.selected.clone(),
        };
        if chosen.is_empty() {
            return Accept::Problem("Choose a file in the list, or type its name.".into());
        }
        match chosen.iter().find(|p| !p.is_file()) {
            Some(missing) => Accept::Problem(format!("{} is not a file.", missing.display())),
            None => Accept::Done(chosen),
        }
    }

    fn accept_save(&mut self, target: Option<PathBuf>) -> Accept {
        let Some(mut path) = target else {
            return Accept::Problem("Type a file name.".into());
        };
        if let Some(ext) = self.spec.extensions.first()
            && !self.spec.shows(&path)
        {
            let name = format!(
                "{}.{ext}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            path.set_file_name(name);
        }
        if !path.parent().is_some_and(Path::is_dir) {
            return Accept::Problem(format!("The folder of {} does not exist.", path.display()));
        }
        if path.exists() && self.replace.as_ref() != Some(&path) {
            self.replace = Some(path.clone());
            return Accept::Problem(format!(
                "{} exists: press Save again to replace it.",
                path.display()
            ));
        }
        Accept::Done(vec![path])
    }
}

/// `~/…` as the home folder's path.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(typed),
    }
}

/// The listing of `dir`: folders first, then files `spec` shows (every file when `all`), each
/// by name ignoring case; hidden (dot) entries left out.
pub fn list(dir: &Path, spec: &Spec, all: bool) -> Result<Vec<Entry>, String> {
    let read =
        std::fs::read_dir(dir).map_err(|e| format!("{} cannot be read: {e}", dir.display()))?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let is_dir = path.is_dir();
            let shown = !name.starts_with('.')
                && (is_dir || (spec.mode != Mode::OpenFolder && (all || spec.shows(&path))));
            shown.then_some(Entry { name, path, is_dir })
        })
        .collect();
    entries.sort_by_key(|e| (!e.is_dir, e.name.to_lowercase()));
    Ok(entries)
}

#[cfg(test)]
mod tests;
