//! A REFI-QDA project (`.qdpx`): a zip with `project.qde` (`urn:QDA-XML:project:1.0`) and one
//! plain-text source per case in `sources/`.
//!
//! Each case's narrative becomes one text: its title, then each section's title and
//! paragraphs as the reader shows them (markup removed), separated by blank lines. A highlight
//! is re-attached to its paragraph's current raw text (as the reader does), its raw range is
//! mapped to the rendered plain text, then shifted to where that paragraph starts in the
//! source. Positions count Unicode code points (Rust `char`s), as REFI-QDA counts characters.

use std::collections::HashMap;
use std::io::{Cursor, Write as _};

use serde_json::Value;

use super::{RefiCodebook, RefiError, attr, guid, indent, text};
use crate::format::{Case, Facet, Framework, Item, ItemKind, Kind, NotesFile};
use crate::markdown::{Rendered, render};
use crate::notes::anchor::locate;

/// A project ready to be zipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The `project.qde` XML.
    pub qde: String,
    /// `(path in the zip, text)` of each source, in case order, then of each memo and note.
    pub sources: Vec<(String, String)>,
    /// Highlights written as selections.
    pub selections: usize,
    /// Highlights left out: their text is no longer in the case (orphaned) or their case or
    /// paragraph is not loaded.
    pub skipped: usize,
}

/// One case's narrative as plain text, and where each paragraph begins in it.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text.
    pub text: String,
    /// `section/paragraph` → (char offset of the paragraph's plain text, its rendering).
    pub paragraphs: HashMap<String, (usize, Rendered)>,
    /// (char offset, text) of the case's title and each section's title: the heading lines.
    pub headings: Vec<(usize, String)>,
    /// (char offset, length in chars, `section/paragraph`) of each paragraph, in text order,
    /// so that the paragraphs under a range are found without counting every one.
    pub order: Vec<(usize, usize, String)>,
}

/// The narrative of `case` as plain text.
pub fn source_text(case: &Case) -> SourceText {
    let mut text = String::new();
    let mut chars = 0;
    let mut paragraphs = HashMap::new();
    let mut push = |text: &mut String, part: &str| -> usize {
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        let start = chars;
        text.push_str(part);
        chars += part.chars().count();
        start
    };
    let mut headings = vec![(push(&mut text, &case.title), case.title.clone())];
    let mut order = Vec::new();
    for section in &case.sections {
        headings.push((push(&mut text, &section.title), section.title.clone()));
        for p in &section.paragraphs {
            let rendered = render(&p.text);
            let start = push(&mut text, &rendered.plain);
            let address = format!("{}/{}", section.id, p.id);
            order.push((start, rendered.plain.chars().count(), address.clone()));
            paragraphs.insert(address, (start, rendered));
        }
    }
    SourceText {
        text,
        paragraphs,
        headings,
        order,
    }
}

/// Where a highlight is in its case's source text now (char range), or `None` when orphaned.
pub fn selection_range(case: &Case, source: &SourceText, item: &Item) -> Option<(usize, usize)> {
    let target = item.target.as_ref()?;
    let address = target.paragraph.as_deref()?;
    let raw = &case.paragraph(address)?.text;
    let (start, end) = locate(raw, target)?;
    let (offset, rendered) = source.paragraphs.get(address)?;
    let plain = rendered.to_plain(start..end)?;
    Some((offset + plain.start, offset + plain.end))
}

/// Everything the project is built from.
pub struct Input<'a> {
    /// Project name.
    pub name: &'a str,
    /// The cases, in order.
    pub cases: &'a [&'a Case],
    /// The frameworks the cases follow.
    pub frameworks: &'a [&'a Framework],
    /// The user's notes.
    pub notes: &'a NotesFile,
}

/// Builds the project: codebook, cases with their facets, sources with the highlights, notes.
pub fn project(input: &Input<'_>) -> Project {
    let codes = RefiCodebook::build(input.frameworks, input.notes);
    let author = input.notes.author.as_deref().unwrap_or("Caselens user");
    let user = guid("user", author);
    let mut w = Writer {
        out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
        user: user.clone(),
        codes: &codes,
        input,
    };
    w.open_project();
    // The file's author first, then whoever else made an item (codings another coder made,
    // brought in from a project), each once.
    let mut names = vec![author];
    for maker in input.notes.items.iter().filter_map(|i| i.author.as_deref()) {
        if !names.contains(&maker) {
            names.push(maker);
        }
    }
    let users: Vec<String> = names
        .iter()
        .map(|name| {
            format!(
                "\n    <User guid=\"{}\" name=\"{}\"/>",
                guid("user", name),
                attr(name)
            )
        })
        .collect();
    w.line(1, &format!("<Users>{}\n  </Users>", users.concat()));
    if !codes.roots.is_empty() {
        w.line(1, "<CodeBook>");
        w.out.push_str(&codes.codes_xml(2));
        w.line(1, "</CodeBook>");
    }
    w.variables();
    w.cases();
    let (mut sources, selections, skipped) = w.sources();
    sources.extend(w.notes());
    w.line(0, "</Project>");
    Project {
        qde: w.out,
        sources,
        selections,
        skipped,
    }
}

/// The project as `.qdpx` bytes (the same project always gives the same bytes).
pub fn qdpx(project: &Project) -> Result<Vec<u8>, RefiError> {
    let err = |e: &dyn std::fmt::Display| RefiError::Zip(e.to_string());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let files = std::iter::once(("project.qde", project.qde.as_str())).chain(
        project
            .sources
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str())),
    );
    for (path, body) in files {
        zip.start_file(path, options).map_err(|e| err(&e))?;
        zip.write_all(body.as_bytes()).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}

struct Writer<'a> {
    out: String,
    user: String,
    codes: &'a RefiCodebook,
    input: &'a Input<'a>,
}

impl<'a> Writer<'a> {
    fn line(&mut self, depth: usize, s: &str) {
        indent(&mut self.out, depth);
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn open_project(&mut self) {
        let n = self.input.notes;
        let mut a = format!(
            "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"{}\" creatingUserGUID=\"{}\"",
            attr(self.input.name),
            attr(super::ORIGIN),
            self.user
        );
        if let Some(t) = n.created.as_deref().and_then(super::xsd_datetime) {
            a.push_str(&format!(" creationDateTime=\"{t}\""));
        }
        if let Some(t) = n.modified.as_deref().and_then(super::xsd_datetime) {
            a.push_str(&format!(
                " modifyingUserGUID=\"{}\" modifiedDateTime=\"{t}\"",
                self.user
            ));
        }
        a.push('>');
        self.line(0, &a);
    }

    /// The GUID of the user who made `item`: its own author, else the file's.
    fn user_of(&self, item: &Item) -> String {
        item.author
            .as_deref()
            .map_or_else(|| self.user.clone(), |name| guid("user", name))
    }

    fn framework(&self, id: &str) -> Option<&'a Framework> {
        self.input.frameworks.iter().find(|f| f.id == id).copied()
    }

    /// One `Variable` per dimension of the frameworks the cases use.
    fn variables(&mut self) {
        let mut lines = Vec::new();
        for fw in self.input.frameworks {
            if !self.input.cases.iter().any(|c| c.framework == fw.id) {
                continue;
            }
            for (_, d) in fw.dimensions() {
                let mut l = format!(
                    "<Variable guid=\"{}\" name=\"{}\" typeOfVariable=\"{}\"",
                    variable_guid(&fw.id, &d.id),
                    attr(&d.label),
                    variable_type(d.kind)
                );
                match &d.help {
                    Some(h) => l.push_str(&format!(
                        ">\n      <Description>{}</Description>\n    </Variable>",
                        text(h)
                    )),
                    None => l.push_str("/>"),
                }
                lines.push(l);
            }
        }
        if !lines.is_empty() {
            self.line(1, "<Variables>");
            for l in lines {
                self.line(2, &l);
            }
            self.line(1, "</Variables>");
        }
    }

    /// One `Case` per case, with its facets as variable values and its source.
    fn cases(&mut self) {
        if self.input.cases.is_empty() {
            return;
        }
        self.line(1, "<Cases>");
        for case in self.input.cases {
            self.line(
                2,
                &format!(
                    "<Case guid=\"{}\" name=\"{}\">",
                    guid("case", &case.id),
                    attr(&case.title)
                ),
            );
            if let Some(s) = &case.subtitle {
                self.line(3, &format!("<Description>{}</Description>", text(s)));
            }
            if let Some(fw) = self.framework(&case.framework) {
                for (_, d) in fw.dimensions() {
                    let Some(value) = case
                        .facets
                        .get(d.id.as_str())
                        .and_then(|f| facet_value(fw, d.kind, f))
                    else {
                        continue;
                    };
                    let (element, v) = value;
                    self.line(
                        3,
                        &format!(
                            "<VariableValue>\n        <VariableRef targetGUID=\"{}\"/>\n        <{element}>{}</{element}>\n      </VariableValue>",
                            variable_guid(&fw.id, &d.id),
                            text(&v)
                        ),
                    );
                }
            }
            self.line(
                3,
                &format!("<SourceRef targetGUID=\"{}\"/>", guid("source", &case.id)),
            );
            self.line(2, "</Case>");
        }
        self.line(1, "</Cases>");
    }

    /// One `TextSource` per case with its highlights; returns the files and the counts.
    fn sources(&mut self) -> (Vec<(String, String)>, usize, usize) {
        let mut files = Vec::new();
        let (mut written, mut skipped) = (0, 0);
        let highlights: Vec<&Item> = live(self.input.notes, ItemKind::Highlight).collect();
        if !self.input.cases.is_empty() {
            self.line(1, "<Sources>");
        }
        for case in self.input.cases {
            let source = source_text(case);
            let g = guid("source", &case.id);
            self.line(
                2,
                &format!(
                    "<TextSource guid=\"{g}\" name=\"{}\" plainTextPath=\"internal://{g}.txt\">",
                    attr(&case.title)
                ),
            );
            let mut selections: Vec<(usize, usize, &Item)> = Vec::new();
            for item in highlights
                .iter()
                .filter(|i| i.case.as_deref() == Some(&case.id))
            {
                match selection_range(case, &source, item) {
                    Some((s, e)) => selections.push((s, e, item)),
                    None => skipped += 1,
                }
            }
            selections.sort_by(|a, b| (a.0, a.1, &a.2.id).cmp(&(b.0, b.1, &b.2.id)));
            written += selections.len();
            for (s, e, item) in selections {
                self.selection(case, &source.text, s, e, item);
            }
            for note in self.notes_of(Some(&case.id)) {
                self.line(
                    3,
                    &format!("<NoteRef targetGUID=\"{}\"/>", guid("note", &note.id)),
                );
            }
            self.line(2, "</TextSource>");
            files.push((format!("sources/{g}.txt"), source.text));
        }
        if !self.input.cases.is_empty() {
            self.line(1, "</Sources>");
        }
        let known: Vec<&str> = self.input.cases.iter().map(|c| c.id.as_str()).collect();
        skipped += highlights
            .iter()
            .filter(|i| !i.case.as_deref().is_some_and(|c| known.contains(&c)))
            .count();
        (files, written, skipped)
    }

    fn selection(&mut self, case: &Case, source: &str, start: usize, end: usize, item: &Item) {
        let name: String = source.chars().skip(start).take(end - start).collect();
        let mut open = format!(
            "<PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{}\"",
            guid("selection", &item.id),
            attr(&name),
            self.user_of(item)
        );
        self.push_times(&mut open, item, true);
        self.line(3, &format!("{open}>"));
        if let Some(comment) = item.text.as_deref().filter(|t| !t.trim().is_empty()) {
            self.line(4, &format!("<Description>{}</Description>", text(comment)));
        }
        for code in &item.codes {
            let Some(target) = self.codes.code_guid(&case.framework, code) else {
                continue;
            };
            let mut coding = format!(
                "<Coding guid=\"{}\" creatingUser=\"{}\"",
                guid("coding", &format!("{}/{code}", item.id)),
                self.user_of(item)
            );
            if let Some(t) = super::xsd_datetime(&item.created) {
                coding.push_str(&format!(" creationDateTime=\"{t}\""));
            }
            self.line(
                4,
                &format!(
                    "{coding}>\n          <CodeRef targetGUID=\"{target}\"/>\n        </Coding>"
                ),
            );
        }
        self.line(3, "</PlainTextSelection>");
    }

    fn push_times(&self, a: &mut String, item: &Item, modified: bool) {
        if let Some(t) = super::xsd_datetime(&item.created) {
            a.push_str(&format!(" creationDateTime=\"{t}\""));
        }
        if modified && let Some(t) = super::xsd_datetime(&item.modified) {
            a.push_str(&format!(
                " modifyingUser=\"{}\" modifiedDateTime=\"{t}\"",
                self.user_of(item)
            ));
        }
    }

    /// Live memos and notes on `case` (`None`: on the project).
    fn notes_of(&self, case: Option<&str>) -> Vec<&'a Item> {
        self.input
            .notes
            .items
            .iter()
            .filter(|i| !i.deleted && matches!(i.kind, ItemKind::Memo | ItemKind::Note))
            .filter(|i| i.case.as_deref() == case)
            .collect()
    }

    /// Memos and notes as `Note`s whose text is a file in `sources/` (`QualCoder` reads a
    /// note's text only from `plainTextPath`); project memos are referenced from the project.
    /// Returns the files.
    fn notes(&mut self) -> Vec<(String, String)> {
        let known: Vec<&str> = self.input.cases.iter().map(|c| c.id.as_str()).collect();
        let items: Vec<&Item> = self
            .input
            .notes
            .items
            .iter()
            .filter(|i| !i.deleted && matches!(i.kind, ItemKind::Memo | ItemKind::Note))
            .filter(|i| i.case.as_deref().is_none_or(|c| known.contains(&c)))
            .collect();
        let mut files = Vec::new();
        if items.is_empty() {
            return files;
        }
        self.line(1, "<Notes>");
        for item in &items {
            let g = guid("note", &item.id);
            let mut open = format!(
                "<Note guid=\"{g}\" name=\"{}\" plainTextPath=\"internal://{g}.txt\" creatingUser=\"{}\"",
                attr(&self.note_name(item)),
                self.user_of(item)
            );
            self.push_times(&mut open, item, true);
            self.line(2, &format!("{open}/>"));
            let body = item.text.as_deref().unwrap_or_default();
            files.push((format!("sources/{g}.txt"), body.to_owned()));
        }
        self.line(1, "</Notes>");
        for item in items.iter().filter(|i| i.case.is_none()) {
            self.line(
                1,
                &format!("<NoteRef targetGUID=\"{}\"/>", guid("note", &item.id)),
            );
        }
        files
    }

    fn note_name(&self, item: &Item) -> String {
        if let Some(t) = item.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return t.to_owned();
        }
        let case = item
            .case
            .as_deref()
            .and_then(|id| self.input.cases.iter().find(|c| c.id == id));
        let dimension = item.target.as_ref().and_then(|t| t.dimension.as_deref());
        match (case, dimension) {
            (Some(c), Some(d)) => {
                let label = self
                    .framework(&c.framework)
                    .and_then(|f| f.dimension(d))
                    .map_or(d, |d| d.label.as_str());
                format!("Note on {}: {label}", c.title)
            }
            (Some(c), None) => format!("Note on {}", c.title),
            _ => "Note".to_owned(),
        }
    }
}

fn live(notes: &NotesFile, kind: ItemKind) -> impl Iterator<Item = &Item> {
    notes
        .items
        .iter()
        .filter(move |i| !i.deleted && i.kind == kind)
}

/// The GUID of a framework dimension as a REFI variable.
pub fn variable_guid(framework_id: &str, dimension_id: &str) -> String {
    guid("variable", &format!("{framework_id}/{dimension_id}"))
}

fn variable_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Text | Kind::Choice | Kind::List | Kind::Codes => "Text",
        Kind::Number => "Float",
        Kind::Year => "Integer",
        Kind::Bool => "Boolean",
    }
}

/// The value element and text of a facet, when it is simple: known, and not a bound ("at
/// least 100" is not the number 100, so bounded figures are left out).
fn facet_value(fw: &Framework, kind: Kind, facet: &Facet) -> Option<(&'static str, String)> {
    if facet.bound.is_some() {
        return None;
    }
    let value = facet.value.as_ref()?;
    let strings = |v: &Value| -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    Some(match kind {
        Kind::Text | Kind::Choice => ("TextValue", value.as_str()?.to_owned()),
        Kind::List => ("TextValue", strings(value)?.join("; ")),
        Kind::Codes => {
            let labels: Vec<String> = strings(value)?
                .iter()
                .map(|id| fw.code(id).map_or_else(|| id.clone(), |c| c.label.clone()))
                .collect();
            ("TextValue", labels.join("; "))
        }
        Kind::Number => ("FloatValue", decimal(value)?),
        Kind::Year => ("IntegerValue", value.as_i64()?.to_string()),
        Kind::Bool => ("BooleanValue", value.as_bool()?.to_string()),
    })
}

/// A JSON number as an `xsd:decimal` (no exponent).
fn decimal(v: &Value) -> Option<String> {
    if let Some(i) = v.as_i64() {
        return Some(i.to_string());
    }
    let f = v.as_f64().filter(|f| f.is_finite())?;
    Some(format!("{f}"))
}

#[cfg(test)]
mod tests;
