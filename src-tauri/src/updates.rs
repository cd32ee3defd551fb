//! Settings › About: check for an update, download it with its progress
//! over a Channel, verify it against the release key in the config, and
//! install it so that the next start runs it; refused while a send, sync,
//! import or backup runs. `LOTBOOK_UPDATE_URL` points the check at another
//! update server (the package test's, on localhost).

use std::sync::Mutex;

use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_updater::{Update, UpdaterExt};

use crate::jobs::Jobs;
use lotbook::error::ErrorCode;
use lotbook::update::{refusal, UpdateInfo, UpdateProgress};
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

pub const UPDATE_URL_ENV: &str = "LOTBOOK_UPDATE_URL";

/// The update the last check found, and (Windows) the verified download
/// that waits for Lotbook to close: the NSIS installer replaces the running
/// app, so it starts only when the dealer is done.
#[derive(Default)]
pub struct Updates {
    found: Mutex<Option<Update>>,
    at_exit: Mutex<Option<(Update, Vec<u8>)>>,
}

fn fail(code: ErrorCode, message: impl Into<String>) -> ErrorShape {
    crate::state::reply_shape(ErrorShape {
        code,
        message: message.into(),
        field: None,
        problems: Vec::new(),
    })
}

/// The UI localises by these codes; the message keeps the plugin's words
/// for the log and for support.
fn shape(e: tauri_plugin_updater::Error) -> ErrorShape {
    use tauri_plugin_updater::Error as E;
    let code = match &e {
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => ErrorCode::UpdateSignature,
        E::EmptyEndpoints => ErrorCode::UpdateUnconfigured,
        E::Reqwest(_) | E::Network(_) | E::ReleaseNotFound => ErrorCode::UpdateUnreachable,
        E::InvalidUpdaterFormat => ErrorCode::UpdateFormat,
        E::AuthenticationFailed | E::DebInstallFailed | E::PackageInstallFailed => {
            ErrorCode::UpdateInstallFailed
        }
        _ => ErrorCode::UpdateFailed,
    };
    fail(code, e.to_string())
}

fn updater(app: &AppHandle) -> Reply<tauri_plugin_updater::Updater> {
    let mut builder = app.updater_builder();
    if let Some(url) = std::env::var(UPDATE_URL_ENV).ok().filter(|u| !u.is_empty()) {
        let url = url.parse().map_err(|e| {
            fail(
                ErrorCode::UpdateUnconfigured,
                format!("{UPDATE_URL_ENV}: {e}"),
            )
        })?;
        builder = builder.endpoints(vec![url]).map_err(shape)?;
    }
    builder.build().map_err(shape)
}

fn info(u: &Update) -> UpdateInfo {
    UpdateInfo {
        version: u.version.clone(),
        current_version: u.current_version.clone(),
        notes: u.body.clone().filter(|n| !n.trim().is_empty()),
        date: u
            .date
            .and_then(|d| chrono::DateTime::from_timestamp(d.unix_timestamp(), 0))
            .map(|d| d.to_rfc3339()),
    }
}

/// The newer version the update server offers, or `None` when this is current.
#[tauri::command]
pub async fn check_update(
    app: AppHandle,
    updates: State<'_, Updates>,
) -> Reply<Option<UpdateInfo>> {
    let found = updater(&app)?.check().await.map_err(shape)?;
    let reply = found.as_ref().map(info);
    if let Ok(mut slot) = updates.found.lock() {
        *slot = found;
    }
    Ok(reply)
}

fn idle(jobs: &Jobs) -> Reply<()> {
    match refusal(&jobs.running()) {
        Some(why) => Err(fail(ErrorCode::UpdateBusy, why)),
        None => Ok(()),
    }
}

/// Downloads the update the last check found, verifies its signature and
/// installs it for the next start. Nothing is installed when the
/// signature does not match.
#[tauri::command]
pub async fn install_update(
    updates: State<'_, Updates>,
    jobs: State<'_, Jobs>,
    on_progress: Channel<UpdateProgress>,
) -> Reply<UpdateProgress> {
    idle(&jobs)?;
    let update = updates
        .found
        .lock()
        .ok()
        .and_then(|f| f.clone())
        .ok_or_else(|| {
            fail(
                ErrorCode::UpdateNone,
                "no update was found yet: check first",
            )
        })?;
    let mut done = 0u64;
    let bytes = update
        .download(
            |chunk, total| {
                done += chunk as u64;
                let _ = on_progress.send(UpdateProgress::Downloading { done, total });
            },
            || {},
        )
        .await
        .map_err(shape)?;
    let _ = on_progress.send(UpdateProgress::Verified);
    // A send or sync may have started while the download ran.
    idle(&jobs)?;
    if cfg!(windows) {
        if let Ok(mut slot) = updates.at_exit.lock() {
            *slot = Some((update, bytes));
        }
    } else {
        let _ = on_progress.send(UpdateProgress::Installing);
        // dpkg/rpm (through pkexec or sudo) or the .app swap take a while.
        tauri::async_runtime::spawn_blocking(move || update.install(bytes))
            .await
            .map_err(|e| fail(ErrorCode::Internal, format!("background task failed: {e}")))?
            .map_err(shape)?;
    }
    tracing::info!("update installed; runs from the next start");
    let _ = on_progress.send(UpdateProgress::Ready);
    Ok(UpdateProgress::Ready)
}

/// Starts Lotbook again (the new version, once installed).
#[tauri::command]
pub fn restart_app(app: AppHandle, jobs: State<'_, Jobs>) -> Reply<()> {
    idle(&jobs)?;
    app.restart()
}

/// On exit (Windows): run the installer of a verified update now.
pub fn install_at_exit(updates: &Updates) {
    let pending = updates.at_exit.lock().ok().and_then(|mut p| p.take());
    if let Some((update, bytes)) = pending {
        if let Err(e) = update.install(bytes) {
            tracing::warn!("update: the installer did not start: {e}");
        }
    }
}
