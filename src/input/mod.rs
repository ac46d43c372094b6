//! The one way input files are opened, and the checks on the folders that
//! hold private files. Every file the program reads (bank, case, config,
//! record, the kiosk PIN and its tries, practice progress) goes through
//! [`read_capped`]: it refuses anything but a regular file (a FIFO would
//! hang the program, a device such as `/dev/zero` would never end) and
//! anything over [`MAX_FILE_BYTES`]. [`check_private_folder`] refuses a
//! folder for private files that another user could swap or fill.

pub mod text;

use std::io::{self, Read};
use std::path::Path;

/// Input files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Whether the last part of a path may be a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow it (files a person names: a bank, a case, the config).
    Follow,
    /// Refuse it (files the program itself writes: records, the PIN).
    Refuse,
}

/// Reads a whole regular file of at most [`MAX_FILE_BYTES`].
///
/// The file is opened without blocking (a FIFO with no writer would wait
/// for ever) and, with [`Links::Refuse`], without following a symbolic
/// link; then anything that is not a regular file is refused, by what the
/// opened file is rather than by a look at the name beforehand. A file over
/// the limit is refused with a `FileTooLarge` error before it is read, and
/// one that grows while read is cut off once past the limit.
pub fn read_capped(path: &Path, links: Links) -> io::Result<Vec<u8>> {
    let file = open_regular(path, links)?;
    let known = file.metadata()?.len();
    if known > MAX_FILE_BYTES as u64 {
        return Err(too_big(known.to_string()));
    }
    let mut bytes = Vec::with_capacity(known as usize);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(format!("more than {MAX_FILE_BYTES}")));
    }
    Ok(bytes)
}

/// [`read_capped`] as UTF-8 text.
pub fn read_text(path: &Path, links: Links) -> io::Result<String> {
    String::from_utf8(read_capped(path, links)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not UTF-8 text"))
}

fn too_big(size: String) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("the file is {size} bytes; files over {MAX_FILE_BYTES} bytes are refused"),
    )
}

#[cfg(unix)]
fn open_regular(path: &Path, links: Links) -> io::Result<std::fs::File> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) if links == Links::Refuse => {
                let m = "it is a symbolic link, which is refused here";
                io::Error::new(io::ErrorKind::InvalidInput, m)
            }
            _ => e,
        })?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    let named = [
        (kind.is_dir(), "a directory"),
        (kind.is_fifo(), "a FIFO (named pipe)"),
        (kind.is_char_device() || kind.is_block_device(), "a device"),
        (kind.is_socket(), "a socket"),
    ];
    let what = named.into_iter().find_map(|(is, w)| is.then_some(w));
    let m = format!("it is {}, not a regular file", what.unwrap_or("not a file"));
    Err(io::Error::new(io::ErrorKind::InvalidInput, m))
}

#[cfg(not(unix))]
fn open_regular(path: &Path, _links: Links) -> io::Result<std::fs::File> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file",
        ))
    }
}

/// Checks a folder that holds private files (records, the config and the
/// kiosk PIN) before anything in it is read or written: it must be a real
/// folder (not a symbolic link, which could send the files anywhere), owned
/// by the user the program runs as, and not writable by every user (who
/// could plant or swap files in it). A folder that is not there passes; the
/// message says how to put a refused one right.
#[cfg(unix)]
pub fn check_private_folder(dir: &Path) -> Result<(), String> {
    use io::ErrorKind::{NotADirectory, NotFound};
    use std::os::unix::fs::MetadataExt;
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        // Not there (or a file in its path): making it will say what is wrong.
        Err(e) if matches!(e.kind(), NotFound | NotADirectory) => return Ok(()),
        Err(e) => return Err(format!("cannot look at the folder {}: {e}", dir.display())),
    };
    let shown = dir.display();
    if meta.file_type().is_symlink() {
        return Err(format!(
            "the folder {shown} is a symbolic link, which is refused for private files; give the real folder"
        ));
    }
    if !meta.is_dir() {
        // A file where the folder should be: making or reading the folder
        // will fail and say so.
        return Ok(());
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err(format!(
            "the folder {shown} belongs to another user (uid {}, not {me}); it must belong to the user the program runs as",
            meta.uid()
        ));
    }
    if meta.mode() & 0o002 != 0 {
        return Err(format!(
            "the folder {shown} is writable by every user (mode {:o}); make it owner-only: chmod 700 {shown}",
            meta.mode() & 0o7777
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn check_private_folder(_dir: &Path) -> Result<(), String> {
    Ok(())
}
