//! README.txt: what each file is, in Korean and then in English, with the
//! counts of this export. CRLF line ends so Windows Notepad shows it right.

use chrono::NaiveDateTime;

use super::mail::{NotKept, Why};
use super::sheets::SHEETS;
use super::{layout, ExportAllReport};

/// The emails not in the export, one line each with why, in one language.
fn left_out(list: &[NotKept], ko: bool) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = if ko {
        format!(
            "\n  아래 메일 {}통은 메일 파일이 없어 넣지 못했습니다. 지금 다시 만들면 오늘의 가격과 사진이\n  들어가 고객이 받은 메일과 달라지므로 새로 만들지 않았습니다:",
            list.len()
        )
    } else {
        format!(
            "\n  These {} emails are not here because there is no email file of them. They were not\n  made again: made today they would show today's prices and photos, not what the customer got:",
            list.len()
        )
    };
    for m in list {
        let why = match (&m.why, ko) {
            (Why::Messenger { folder }, true) => {
                format!("메신저용 폴더로 만든 것이라 메일 파일이 아닙니다 (폴더: {folder})")
            }
            (Why::Messenger { folder }, false) => {
                format!("made as a folder for a messenger, not as an email file (folder: {folder})")
            }
            (Why::DraftElsewhere { file }, true) => format!(
                "초안 파일로 저장한 곳에 지금 파일이 없습니다 (옮겼거나 지웠거나 다른 컴퓨터에 저장함: {file})"
            ),
            (Why::DraftElsewhere { file }, false) => format!(
                "saved as a draft file that is not there now (moved, deleted or saved on another computer: {file})"
            ),
            (Why::OtherComputer, true) => {
                "팀의 다른 컴퓨터에서 보낸(또는 보낼) 메일입니다. 메일 파일은 그 컴퓨터에 있습니다".to_owned()
            }
            (Why::OtherComputer, false) => {
                "sent (or to be sent) by another computer of the team; its file is on that computer".to_owned()
            }
            (Why::FileGone { file }, true) => format!(
                "이 컴퓨터에 있던 메일 파일이 없어졌습니다 (백업에서 되돌렸다면: 백업에는 기록만 있고 메일 파일은 없습니다: {file})"
            ),
            (Why::FileGone { file }, false) => format!(
                "this computer's file of it is gone (after a restore from a backup: backups hold the record, not the email file: {file})"
            ),
        };
        out.push_str(&format!(
            "\n    - {} {} · {}: {why}",
            m.when, m.customer, m.subject
        ));
    }
    out
}

pub(super) fn text(r: &ExportAllReport, not_kept: &[NotKept], at: NaiveDateTime) -> String {
    let at = at.format("%Y-%m-%d %H:%M");
    let sheets: Vec<&str> = SHEETS.iter().map(|(_, name)| *name).collect();
    let sheets = sheets.join(", ");
    let missing_photos_ko = match r.photos_missing {
        0 => String::new(),
        n => format!(
            " 이 컴퓨터에 아직 없는 사진 {n}장은 빠졌습니다(동기화가 끝나면 다시 내보내세요)."
        ),
    };
    let missing_photos_en = match r.photos_missing {
        0 => String::new(),
        n => format!(" {n} photos not yet on this computer are left out (export again once sync has brought them)."),
    };
    let missing_mail_ko = left_out(not_kept, true);
    let missing_mail_en = left_out(not_kept, false);
    let text = format!(
        "Lotbook 내보내기 / Lotbook export — {at}

[한국어]

이 폴더에는 Lotbook에 있던 모든 자료가 누구나 열 수 있는 형식으로 들어 있습니다.
Lotbook이 없어도 엑셀, 사진 보기, 웹 브라우저, 메일 프로그램, 달력 프로그램으로 열 수 있습니다.

- {sheets_dir}/
  엑셀 파일(.xlsx)과 CSV 파일(.csv, UTF-8)이 종류마다 하나씩 있습니다: {sheets}.
  차량 {vehicles}대, 고객 {customers}명. 두 형식의 내용은 같습니다.
- {photos_dir}/
  차량마다 폴더 하나(차량번호 제조사 모델). 사진은 갤러리 순서대로 01.jpg, 02.jpg …이며,
  가져올 때의 원본 그대로입니다(다시 압축하지 않음). 사진 {photos}장.{missing_photos_ko}
- {condition_dir}/
  차량마다 폴더 하나. 성능·상태 점검 기록마다 인쇄용 페이지(.html, 브라우저에서 열어 인쇄)와
  외판·골격 점검 그림(.svg)이 있습니다. 점검 기록 {conditions}건.
- {emails_dir}/
  고객에게 만든 메일이 .eml 파일로 있습니다(Outlook, Apple Mail, Thunderbird에서 열림).
  \"{sent}\": 보낸 메일, \"{outbox}\": 아직 보내지 못한 메일, \"{drafts}\": 파일로 저장한 메일.
  메일 {emails}통.{missing_mail_ko}
- {calendar}
  모든 방문 예약과 막아 둔 시간({visits}건). 구글 캘린더, Outlook, 애플 캘린더로 가져올 수 있습니다.
- README.txt
  이 안내문.

[English]

This folder holds everything that was in Lotbook, in open formats anyone can open
without Lotbook: a spreadsheet program, a photo viewer, a web browser, an email
program and a calendar.

- {sheets_dir}/
  One Excel file (.xlsx) and one CSV file (.csv, UTF-8) of each kind: {sheets}.
  {vehicles} vehicles, {customers} customers. Both formats hold the same rows.
- {photos_dir}/
  One folder per car (plate, make, model). Photos are numbered in gallery order,
  01.jpg, 02.jpg …, and are the originals exactly as imported (not re-compressed).
  {photos} photos.{missing_photos_en}
- {condition_dir}/
  One folder per car. Each condition report as its print page (.html: open it in a
  browser and print) and its panel and frame diagram (.svg). {conditions} reports.
- {emails_dir}/
  The emails made for customers as .eml files (open in Outlook, Apple Mail or
  Thunderbird). \"{sent}\": sent; \"{outbox}\": not sent yet; \"{drafts}\": saved as a file.
  {emails} emails.{missing_mail_en}
- {calendar}
  Every visit booked and every blocked time ({visits}), to import into Google
  Calendar, Outlook or Apple Calendar.
- README.txt
  This file.
",
        sheets_dir = layout::SHEETS,
        photos_dir = layout::PHOTOS,
        condition_dir = layout::CONDITION,
        emails_dir = layout::EMAILS,
        sent = layout::SENT,
        outbox = layout::OUTBOX,
        drafts = layout::DRAFTS,
        calendar = layout::CALENDAR,
        vehicles = r.vehicles,
        customers = r.customers,
        photos = r.photos,
        conditions = r.condition_reports,
        emails = r.emails,
        visits = r.visits,
    );
    text.replace('\n', "\r\n")
}
