/// Every command the UI may call. Declaring them here makes Tauri generate an
/// `allow-<command>` permission for each, and the capability in
/// `capabilities/main.json` grants exactly these, nothing more.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_vehicles",
    "get_vehicle",
    "save_vehicle",
    "delete_vehicle",
    "list_lots",
    "save_lot",
    "list_models",
    "list_customers",
    "get_customer",
    "save_customer",
    "delete_customer",
    "list_users",
    "save_user",
    "list_photos",
    "import_photos",
    "cancel_import",
    "reorder_photos",
    "set_cover_photo",
    "set_photo_caption",
    "delete_photo",
    "restore_photo",
    "condition_catalog",
    "preview_condition",
    "list_conditions",
    "save_condition",
    "delete_condition",
    "set_photo_part",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
