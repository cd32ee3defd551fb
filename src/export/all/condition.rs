//! Each condition report as the app's print page (an A4 sheet in HTML, the
//! same sections as ConditionPrintScreen: summary, findings, diagram,
//! basics, marked panels, every item and tyre, comment, inspector) and its
//! panel diagram as SVG, in Korean, the language the buyer's file is kept in.

use std::fmt::Write as _;
use std::path::Path;

use super::names::Unique;
use super::photos::Car;
use super::{ExportAllControl, ExportStep};
use crate::condition::items::{SECTIONS, TYRES};
use crate::condition::{
    catalog, diagram, marks_of, panels, ConditionReport, Flood, Lang, OdometerState, Recall,
    Tuning, UseHistory, VinCheck,
};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::inventory::Vehicle;
use crate::mail::labels;
use crate::time::format_date_text;

/// Returns the number of reports written.
pub(super) fn write(
    store: &Store,
    cars: &[Car],
    dir: &Path,
    control: &mut ExportAllControl,
) -> Result<u32> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let total: u32 = store
        .conn()
        .query_row("SELECT count(*) FROM condition_reports", [], |r| r.get(0))?;
    let mut done = 0u32;
    for car in cars {
        let reports = store.list_conditions(&car.vehicle.id)?;
        if reports.is_empty() {
            continue;
        }
        let car_dir = dir.join(&car.folder);
        std::fs::create_dir_all(&car_dir).map_err(|e| Error::io(&car_dir, e))?;
        let mut names = Unique::default();
        for report in &reports {
            control.step(ExportStep::Conditions, done, total)?;
            done += 1;
            let svg = diagram::svg(&marks_of(&report.input), Lang::Ko, None);
            // One stem for both files, so the page and its diagram sort together.
            let stem = names.name(&format!("{} 점검", report.input.inspected_on), "report", "");
            write_atomic(&car_dir.join(format!("{stem}.svg")), svg.as_bytes())?;
            let html = page(&car.vehicle, report, &svg);
            write_atomic(&car_dir.join(format!("{stem}.html")), html.as_bytes())?;
        }
    }
    control.step(ExportStep::Conditions, total, total)?;
    Ok(done)
}

pub(crate) fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const STYLE: &str = "body{margin:0;background:#eef1f4;font-family:'Malgun Gothic','Apple SD Gothic Neo','Noto Sans KR',sans-serif;color:#1f2933}\
.a4{width:210mm;min-height:297mm;margin:0 auto;padding:14mm 14mm 12mm;box-sizing:border-box;background:#fff;font-size:10.5pt;line-height:1.4}\
h1{margin:0;font-size:17pt}h2{margin:.5rem 0 .25rem;font-size:11.5pt}.car{margin:.2rem 0 .4rem;color:#5c6b7a}\
.summary{font-weight:700}.diagram svg{display:block;width:100%;height:auto}\
.cols{display:grid;grid-template-columns:1fr 1fr;gap:6mm}\
table{width:100%;border-collapse:collapse;font-size:8.5pt}th,td{padding:1px 4px;border:1px solid #cfd6de;text-align:left;vertical-align:top}\
th{font-weight:500;background:#f6f7f9}tr.fault td{color:#b42318;font-weight:700}\
.notes{white-space:pre-wrap}footer{margin-top:5mm;padding-top:2mm;border-top:1px solid #cfd6de}.small{font-size:8pt;color:#5c6b7a}\
@page{size:A4;margin:0}@media print{body{background:#fff}}";

fn yes_no(b: bool) -> &'static str {
    if b {
        "있음"
    } else {
        "없음"
    }
}

/// The basics in the app's Korean words (ui/src/i18n ko `condition`).
fn basics(r: &ConditionReport) -> Vec<(&'static str, String)> {
    let i = &r.input;
    vec![
        ("점검일", format_date_text(&i.inspected_on, Lang::Ko)),
        ("주행거리 (km)", crate::mail::format::grouped(i.odometer_km)),
        (
            "주행거리·계기 상태",
            match i.odometer_state {
                OdometerState::Good => "양호",
                OdometerState::Faulty => "불량",
            }
            .into(),
        ),
        (
            "차대번호 표기",
            match i.vin_check {
                VinCheck::Good => "양호",
                VinCheck::Different => "상이",
                VinCheck::Corroded => "부식",
                VinCheck::Damaged => "훼손(오손)",
                VinCheck::Altered => "변조(변타)",
                VinCheck::PaintedOver => "도말",
            }
            .into(),
        ),
        (
            "튜닝",
            match i.tuning {
                Tuning::None => "없음",
                Tuning::Legal => "적법",
                Tuning::Illegal => "불법",
            }
            .into(),
        ),
        (
            "침수 이력",
            match i.flood {
                Flood::None => "없음",
                Flood::Partial => "일부 침수",
                Flood::Total => "전손 침수",
            }
            .into(),
        ),
        ("화재 이력", yes_no(i.fire).into()),
        (
            "용도 변경 이력",
            match i.use_history {
                UseHistory::None => "없음",
                UseHistory::Rental => "렌트",
                UseHistory::Business => "영업용",
            }
            .into(),
        ),
        ("색상 변경", yes_no(i.color_changed).into()),
        (
            "리콜",
            match i.recall {
                Recall::None => "해당 없음",
                Recall::Pending => "미이행",
                Recall::Done => "이행",
            }
            .into(),
        ),
    ]
}

fn row(out: &mut String, th: &str, td: &str, fault: bool) {
    let class = if fault { " class=\"fault\"" } else { "" };
    let _ = write!(
        out,
        "<tr{class}><th>{}</th><td>{}</td></tr>",
        esc(th),
        esc(td)
    );
}

/// The print page; `svg` (made by the core, escaped there) is inlined.
fn page(v: &Vehicle, r: &ConditionReport, svg: &str) -> String {
    let i = &r.input;
    let mut o = String::new();
    let name = format!("{} {} {}", v.make, v.model, v.trim);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <title>{} {} 성능·상태 점검 기록</title><style>{STYLE}</style></head><body>\
         <article class=\"a4\"><header><h1>중고자동차 성능·상태 점검 기록</h1>\
         <p class=\"car\">{} · {} · {} · VIN {}</p></header>",
        esc(&v.plate),
        esc(&name),
        esc(name.trim()),
        v.year,
        esc(&v.plate),
        esc(&v.vin)
    );
    let _ = write!(
        o,
        "<p class=\"summary\">{}</p><p class=\"small\">{}</p>",
        esc(&r.summary_ko),
        esc(&r.summary_en)
    );
    o.push_str("<h2>확인이 필요한 항목</h2>");
    let findings: Vec<String> = r
        .disclosures
        .iter()
        .filter(|d| d.is_item())
        .map(|d| labels::disclosure(d, Lang::Ko))
        .collect();
    if findings.is_empty() {
        o.push_str("<p>주요 장치 이상 없음</p>");
    } else {
        o.push_str("<ul>");
        for f in &findings {
            let _ = write!(o, "<li>{}</li>", esc(f));
        }
        o.push_str("</ul>");
    }
    let _ = write!(
        o,
        "<h2>외판·골격 점검 그림</h2><div class=\"diagram\">{svg}</div>"
    );
    o.push_str("<div class=\"cols\"><section><h2>기본 사항</h2><table><tbody>");
    for (th, td) in basics(r) {
        row(&mut o, th, &td, false);
    }
    o.push_str("</tbody></table><h2>표시한 부위</h2>");
    if i.panels.is_empty() {
        o.push_str("<p>표시한 부위가 없습니다.</p>");
    } else {
        o.push_str(
            "<table><thead><tr><th>부위</th><th>표시</th><th>도막(µm)</th><th>메모</th></tr></thead><tbody>",
        );
        for p in &i.panels {
            let panel = panels::panel(&p.panel).map_or(p.panel.as_str(), |x| x.ko);
            let marks: Vec<String> = p
                .marks
                .iter()
                .map(|m| format!("{} {}", m.as_str(), m.name(Lang::Ko)))
                .collect();
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(panel),
                esc(&marks.join(", ")),
                p.paint_um.map(|n| n.to_string()).unwrap_or_default(),
                esc(&p.note)
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section><section><h2>주요 장치</h2><table><tbody>");
    let value = |key: &str| {
        i.items
            .iter()
            .find(|x| x.key == key)
            .map(|x| x.value.as_str())
            .unwrap_or("")
    };
    for item in catalog().items {
        let section = SECTIONS
            .iter()
            .find(|s| s.0 == item.section)
            .map_or(item.section, |s| s.1);
        let v = value(item.key);
        let (text, fault) = match v {
            "" => ("미점검", false),
            v => (
                labels::item_state(v, item.states, Lang::Ko),
                v != item.states.fine(),
            ),
        };
        row(&mut o, &format!("{section} · {}", item.ko), text, fault);
    }
    for (key, ko, _) in TYRES {
        let v = value(&format!("tyre.{key}"));
        let text = if v.is_empty() {
            "미점검".to_owned()
        } else {
            format!("{v} mm")
        };
        row(&mut o, &format!("타이어 {ko}"), &text, false);
    }
    o.push_str("</tbody></table></section></div>");
    if !i.comment.is_empty() {
        let _ = write!(
            o,
            "<section><h2>특기사항 · 점검자 의견</h2><p class=\"notes\">{}</p></section>",
            esc(&i.comment)
        );
    }
    let _ = writeln!(
        o,
        "<footer><p>점검자: {} · {}</p><p class=\"small\">이 기록은 판매자가 직접 점검해 작성한 것으로, \
         법정 성능·상태점검기록부를 대신하지 않습니다.</p></footer></article></body></html>",
        esc(&i.inspector),
        esc(&format_date_text(&i.inspected_on, Lang::Ko))
    );
    o
}
