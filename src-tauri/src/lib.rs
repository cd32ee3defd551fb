//! The Lotbook desktop shell: opens the store in the data dir and exposes the
//! core to the web UI through thin commands. No logic lives here.

mod backups;
mod care;
mod commands;
mod condition;
mod export;
mod file_manager;
mod imports;
mod jobs;
mod mail;
mod photos;
mod state;
mod sync;
mod updates;
mod webview;

use std::path::PathBuf;
use tauri::Manager;

/// `$LOTBOOK_DATA_DIR` when set (tests use it), else the OS app-data dir.
fn data_dir(app: &tauri::App) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os(lotbook::DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    app.path().app_data_dir().map_err(|e| {
        format!(
            "no app-data folder on this system ({e}); set {}",
            lotbook::DATA_DIR_ENV
        )
    })
}

/// The daily automatic backups, on their own connection and thread so
/// start-up and the UI never wait for them: at start, then every ten
/// minutes, so a second location that was unplugged (waiting) gets its
/// backup soon after it is back, and a day change is noticed.
fn spawn_auto_backup(dir: PathBuf) {
    std::thread::spawn(move || loop {
        let busy = jobs::working("backup");
        let result = lotbook::Store::open_beside(&dir)
            .and_then(|s| lotbook::backup::auto_backup_everywhere(&s));
        drop(busy);
        match result {
            Ok(outcomes) => {
                for o in outcomes {
                    if let Some(b) = o.backup {
                        tracing::info!("automatic backup written to {}", b.path);
                    }
                    if let Some(e) = o.error {
                        tracing::warn!("automatic backup into {} failed: {e}", o.location);
                    }
                }
            }
            Err(e) => eprintln!("lotbook: automatic backup failed: {e}"),
        }
        std::thread::sleep(std::time::Duration::from_secs(600));
    });
}

/// Sends what waits in the outbox every two minutes (offline is normal: a
/// failed try waits for its back-off), on its own connection and thread.
fn spawn_outbox_worker(dir: PathBuf) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(120));
        let configured = lotbook::Store::open_beside(&dir)
            .and_then(|s| s.smtp_account())
            .map(|s| s.is_some())
            .unwrap_or(false);
        if configured {
            let _busy = jobs::working("send");
            if let Err(e) = lotbook::mail::outbox::send_pass(&dir) {
                tracing::warn!("outbox: {e}");
            }
        }
    });
}

/// `LOTBOOK_LANG` (ko/en): the language to start in when the user has not
/// chosen one on this computer (scripts/run-demo.sh sets ko: the demo is a
/// Korean team). Handed to the page before its first script runs.
fn start_language() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let lang = std::env::var("LOTBOOK_LANG").unwrap_or_default();
    let mut plugin = tauri::plugin::Builder::new("lotbook-lang");
    if lang == "ko" || lang == "en" {
        plugin = plugin.js_init_script(format!("window.__LOTBOOK_LANG__ = \"{lang}\";"));
    }
    plugin.build()
}

pub fn run() {
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(start_language())
        .manage(jobs::Jobs::default())
        .manage(updates::Updates::default())
        .manage(export::Exported::default())
        .manage(sync::SyncWorker::default())
        .on_window_event(webview::on_window_event)
        .register_asynchronous_uri_scheme_protocol("photo", |ctx, request, responder| {
            let lib = ctx.app_handle().state::<state::AppState>().photos();
            photos::serve(lib, request, responder);
        })
        .setup(|app| {
            let dir = data_dir(app).map_err(lotbook::Error::Other);
            // A restore asked for from Settings runs before the store opens.
            let restored = dir
                .as_ref()
                .ok()
                .and_then(|d| lotbook::backup::restore_requested(d));
            app.manage(backups::LastRestore::new(restored));
            let store = dir.and_then(|dir| lotbook::Store::open(&dir));
            if let Ok(s) = &store {
                spawn_auto_backup(s.data_dir().to_owned());
                spawn_outbox_worker(s.data_dir().to_owned());
                sync::spawn_worker(
                    app.handle().clone(),
                    s.data_dir().to_owned(),
                    &app.state::<sync::SyncWorker>(),
                );
            }
            app.manage(state::AppState::new(store));
            webview::lean_caches(app);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_vehicles,
            commands::get_vehicle,
            commands::save_vehicle,
            commands::delete_vehicle,
            commands::list_lots,
            commands::save_lot,
            commands::list_models,
            commands::list_customers,
            commands::get_customer,
            commands::save_customer,
            commands::delete_customer,
            commands::list_users,
            commands::save_user,
            photos::list_photos,
            photos::import_photos,
            photos::cancel_import,
            imports::preview_vehicle_import,
            imports::preview_customer_import,
            imports::import_vehicle_file,
            imports::import_customer_file,
            photos::reorder_photos,
            photos::set_cover_photo,
            photos::set_photo_caption,
            photos::delete_photo,
            photos::restore_photo,
            photos::set_photo_part,
            condition::condition_catalog,
            condition::preview_condition,
            condition::list_conditions,
            condition::save_condition,
            condition::delete_condition,
            mail::match_vehicles,
            mail::match_customers,
            mail::list_interactions,
            mail::log_interaction,
            mail::list_inquiries,
            mail::hand_over,
            mail::list_sends,
            mail::create_shortlist,
            mail::get_shortlist,
            mail::list_shortlists,
            mail::set_shortlist_vehicles,
            mail::set_shortlist_photos,
            mail::delete_shortlist,
            mail::compose_mail,
            mail::cancel_compose,
            mail::save_eml,
            mail::export_shortlist,
            mail::queue_mail,
            mail::list_outbox,
            mail::retry_outbox,
            mail::send_outbox,
            mail::smtp_settings,
            mail::save_smtp_settings,
            mail::clear_smtp_settings,
            mail::smtp_presets,
            mail::mail_templates,
            mail::set_mail_template,
            mail::preview_wording,
            mail::team_setting,
            mail::set_team_setting,
            sync::sync_status,
            sync::sync_settings,
            sync::save_sync_settings,
            sync::sync_now,
            sync::record_history,
            care::list_visits,
            care::save_visit,
            care::overlapping_visits,
            care::set_visit_status,
            care::running_late,
            care::delete_visit,
            care::visit_conflicts,
            care::dealers_now,
            care::save_visit_ics,
            care::queue_visit_confirmation,
            care::record_sale,
            care::sales_of_vehicle,
            care::sales_of_customer,
            care::close_follow_up,
            care::snooze_follow_up,
            care::preview_campaign,
            care::preview_campaign_notice,
            care::create_campaign,
            care::list_campaigns,
            care::send_campaign,
            care::today,
            export::export_sheet,
            export::export_all,
            export::cancel_export_all,
            export::open_export_folder,
            export::save_dir_override,
            backups::backup_locations,
            backups::backup_now,
            backups::cancel_backup,
            backups::verify_backup,
            backups::preview_backup,
            backups::restore_backup,
            backups::last_restore,
            backups::set_second_backup_location,
            backups::open_backup_folder,
            updates::check_update,
            updates::install_update,
            updates::restart_app,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                updates::install_at_exit(&app.state::<updates::Updates>());
            }
        }),
        Err(e) => {
            eprintln!("lotbook: the window could not be started: {e}");
            std::process::exit(1);
        }
    }
}
