//! The Lotbook desktop shell: opens the store in the data dir and exposes the
//! core to the web UI through thin commands. No logic lives here.

mod archive;
mod backups;
mod care;
mod commands;
mod condition;
mod export;
mod file_manager;
mod imports;
mod jobs;
mod mail;
mod mailbox;
mod menu;
mod photos;
mod recalls;
mod state;
mod sync;
mod updates;
mod webview;
mod welcome;
mod window_place;
mod workers;

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

/// Claims the data folder for this window; a second launch on the same
/// folder brings the first window forward and ends here.
fn claim_folder() -> Option<lotbook::instance::FirstInstance> {
    let dir = lotbook::default_data_dir().ok()?;
    match lotbook::instance::claim(&dir) {
        Ok(lotbook::instance::Claim::First(first)) => Some(first),
        Ok(lotbook::instance::Claim::Focused) => {
            println!(
                "Lotbook is already open on {}; its window was brought forward.",
                dir.display()
            );
            std::process::exit(0);
        }
        // The store's own lock still guards the data; the window opens.
        Err(e) => {
            println!("lotbook: {e}");
            None
        }
    }
}

/// Brings the main window forward (a second launch asked for it).
fn focus_main(app: &tauri::AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// The log goes to the OS log folder Tauri names (or `$LOTBOOK_LOG_DIR`).
fn start_logging(app: &tauri::App) -> PathBuf {
    let dir = lotbook::logging::default_dir(app.path().app_log_dir().ok()).unwrap_or_default();
    match lotbook::logging::init(&dir) {
        Ok(guard) => {
            app.manage(LogGuard(guard));
        }
        Err(e) => println!("lotbook: no log file: {e}"),
    }
    dir
}

/// Keeps the log writer alive for the app's life.
struct LogGuard(#[allow(dead_code)] lotbook::logging::LogGuard);

fn on_window_event(window: &tauri::Window, event: &tauri::WindowEvent) {
    webview::on_window_event(window, event);
    window_place::on_window_event(window, event);
}

pub fn run() {
    webview::before_start();
    let first = claim_folder();
    let builder = tauri::Builder::default();
    // macOS routes Cmd+C/V/Z/A through the Edit menu; elsewhere no menu bar.
    #[cfg(target_os = "macos")]
    let builder = builder.menu(menu::build);
    #[cfg(not(target_os = "macos"))]
    let _ = menu::build::<tauri::Wry>;
    let app = builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(start_language())
        .manage(jobs::Jobs::default())
        .manage(updates::Updates::default())
        .manage(export::Exported::default())
        .manage(mailbox::MailboxHandle::default())
        .on_window_event(on_window_event)
        .register_asynchronous_uri_scheme_protocol("photo", |ctx, request, responder| {
            let lib = ctx.app_handle().state::<state::AppState>().photos();
            photos::serve(lib, request, responder);
        })
        .setup(move |app| {
            let set_up = std::time::Instant::now();
            let log_dir = start_logging(app);
            let crash = lotbook::logging::take_crash_note(&log_dir);
            if let Some(c) = &crash {
                tracing::warn!(code = "panic", "the last run ended with a crash: {c}");
            }
            app.manage(welcome::CrashNote(std::sync::Mutex::new(crash)));
            app.manage(welcome::LogDir(log_dir));
            if let Some(first) = first {
                let handle = app.handle().clone();
                app.manage(first.serve(move || focus_main(&handle)));
            }
            let dir = data_dir(app).map_err(lotbook::Error::Other);
            // A folder the app creates now greets its dealer (first_run).
            let fresh = dir
                .as_ref()
                .is_ok_and(|d| lotbook::first_run::is_new_folder(d));
            let mut store = dir.and_then(|dir| lotbook::Store::open(&dir));
            if let (true, Ok(s)) = (fresh, &mut store) {
                if let Err(e) = s.begin_welcome() {
                    tracing::warn!(code = %e.code(), "the welcome could not be set up: {e}");
                }
            }
            if let Err(e) = &store {
                tracing::error!(code = %e.code(), "the store did not open: {e}");
            }
            if let (Ok(s), Some(w)) = (&store, app.get_webview_window("main")) {
                app.manage(window_place::restore(&w, s.data_dir().to_owned()));
            }
            let folder = store.as_ref().ok().map(|s| s.data_dir().to_owned());
            let state = state::AppState::new(store);
            if let Some(dir) = &folder {
                mailbox::start(
                    app.handle().clone(),
                    dir.clone(),
                    state.gate(),
                    &app.state::<mailbox::MailboxHandle>(),
                );
            }
            app.manage(match folder {
                Some(dir) => workers::Workers::start(app.handle(), dir, state.gate()),
                None => workers::Workers::default(),
            });
            app.manage(state);
            webview::lean_caches(app);
            // The page cannot load while this runs (it holds the main thread).
            tracing::info!(
                target: "lotbook::startup",
                "the shell's set-up took {} ms",
                set_up.elapsed().as_millis()
            );
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::note_painted,
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
            mailbox::imap_settings,
            mailbox::save_imap_settings,
            mailbox::clear_imap_settings,
            mailbox::imap_presets,
            mailbox::mailbox_status,
            mailbox::check_mailbox,
            mailbox::list_mail_leads,
            mailbox::accept_mail_lead,
            mailbox::dismiss_mail_lead,
            mailbox::open_mail_message,
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
            sync::space_report,
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
            recalls::preview_recall_import,
            recalls::import_recall_file,
            recalls::list_recalls,
            recalls::recalls_of_vehicle,
            recalls::vehicles_with_open_recall,
            recalls::close_car_recall,
            recalls::recalls_today,
            recalls::recall_campaign,
            export::export_sheet,
            export::export_all,
            export::cancel_export_all,
            export::open_export_folder,
            export::save_dir_override,
            backups::backup_locations,
            backups::backup_now,
            archive::archive_photos,
            archive::unarchive_vehicle,
            archive::cancel_archive,
            archive::archived_photos,
            backups::cancel_backup,
            backups::verify_backup,
            backups::preview_backup,
            backups::restore_backup,
            backups::set_second_backup_location,
            backups::open_backup_folder,
            updates::check_update,
            updates::install_update,
            updates::restart_app,
            welcome::welcome_status,
            welcome::finish_welcome,
            welcome::open_sample,
            welcome::leave_sample,
            welcome::diagnostics,
            welcome::last_crash,
        ])
        .build(tauri::generate_context!());
    match app {
        // Let the folder go before a restart or quit, so the next app on it
        // never asks this one to come forward on its way out.
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(r) = handle.try_state::<lotbook::instance::Release>() {
                    r.release();
                }
                updates::install_at_exit(&handle.state::<updates::Updates>());
            }
        }),
        Err(e) => {
            tracing::error!("the window could not be started: {e}");
            println!("lotbook: the window could not be started: {e}");
            std::process::exit(1);
        }
    }
}
