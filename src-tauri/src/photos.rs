//! Photo commands and the `photo://` protocol that serves derived images.

use std::path::PathBuf;

use tauri::http::{Request, Response, StatusCode};
use tauri::ipc::Channel;
use tauri::{State, UriSchemeResponder};

use crate::jobs::Jobs;
use crate::state::{internal, AppState};
use lotbook::photos::{
    import, prepare, ImportProgress, ImportSummary, Photo, PhotoLibrary, PhotoSize,
};
use lotbook::ErrorShape;

type Reply<T> = Result<T, ErrorShape>;

#[tauri::command]
pub async fn list_photos(state: State<'_, AppState>, vehicle_id: String) -> Reply<Vec<Photo>> {
    state.run(move |s| s.list_photos(&vehicle_id)).await
}

/// Imports on the worker pool; the core lends the store one row at a
/// time (`import::run_locked`), so the rest of the app stays responsive
/// during a long import.
#[tauri::command]
pub async fn import_photos(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    vehicle_id: String,
    paths: Vec<String>,
    job_id: String,
    on_progress: Channel<ImportProgress>,
) -> Reply<ImportSummary> {
    let lib = state
        .photos()
        .ok_or_else(|| internal("the photo library is not open"))?;
    let store = state.store()?;
    // The originals are written into the data folder: not during a restore.
    let beside = state.beside()?;
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let cancel = jobs.start(&job_id);
    let result = tauri::async_runtime::spawn_blocking(move || {
        let result = import::run_locked(
            &lib,
            &vehicle_id,
            &paths,
            &cancel,
            |write| crate::state::with_store(&store, write),
            |p| {
                // A closed window drops the channel; the import still finishes.
                let _ = on_progress.send(p.clone());
            },
        )
        .map_err(|e| crate::state::reply(&e));
        drop(beside);
        result
    })
    .await;
    jobs.finish(&job_id);
    result.map_err(|e| internal(&format!("the import stopped unexpectedly: {e}")))?
}

#[tauri::command]
pub fn cancel_import(jobs: State<'_, Jobs>, job_id: String) {
    jobs.cancel(&job_id);
}

#[tauri::command]
pub async fn reorder_photos(
    state: State<'_, AppState>,
    vehicle_id: String,
    ids: Vec<String>,
) -> Reply<Vec<Photo>> {
    state
        .run(move |s| s.reorder_photos(&vehicle_id, &ids))
        .await
}

#[tauri::command]
pub async fn set_cover_photo(state: State<'_, AppState>, photo_id: String) -> Reply<Vec<Photo>> {
    state.run(move |s| s.set_cover_photo(&photo_id)).await
}

#[tauri::command]
pub async fn set_photo_caption(
    state: State<'_, AppState>,
    photo_id: String,
    caption: String,
) -> Reply<Photo> {
    state
        .run(move |s| s.set_photo_caption(&photo_id, &caption))
        .await
}

#[tauri::command]
pub async fn delete_photo(state: State<'_, AppState>, photo_id: String) -> Reply<Photo> {
    state.run(move |s| s.delete_photo(&photo_id)).await
}

#[tauri::command]
pub async fn restore_photo(state: State<'_, AppState>, photo: Photo) -> Reply<Vec<Photo>> {
    state.run(move |s| s.restore_photo(&photo)).await
}

/// Links a photo to the condition report's panel or item it shows (`None` unlinks).
#[tauri::command]
pub async fn set_photo_part(
    state: State<'_, AppState>,
    photo_id: String,
    part: Option<String>,
) -> Reply<Photo> {
    state
        .run(move |s| s.set_photo_part(&photo_id, part.as_deref()))
        .await
}

/// `photo://localhost/<size>/<hash>`: a derived JPEG, made on the spot if
/// missing. Content-addressed, so the webview may cache it forever.
pub fn serve(lib: Option<PhotoLibrary>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    std::thread::spawn(move || {
        // Accept `thumb%2F<hash>` too: convertFileSrc encodes the whole path.
        let path = request
            .uri()
            .path()
            .trim_start_matches('/')
            .replace("%2F", "/")
            .replace("%2f", "/");
        let response = match lib {
            Some(lib) => respond(&lib, &path),
            None => plain(StatusCode::SERVICE_UNAVAILABLE, "the store is not open"),
        };
        responder.respond(response);
    });
}

fn respond(lib: &PhotoLibrary, path: &str) -> Response<Vec<u8>> {
    let mut parts = path.split('/');
    let (Some(size), Some(hash), None) = (parts.next(), parts.next(), parts.next()) else {
        return plain(StatusCode::NOT_FOUND, "expected /<size>/<hash>");
    };
    let Some(size) = PhotoSize::parse(size) else {
        return plain(StatusCode::NOT_FOUND, "unknown size");
    };
    if !prepare::is_hash(hash) {
        return plain(StatusCode::NOT_FOUND, "not a photo");
    }
    match prepare::ensure_derived(lib, size, hash)
        .and_then(|p| std::fs::read(&p).map_err(|e| lotbook::Error::io(&p, e)))
    {
        Ok(bytes) => Response::builder()
            .status(StatusCode::OK)
            .header("Content-Type", "image/jpeg")
            .header("Cache-Control", "max-age=31536000, immutable")
            .body(bytes)
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "response")),
        Err(e) => plain(StatusCode::NOT_FOUND, &e.to_string()),
    }
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    let mut response = Response::new(text.as_bytes().to_vec());
    *response.status_mut() = status;
    response
}
