//! Where records live: one JSON file per record, owner-only, written by
//! [`atomic_write`] under a name that must be free, so a crash leaves the
//! whole record or none, and never touches an earlier one. The folder is
//! refused if another user could swap or plant files in it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::bank::Problem;
use crate::input::{Links, check_private_folder, read_text};

use super::code::{new_code, normalise};
use super::record::Record;

/// The environment variable that overrides the data folder (tests, kiosks).
pub const DATA_DIR_ENV: &str = "HAMSTRING_TRIAGE_DATA_DIR";

/// The data folder: the flag, else the environment, else the platform's.
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    crate::config::folder(flag, DATA_DIR_ENV, directories::ProjectDirs::data_dir)
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the records folder {}: {source}", .dir.display())]
    CreateDir { dir: PathBuf, source: io::Error },
    #[error("cannot save the record in {}: {source}", .dir.display())]
    Write { dir: PathBuf, source: io::Error },
    #[error("cannot read the records folder {}: {source}", .dir.display())]
    ReadDir { dir: PathBuf, source: io::Error },
    #[error("`{0}` is not a record code: codes look like K7M-4QX")]
    BadCode(String),
    #[error("no record with code {code} in {}", .dir.display())]
    NotFound { code: String, dir: PathBuf },
    #[error("{0}")]
    Damaged(Problem),
    #[error("{0}")]
    UnsafeFolder(String),
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    /// The urgency ids a record may have (the bank's); empty: not checked.
    urgencies: Vec<String>,
}

/// How old a temporary file must be before `list` takes it for the
/// leftover of an interrupted save rather than a save under way.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

impl Store {
    /// The records under a data folder (`DATA/records`). Nothing is touched
    /// until the first save.
    pub fn new(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join("records"),
            urgencies: Vec::new(),
        }
    }

    /// The same store, refusing records whose urgency is not one of these
    /// (the bank's vocabulary).
    pub fn with_urgencies(mut self, ids: impl IntoIterator<Item = String>) -> Store {
        self.urgencies = ids.into_iter().collect();
        self
    }

    /// The data folder and its records folder must be the user's own, not
    /// links, and not writable by every user.
    fn check_folder(&self) -> Result<(), StoreError> {
        if let Some(data) = self.dir.parent() {
            check_private_folder(data).map_err(StoreError::UnsafeFolder)?;
        }
        check_private_folder(&self.dir).map_err(StoreError::UnsafeFolder)
    }

    /// The record in file `path`, if it can be trusted as the record of its
    /// file name: the code inside must be the name's, and the urgency one
    /// the bank knows. A file over the input limit is refused unread, so a
    /// damaged or planted one cannot take unbounded memory.
    fn read(&self, path: &Path) -> Result<Record, Problem> {
        let shown = path.display().to_string();
        let problem = |message: String| Problem::whole_file(&shown, message);
        let record = read_text(path, Links::Refuse)
            .map_err(|e| problem(format!("cannot read the record: {e}")))
            .and_then(|t| Record::from_json(&t, &shown))?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let urgency = &record.result.urgency;
        if record.code != stem {
            Err(problem(format!(
                "the record inside says code {:?} but its file is {stem}.json: a record's code must be its file name's",
                record.code
            )))
        } else if !self.urgencies.is_empty() && !self.urgencies.contains(urgency) {
            Err(problem(format!(
                "unknown urgency {urgency:?}: expected one of {}",
                self.urgencies.join(", ")
            )))
        } else {
            Ok(record)
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, code: &str) -> PathBuf {
        self.dir.join(format!("{code}.json"))
    }

    /// A code no record here has yet (one could still take it before the
    /// save: [`Store::save_new`] then takes another).
    pub fn fresh_code(&self) -> String {
        loop {
            let code = new_code();
            if !self.path_of(&code).exists() {
                return code;
            }
        }
    }

    /// Saves a record atomically under its code; returns its path. A record
    /// already there is never overwritten: the save fails `AlreadyExists`.
    /// `hook` is called when the record is written and synced under a
    /// temporary name, before it is published (a test may fail or panic there).
    pub fn save_with(
        &self,
        record: &Record,
        hook: &mut dyn FnMut() -> io::Result<()>,
    ) -> Result<PathBuf, StoreError> {
        self.check_folder()?;
        ensure_private_dir(&self.dir).map_err(|source| StoreError::CreateDir {
            dir: self.dir.clone(),
            source,
        })?;
        let target = self.path_of(&record.code);
        let written = atomic_write(&target, record.to_json().as_bytes(), Publish::New, hook);
        written.map_err(|source| StoreError::Write {
            dir: self.dir.clone(),
            source: match source.kind() {
                io::ErrorKind::AlreadyExists => {
                    let taken = format!("a record {} already exists", record.code);
                    io::Error::new(io::ErrorKind::AlreadyExists, taken)
                }
                _ => source,
            },
        })?;
        Ok(target)
    }

    /// Saves a new record, under a fresh code when its own was taken by the
    /// time it is published (another terminal saved under it meanwhile):
    /// `record.code` is the code it was saved under.
    pub fn save_new(&self, record: &mut Record) -> Result<PathBuf, StoreError> {
        self.save_new_with(record, &mut || Ok(()))
    }

    /// `save_new`, calling `hook` before publishing, on each try.
    pub fn save_new_with(
        &self,
        record: &mut Record,
        hook: &mut dyn FnMut() -> io::Result<()>,
    ) -> Result<PathBuf, StoreError> {
        for _ in 0..8 {
            match self.save_with(record, hook) {
                Err(StoreError::Write { source, .. })
                    if source.kind() == io::ErrorKind::AlreadyExists =>
                {
                    record.code = self.fresh_code();
                }
                other => return other,
            }
        }
        self.save_with(record, hook)
    }

    /// Reads a record by its code (as typed).
    pub fn load(&self, code: &str) -> Result<Record, StoreError> {
        let canon = normalise(code).ok_or_else(|| StoreError::BadCode(code.to_string()))?;
        self.check_folder()?;
        let path = self.path_of(&canon);
        if fs::symlink_metadata(&path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
            return Err(StoreError::NotFound {
                code: canon,
                dir: self.dir.clone(),
            });
        }
        self.read(&path).map_err(StoreError::Damaged)
    }

    /// Every record, newest first; a damaged one is a problem naming its file
    /// and hides none of the others. Temporary files left by interrupted
    /// saves (over a minute old) are removed, except one that holds a whole
    /// record: that is named among the problems, for the staff.
    pub fn list(&self) -> Result<(Vec<Record>, Vec<Problem>), StoreError> {
        self.check_folder()?;
        let entries = match fs::read_dir(&self.dir) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
            read => read.map_err(|source| StoreError::ReadDir {
                dir: self.dir.clone(),
                source,
            })?,
        };
        let (mut good, mut bad) = (Vec::new(), Vec::new());
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                bad.extend(self.leftover(&path));
            } else if !name.starts_with('.') && name.ends_with(".json") {
                match self.read(&path) {
                    Ok(r) => good.push(r),
                    Err(p) => bad.push(p),
                }
            }
        }
        good.sort_by(|a, b| b.created.cmp(&a.created).then(a.code.cmp(&b.code)));
        bad.sort_by(|a, b| a.file.cmp(&b.file));
        Ok((good, bad))
    }

    /// A temporary file in the records folder: nothing while it may be a
    /// save under way; removed if it holds no whole record; else a problem
    /// naming it, kept for the staff (a patient's record never published).
    fn leftover(&self, path: &Path) -> Option<Problem> {
        let meta = fs::symlink_metadata(path).ok()?;
        let age = meta.modified().ok()?.elapsed().unwrap_or_default();
        if age < STALE_AFTER {
            return None;
        }
        let shown = path.display().to_string();
        let Some(r) = read_text(path, Links::Refuse)
            .ok()
            .and_then(|t| Record::from_json(&t, &shown).ok())
        else {
            let _ = fs::remove_file(path);
            return None;
        };
        Some(Problem::whole_file(
            shown,
            format!(
                "an interrupted save left a whole record here (code {:?}), not published under its code; kept for the staff to look at",
                r.code
            ),
        ))
    }
}

/// Creates a folder (and its parents) owner-only, if it is not there.
#[cfg(unix)]
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// How a file written by [`atomic_write`] takes its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publish {
    /// Only if the name is free (a record): else `AlreadyExists`, and the
    /// file there is untouched.
    New,
    /// In place of whatever has the name (the PIN, its tries): the name is
    /// replaced, never followed if it is a link.
    Replace,
}

/// Writes a file atomically and owner-only: a temporary file beside it,
/// with a random name and created exclusively (a file or link planted
/// under a temporary name is never written through), is written, flushed
/// and synced, then published under the target's name (and the folder
/// synced). A failure or crash leaves the old file, or none, never half of
/// one. `hook` runs before publishing (tests interrupt saves there).
pub fn atomic_write(
    target: &Path,
    bytes: &[u8],
    publish: Publish,
    hook: &mut dyn FnMut() -> io::Result<()>,
) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    // Owner-only from the start: tempfile creates it with mode 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    hook()?;
    match publish {
        Publish::New => tmp.persist_noclobber(target),
        Publish::Replace => tmp.persist(target),
    }
    .map_err(|e| e.error)?;
    // Make the rename itself durable.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The time now as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| jiff::Timestamp::now().to_string())
}
