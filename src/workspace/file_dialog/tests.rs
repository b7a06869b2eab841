use super::*;
use crate::workspace::export::ExportKind;

/// A folder with a sub-folder, two notes files, a document and a hidden file.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("Class")).expect("sub-folder");
    for name in [
        "b.notes.json",
        "A.notes.json",
        "report.docx",
        ".hidden.json",
    ] {
        std::fs::write(dir.path().join(name), "{}").expect("file");
    }
    dir
}

fn names(d: &FileDialog) -> Vec<&str> {
    d.entries.iter().map(|e| e.name.as_str()).collect()
}

#[test]
fn the_listing_has_folders_first_then_the_filters_files_by_name_and_all_files_on_request() {
    let dir = folder();
    let mut d = FileDialog::new(Spec::for_pick(Pick::OpenNotes), dir.path());
    assert_eq!(names(&d), ["Class", "A.notes.json", "b.notes.json"]);
    d.set_all_files(true);
    assert_eq!(
        names(&d),
        ["Class", "A.notes.json", "b.notes.json", "report.docx"]
    );
    let folders = FileDialog::new(Spec::for_pick(Pick::ClassFolder), dir.path());
    assert_eq!(names(&folders), ["Class"], "a folder dialog lists folders");
}

#[test]
fn clicking_navigates_and_chooses_and_a_typed_path_is_followed() {
    let dir = folder();
    let mut d = FileDialog::new(Spec::for_pick(Pick::Files), dir.path());
    d.click(1);
    d.click(2);
    assert_eq!(d.path_text, "A.notes.json, b.notes.json");
    assert_eq!(
        d.accept(),
        Accept::Done(vec![
            dir.path().join("A.notes.json"),
            dir.path().join("b.notes.json")
        ])
    );
    d.click(0);
    assert_eq!(d.dir, dir.path().join("Class"));
    assert!(d.entries.is_empty());
    d.up();
    assert_eq!(d.dir, dir.path());
    d.path_text = "Class".into();
    assert_eq!(d.accept(), Accept::Opened, "a typed folder opens");
    assert_eq!(d.dir, dir.path().join("Class"));
    d.path_text = "nothing.json".into();
    assert!(matches!(d.accept(), Accept::Problem(_)));
    assert!(d.problem.is_some());
    d.open_dir(&dir.path().join("missing"));
    assert_eq!(
        d.dir,
        dir.path().join("Class"),
        "an unreadable folder is not shown"
    );
}

#[test]
fn a_folder_dialog_answers_the_folder_shown_or_typed() {
    let dir = folder();
    let mut d = FileDialog::new(Spec::for_pick(Pick::Folder), dir.path());
    assert_eq!(d.accept(), Accept::Done(vec![dir.path().to_owned()]));
    d.path_text = "Class".into();
    assert_eq!(d.accept(), Accept::Done(vec![dir.path().join("Class")]));
    d.path_text = "Class".into();
    assert_eq!(d.enter(), Accept::Opened, "Enter goes there");
    assert_eq!(d.dir, dir.path().join("Class"));
}

#[test]
fn save_adds_the_extension_and_asks_once_before_replacing_a_file() {
    let dir = folder();
    let spec = Spec::for_pick(Pick::Export(ExportKind::HighlightsCsv));
    let mut d = FileDialog::new(spec, dir.path());
    assert!(!d.path_text.is_empty(), "starts with a file name");
    d.path_text = "mine".into();
    assert_eq!(d.accept(), Accept::Done(vec![dir.path().join("mine.csv")]));
    let mut d = FileDialog::new(Spec::for_pick(Pick::SaveNotesAs), dir.path());
    d.path_text = "A.notes.json".into();
    assert!(matches!(d.accept(), Accept::Problem(p) if p.contains("replace")));
    assert_eq!(
        d.accept(),
        Accept::Done(vec![dir.path().join("A.notes.json")])
    );
}

#[test]
fn native_dialogs_need_a_portal_or_zenity_on_a_free_desktop() {
    let xvfb = Platform {
        free_desktop: true,
        ..Platform::default()
    };
    assert!(!native_available(&xvfb), "no bus, no portal, no zenity");
    let portal_no_bus = Platform {
        portal: true,
        ..xvfb
    };
    assert!(!native_available(&portal_no_bus));
    assert!(native_available(&Platform {
        session_bus: true,
        ..portal_no_bus
    }));
    assert!(native_available(&Platform {
        zenity: true,
        ..xvfb
    }));
    assert!(native_available(&Platform::default()), "Windows, macOS");
    assert!(!native_available(&Platform {
        forced: Some(false),
        ..Platform::default()
    }));
}
