//! The native menu. macOS routes Cmd+C/V/X/Z/A in text fields through the
//! Edit menu's items, so without one copy and paste do nothing there; it
//! gets the usual app menu and an Edit menu of the OS's own items. Windows
//! and Linux keep a clean window without a menu bar (their webviews handle
//! Ctrl+C/V/X/Z/A themselves).

use tauri::menu::{Menu, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Runtime};

/// Menu labels in Korean when the system or `LOTBOOK_LANG` says so.
fn korean() -> bool {
    let lang = std::env::var("LOTBOOK_LANG")
        .or_else(|_| std::env::var("LANG"))
        .unwrap_or_default();
    lang.starts_with("ko")
}

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let ko = korean();
    let l = |k: &'static str, e: &'static str| Some(if ko { k } else { e });
    let app_menu = Submenu::with_items(
        app,
        "Lotbook",
        true,
        &[
            &PredefinedMenuItem::about(app, l("Lotbook 정보", "About Lotbook"), None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::services(app, l("서비스", "Services"))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::hide(app, l("Lotbook 가리기", "Hide Lotbook"))?,
            &PredefinedMenuItem::hide_others(app, l("기타 가리기", "Hide Others"))?,
            &PredefinedMenuItem::show_all(app, l("모두 보기", "Show All"))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, l("Lotbook 종료", "Quit Lotbook"))?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        if ko { "편집" } else { "Edit" },
        true,
        &[
            &PredefinedMenuItem::undo(app, l("실행 취소", "Undo"))?,
            &PredefinedMenuItem::redo(app, l("실행 복귀", "Redo"))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, l("오려두기", "Cut"))?,
            &PredefinedMenuItem::copy(app, l("복사하기", "Copy"))?,
            &PredefinedMenuItem::paste(app, l("붙여넣기", "Paste"))?,
            &PredefinedMenuItem::select_all(app, l("전체 선택", "Select All"))?,
        ],
    )?;
    let window = Submenu::with_items(
        app,
        if ko { "윈도우" } else { "Window" },
        true,
        &[
            &PredefinedMenuItem::minimize(app, l("최소화", "Minimize"))?,
            &PredefinedMenuItem::fullscreen(app, l("전체 화면", "Enter Full Screen"))?,
            &PredefinedMenuItem::close_window(app, l("윈도우 닫기", "Close Window"))?,
        ],
    )?;
    Menu::with_items(app, &[&app_menu, &edit, &window])
}
