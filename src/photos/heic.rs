//! HEIC (iPhone) photos, decoded by the platform's own converter: `sips` on
//! macOS (always present), `heif-convert` from libheif on Linux. Both apply
//! the HEIF rotation, so the PNG they write is upright. Where neither exists
//! (Windows today) the file is refused with a message saying how to get a
//! JPEG. A subprocess keeps libheif's codec stack out of our build and out
//! of our address space: a bad file can crash the converter, never Lotbook.

use std::path::Path;
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

/// HEIC bytes to PNG bytes of the upright image.
pub fn to_png(name: &str, bytes: &[u8]) -> Refused<Vec<u8>> {
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
    let input = dir.path().join("in.heic");
    let output = dir.path().join("out.png");
    std::fs::write(&input, bytes).map_err(io)?;
    let status = command(tool, &input, &output).output().map_err(io)?;
    match std::fs::read(&output) {
        Ok(png) if status.status.success() && !png.is_empty() => Ok(png),
        _ => Err(Refusal::new(
            "not_an_image",
            name,
            format!(
                "the HEIC photo could not be decoded ({})",
                String::from_utf8_lossy(&status.stderr).trim()
            ),
        )),
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
