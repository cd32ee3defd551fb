//! HEIC (iPhone) photos, decoded by the platform's own converter: `sips` on
//! macOS (always present), `heif-convert` from libheif on Linux. Both apply
//! the HEIF rotation, so the PNG they write is upright. Where neither exists
//! (Windows today) the file is refused with a message saying how to get a
//! JPEG. A subprocess keeps libheif's codec stack out of our build and out
//! of our address space: a bad file can crash the converter, never Lotbook.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::refusal::{Refusal, Refused};

const HOW_TO_JPEG: &str = "this computer cannot decode HEIC photos. On the iPhone choose \
     Settings › Camera › Formats › Most Compatible, or send the photo as JPEG \
     (AirDrop/Mail convert it), then import it again";

/// The converter to use, if this machine has one.
fn converter() -> Option<&'static str> {
    if cfg!(target_os = "macos") {
        Some("sips")
    } else if cfg!(windows) {
        None
    } else {
        which("heif-convert").then_some("heif-convert")
    }
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Whether HEIC photos can be imported on this machine.
pub fn supported() -> bool {
    converter().is_some()
}

/// The HEIC photo to convert: a file of ours, or bytes.
pub enum Input<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

/// The converter's PNG, in a temporary folder removed when this is dropped.
pub struct Converted {
    _dir: tempfile::TempDir,
    png: PathBuf,
}

impl Converted {
    pub fn png(&self) -> &Path {
        &self.png
    }
}

/// A HEIC photo to a PNG file of the upright image (read back row by row,
/// so a large one is never held in memory whole).
pub fn to_png(name: &str, input: Input<'_>) -> Refused<Converted> {
    let Some(tool) = converter() else {
        return Err(Refusal::new(
            "unsupported_format",
            name,
            format!("HEIC photo: {HOW_TO_JPEG}"),
        ));
    };
    let io = |e: std::io::Error| {
        Refusal::new("unreadable", name, format!("HEIC conversion failed: {e}"))
    };
    let dir = tempfile::tempdir().map_err(io)?;
    let heic = dir.path().join("in.heic");
    let png = dir.path().join("out.png");
    match input {
        Input::File(path) => std::fs::copy(path, &heic).map(drop),
        Input::Bytes(bytes) => std::fs::write(&heic, bytes),
    }
    .map_err(io)?;
    let status = command(tool, &heic, &png).output().map_err(io)?;
    let made = std::fs::metadata(&png).is_ok_and(|m| m.is_file() && m.len() > 0);
    if status.status.success() && made {
        Ok(Converted { _dir: dir, png })
    } else {
        Err(Refusal::new(
            "not_an_image",
            name,
            format!(
                "the HEIC photo could not be decoded ({})",
                String::from_utf8_lossy(&status.stderr).trim()
            ),
        ))
    }
}

fn command(tool: &str, input: &Path, output: &Path) -> Command {
    let mut cmd = Command::new(tool);
    if tool == "sips" {
        cmd.args(["-s", "format", "png"])
            .arg(input)
            .arg("--out")
            .arg(output);
    } else {
        cmd.arg(input).arg(output);
    }
    cmd
}
