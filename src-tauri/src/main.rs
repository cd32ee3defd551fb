// Hide the extra console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    lotbook::startup::mark_process_start();
    lotbook_desktop_lib::run();
}
