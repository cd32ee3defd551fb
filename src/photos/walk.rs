//! Files and folders given to an import, expanded into the photo files to
//! try. A folder from a camera card or a colleague's share can hold links:
//! a link to a photo is imported, a link to a folder inside the one given is
//! walked once. A link back into a folder being walked (a loop), a second
//! way into a folder already walked, a link to a folder outside the one
//! given, a folder nested deeper than [`MAX_DEPTH`] or one that cannot be
//! read is reported once, by its path, and not entered.
//!
//! Folders are recognised by device and inode on Unix (so bind mounts are
//! caught too). On Windows links to folders (symlinks, junctions) are not
//! followed at all, and each is reported: import the folder itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::refusal::Refusal;

/// Extensions picked up when a folder is imported (files named one by one
/// are tried whatever their name: the bytes decide).
const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "jpe", "png", "heic", "heif"];

/// Levels of folders below the one given that are walked, at most. A camera card is two deep
/// (`DCIM/100CANON`); a dealer's archive by year/month/car perhaps five.
pub const MAX_DEPTH: usize = 16;

/// What a walk found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A file to try.
    File(PathBuf),
    /// Not tried, with the reason (a loop, too deep, unreadable folder).
    Skipped(PathBuf, Refusal),
}

/// Files named directly, plus the photos inside named folders (recursively,
/// sorted by name, skipping hidden files such as macOS `._` companions on
/// camera cards). A path that does not exist is kept so it is reported.
pub fn expand(paths: &[PathBuf]) -> Vec<Found> {
    let mut walk = Walk::default();
    for path in paths {
        if path.is_dir() {
            walk.folder(path);
        } else {
            walk.out.push(Found::File(path.clone()));
        }
    }
    walk.out
}

#[derive(Default)]
struct Walk {
    out: Vec<Found>,
    /// Folders entered so far, by identity, with the path they were entered by.
    #[cfg_attr(not(unix), allow(dead_code))]
    seen: HashMap<(u64, u64), PathBuf>,
}

impl Walk {
    fn folder(&mut self, root: &Path) {
        // Messages name paths from the folder the dealer chose.
        let base = root.parent().unwrap_or(root);
        let shown = |p: &Path| p.strip_prefix(base).unwrap_or(p).display().to_string();
        let inside = std::fs::canonicalize(root).ok();
        let mut it = WalkDir::new(root)
            .follow_links(cfg!(unix))
            .max_depth(MAX_DEPTH + 1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        while let Some(next) = it.next() {
            let entry = match next {
                Ok(entry) => entry,
                Err(e) => {
                    if let Some(skip) = skipped_by_error(&e, &shown) {
                        self.out.push(skip);
                    }
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_dir() {
                if let Some(reason) = self.enter(&entry, inside.as_deref(), &shown) {
                    self.out.push(Found::Skipped(
                        path.to_owned(),
                        Refusal::new("unreadable", &shown(path), reason),
                    ));
                    it.skip_current_dir();
                }
            } else if entry.file_type().is_symlink() {
                // Not followed (Windows): a link to a photo is still a photo.
                match std::fs::metadata(path) {
                    Ok(m) if m.is_dir() => self.out.push(Found::Skipped(
                        path.to_owned(),
                        Refusal::new(
                            "unreadable",
                            &shown(path),
                            "is a link to another folder; links to folders are not followed \
                             here, import that folder itself",
                        ),
                    )),
                    _ if is_photo_name(path) => self.out.push(Found::File(path.to_owned())),
                    _ => {}
                }
            } else if is_photo_name(path) {
                // FIFOs and devices too: opening refuses them by name.
                self.out.push(Found::File(path.to_owned()));
            }
        }
    }

    /// Why the folder `entry` must not be entered, if it must not. `inside`:
    /// the folder given, resolved; links out of it are not followed (a link
    /// to `/` would import every picture on the computer).
    fn enter(
        &mut self,
        entry: &walkdir::DirEntry,
        inside: Option<&Path>,
        shown: &dyn Fn(&Path) -> String,
    ) -> Option<String> {
        if entry.depth() > MAX_DEPTH {
            return Some(format!(
                "is more than {MAX_DEPTH} folders deep; its photos were not imported \
                 (import that folder itself)"
            ));
        }
        if entry.depth() > 0 && entry.path_is_symlink() {
            let target = std::fs::canonicalize(entry.path()).ok();
            if !target.is_some_and(|t| inside.is_some_and(|root| t.starts_with(root))) {
                return Some(
                    "is a link to a folder outside the one being imported; not followed \
                     (import that folder itself)"
                        .to_owned(),
                );
            }
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let Ok(m) = entry.metadata() {
                if let Some(first) = self.seen.get(&(m.dev(), m.ino())) {
                    return Some(format!(
                        "is the same folder as {}, already imported; not imported twice",
                        shown(first)
                    ));
                }
                self.seen
                    .insert((m.dev(), m.ino()), entry.path().to_owned());
            }
        }
        #[cfg(not(unix))]
        let _ = shown;
        None
    }
}

/// A walk error worth telling the dealer: a loop, or a folder or photo that
/// cannot be read. (Other unreadable names are not photos anyway.)
fn skipped_by_error(e: &walkdir::Error, shown: &dyn Fn(&Path) -> String) -> Option<Found> {
    let path = e.path()?;
    let reason = if let Some(ancestor) = e.loop_ancestor() {
        format!(
            "is a link back to {}, a folder it is inside (a loop); not followed",
            shown(ancestor)
        )
    } else if path.is_dir() || is_photo_name(path) {
        let what = if path.is_dir() { "folder" } else { "file" };
        match e.io_error() {
            Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                format!("cannot be read (a link to a {what} that is not there)")
            }
            Some(io) => format!("cannot be read ({io})"),
            None => format!("cannot be read ({e})"),
        }
    } else {
        return None;
    };
    Some(Found::Skipped(
        path.to_owned(),
        Refusal::new("unreadable", &shown(path), reason),
    ))
}

fn is_photo_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PHOTO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
