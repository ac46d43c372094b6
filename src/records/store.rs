//! Where records live: one JSON file per record, owner-only, written
//! atomically (temporary file, flush, sync, rename) so a crash leaves either
//! the whole record or none, and never touches an earlier one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::bank::Problem;
use crate::bank::source::read_capped;

use super::code::{new_code, normalise};
use super::record::Record;

/// The environment variable that overrides the data folder (tests, kiosks).
pub const DATA_DIR_ENV: &str = "HAMSTRING_TRIAGE_DATA_DIR";

/// The platform data folder (from `directories`), unless overridden.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "hamstring-triage").map(|p| p.data_dir().to_path_buf())
}

/// A step of a save, for tests that interrupt one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The temporary file is written and synced, not yet renamed.
    BeforeRename,
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
}

/// One line of `records list`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub code: String,
    pub created: String,
    pub urgency: String,
    pub top: String,
    pub path: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The records under a data folder (`DATA/records`). Nothing is touched
    /// until the first save.
    pub fn new(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join("records"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, code: &str) -> PathBuf {
        self.dir.join(format!("{code}.json"))
    }

    /// A code no record here has yet.
    pub fn fresh_code(&self) -> String {
        loop {
            let code = new_code();
            if !self.path_of(&code).exists() {
                return code;
            }
        }
    }

    /// Saves a record atomically; returns its path.
    pub fn save(&self, record: &Record) -> Result<PathBuf, StoreError> {
        self.save_with(record, &mut |_| Ok(()))
    }

    /// `save`, calling `hook` at each stage (a test may fail or panic there).
    pub fn save_with(
        &self,
        record: &Record,
        hook: &mut dyn FnMut(Stage) -> io::Result<()>,
    ) -> Result<PathBuf, StoreError> {
        create_private_dir(&self.dir).map_err(|source| StoreError::CreateDir {
            dir: self.dir.clone(),
            source,
        })?;
        let write_err = |source| StoreError::Write {
            dir: self.dir.clone(),
            source,
        };
        let target = self.path_of(&record.code);
        if target.exists() {
            return Err(write_err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("a record {} already exists", record.code),
            )));
        }
        atomic_write(&target, record.to_json().as_bytes(), hook).map_err(write_err)?;
        Ok(target)
    }

    /// Reads a record by its code (as typed).
    pub fn load(&self, code: &str) -> Result<Record, StoreError> {
        let canon = normalise(code).ok_or_else(|| StoreError::BadCode(code.to_string()))?;
        let path = self.path_of(&canon);
        let text = match read_record(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound {
                    code: canon,
                    dir: self.dir.clone(),
                });
            }
            Err(e) => {
                return Err(StoreError::Damaged(Problem::whole_file(
                    path.display().to_string(),
                    format!("cannot read the record: {e}"),
                )));
            }
        };
        Record::from_json(&text, &path.display().to_string()).map_err(StoreError::Damaged)
    }

    /// Every record, newest first; a damaged one is a problem naming its file
    /// and hides none of the others.
    pub fn list(&self) -> Result<(Vec<Summary>, Vec<Problem>), StoreError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
            Err(source) => {
                return Err(StoreError::ReadDir {
                    dir: self.dir.clone(),
                    source,
                });
            }
        };
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // Temporary files of an interrupted save are not records.
            if name.starts_with('.') || !name.ends_with(".json") {
                continue;
            }
            let shown = path.display().to_string();
            let record = read_record(&path)
                .map_err(|e| Problem::whole_file(&shown, format!("cannot read the record: {e}")))
                .and_then(|t| Record::from_json(&t, &shown));
            match record {
                Ok(r) => good.push(Summary {
                    code: r.code,
                    created: r.created,
                    urgency: r.result.urgency,
                    top: r
                        .result
                        .diagnoses
                        .first()
                        .map(|d| d.id.clone())
                        .unwrap_or_default(),
                    path,
                }),
                Err(p) => bad.push(p),
            }
        }
        good.sort_by(|a, b| b.created.cmp(&a.created).then(a.code.cmp(&b.code)));
        bad.sort_by(|a, b| a.file.cmp(&b.file));
        Ok((good, bad))
    }
}

/// A record file's text. Records are a few kilobytes: a file over the input
/// limit (`MAX_FILE_BYTES`) is refused before it is read, so a damaged or
/// planted file cannot take unbounded memory.
fn read_record(path: &Path) -> io::Result<String> {
    let bytes = read_capped(path)?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not UTF-8 text"))
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn open_private(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
}

/// Writes a file atomically and owner-only: a temporary file beside it is
/// written, flushed and synced, then renamed over the target (and the folder
/// synced). A failure or crash leaves the old file, or none, never half of
/// one. `hook` runs before the rename (tests interrupt saves there).
pub fn atomic_write(
    target: &Path,
    bytes: &[u8],
    hook: &mut dyn FnMut(Stage) -> io::Result<()>,
) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp"));
    let result = (|| {
        let mut f = open_private(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        hook(Stage::BeforeRename)?;
        fs::rename(&tmp, target)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Creates a folder (and its parents) owner-only, if it is not there.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    create_private_dir(dir)
}

/// The time now as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| jiff::Timestamp::now().to_string())
}
