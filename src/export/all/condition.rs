//! Each condition report as the app's print page (an A4 sheet in HTML, the
//! same sections as ConditionPrintScreen: verdict and summary, findings,
//! diagram, basics, marked panels, every item and tyre, comment, inspector)
//! and its panel diagram as SVG, in the language the export was asked in
//! (the app's language, the CLI's --lang or LANG).

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
    let lang = control.lang;
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
            let svg = diagram::svg(&marks_of(&report.input), lang, None);
            // One stem for both files, so the page and its diagram sort together.
            let stem = format!("{} {}", report.input.inspected_on, words(lang).stem);
            let stem = names.name(&stem, "report", "");
            write_atomic(&car_dir.join(format!("{stem}.svg")), svg.as_bytes())?;
            let html = page(&car.vehicle, report, &svg, lang);
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

/// The page's fixed words in one language: the app's print page words
/// them through its i18n (ui/src/i18n `condition`), these are the same.
struct Words {
    title: &'static str,
    accident: &'static str,
    no_accident: &'static str,
    attention: &'static str,
    all_fine: &'static str,
    diagram: &'static str,
    basics: &'static str,
    marked: &'static str,
    no_marked: &'static str,
    panel_head: [&'static str; 4],
    mechanical: &'static str,
    unset: &'static str,
    tyre: &'static str,
    comment: &'static str,
    signed: &'static str,
    disclaimer: &'static str,
    stem: &'static str,
}

const KO: Words = Words {
    title: "중고자동차 성능·상태 점검 기록",
    accident: "사고",
    no_accident: "무사고",
    attention: "확인이 필요한 항목",
    all_fine: "주요 장치 이상 없음",
    diagram: "외판·골격 점검 그림",
    basics: "기본 사항",
    marked: "표시한 부위",
    no_marked: "표시한 부위가 없습니다.",
    panel_head: ["부위", "표시", "도막(µm)", "메모"],
    mechanical: "주요 장치",
    unset: "미점검",
    tyre: "타이어",
    comment: "특기사항 · 점검자 의견",
    signed: "점검자",
    disclaimer: "이 기록은 판매자가 직접 점검해 작성한 것으로, 법정 성능·상태점검기록부를 대신하지 않습니다.",
    stem: "점검",
};

const EN: Words = Words {
    title: "Used car condition report",
    accident: "Accident",
    no_accident: "No accident",
    attention: "Needs attention",
    all_fine: "No mechanical faults found",
    diagram: "Panel and frame diagram",
    basics: "Basics",
    marked: "Marked panels",
    no_marked: "No panel marked.",
    panel_head: ["Panel", "Marks", "Paint (µm)", "Note"],
    mechanical: "Mechanical",
    unset: "Not checked",
    tyre: "Tyre",
    comment: "Remarks and inspector's comment",
    signed: "Inspector",
    disclaimer: "Filled in by the dealer after their own inspection; it does not replace the statutory inspection record.",
    stem: "inspection",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ko => &KO,
        Lang::En => &EN,
    }
}

/// Korean first, English second (the pair of each value).
fn pick(lang: Lang, ko: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Ko) => "있음",
        (false, Lang::Ko) => "없음",
        (true, Lang::En) => "Yes",
        (false, Lang::En) => "No",
    }
}

/// The basics in the app's words (ui/src/i18n `condition`).
fn basics(r: &ConditionReport, lang: Lang) -> Vec<(&'static str, String)> {
    let i = &r.input;
    let p = |ko, en| pick(lang, ko, en);
    vec![
        (
            p("점검일", "Inspection date"),
            format_date_text(&i.inspected_on, lang),
        ),
        (
            p("주행거리 (km)", "Odometer (km)"),
            crate::mail::format::grouped(i.odometer_km),
        ),
        (
            p("주행거리·계기 상태", "Odometer and gauges"),
            match i.odometer_state {
                OdometerState::Good => p("양호", "Good"),
                OdometerState::Faulty => p("불량", "Faulty"),
            }
            .into(),
        ),
        (
            p("차대번호 표기", "VIN plate"),
            match i.vin_check {
                VinCheck::Good => p("양호", "Good"),
                VinCheck::Different => p("상이", "Different"),
                VinCheck::Corroded => p("부식", "Corroded"),
                VinCheck::Damaged => p("훼손(오손)", "Damaged"),
                VinCheck::Altered => p("변조(변타)", "Altered"),
                VinCheck::PaintedOver => p("도말", "Painted over"),
            }
            .into(),
        ),
        (
            p("튜닝", "Modifications"),
            match i.tuning {
                Tuning::None => p("없음", "None"),
                Tuning::Legal => p("적법", "Legal"),
                Tuning::Illegal => p("불법", "Illegal"),
            }
            .into(),
        ),
        (
            p("침수 이력", "Flood history"),
            match i.flood {
                Flood::None => p("없음", "None"),
                Flood::Partial => p("일부 침수", "Partial flood"),
                Flood::Total => p("전손 침수", "Total flood"),
            }
            .into(),
        ),
        (p("화재 이력", "Fire history"), yes_no(i.fire, lang).into()),
        (
            p("용도 변경 이력", "Former use"),
            match i.use_history {
                UseHistory::None => p("없음", "None"),
                UseHistory::Rental => p("렌트", "Rental"),
                UseHistory::Business => p("영업용", "Commercial"),
            }
            .into(),
        ),
        (
            p("색상 변경", "Colour changed"),
            yes_no(i.color_changed, lang).into(),
        ),
        (
            p("리콜", "Recall"),
            match i.recall {
                Recall::None => p("해당 없음", "None"),
                Recall::Pending => p("미이행", "Outstanding"),
                Recall::Done => p("이행", "Done"),
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

/// The print page in `lang`; `svg` (made by the core, escaped there) is
/// inlined. As honest as the app's: the accident verdict and every history
/// finding beside the summary, items to check, unchecked items as such.
fn page(v: &Vehicle, r: &ConditionReport, svg: &str, lang: Lang) -> String {
    let w = words(lang);
    let i = &r.input;
    let mut o = String::new();
    let name = format!("{} {} {}", v.make, v.model, v.trim);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <title>{} {} {}</title><style>{STYLE}</style></head><body>\
         <article class=\"a4\"><header><h1>{}</h1>\
         <p class=\"car\">{} · {} · {} · VIN {}</p></header>",
        lang.as_str(),
        esc(&v.plate),
        esc(&name),
        esc(w.title),
        esc(w.title),
        esc(name.trim()),
        v.year,
        esc(&v.plate),
        esc(&v.vin)
    );
    let mut verdict = vec![if r.accident {
        w.accident
    } else {
        w.no_accident
    }
    .to_owned()];
    verdict.extend(
        r.disclosures
            .iter()
            .filter(|d| !d.is_item())
            .map(|d| labels::disclosure(d, lang)),
    );
    let items = r.disclosures.iter().filter(|d| d.is_item()).count();
    if items > 0 {
        verdict.push(labels::attention_count(items, lang));
    }
    let summary = match lang {
        Lang::Ko => &r.summary_ko,
        Lang::En => &r.summary_en,
    };
    let _ = write!(
        o,
        "<p class=\"summary\">{}</p><p>{}</p>",
        esc(&verdict.join(" · ")),
        esc(summary)
    );
    let _ = write!(o, "<h2>{}</h2>", esc(w.attention));
    let findings: Vec<String> = r
        .disclosures
        .iter()
        .filter(|d| d.is_item())
        .map(|d| labels::disclosure(d, lang))
        .collect();
    if findings.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(w.all_fine));
    } else {
        o.push_str("<ul>");
        for f in &findings {
            let _ = write!(o, "<li>{}</li>", esc(f));
        }
        o.push_str("</ul>");
    }
    let _ = write!(
        o,
        "<h2>{}</h2><div class=\"diagram\">{svg}</div>",
        esc(w.diagram)
    );
    let _ = write!(
        o,
        "<div class=\"cols\"><section><h2>{}</h2><table><tbody>",
        esc(w.basics)
    );
    for (th, td) in basics(r, lang) {
        row(&mut o, th, &td, false);
    }
    let _ = write!(o, "</tbody></table><h2>{}</h2>", esc(w.marked));
    if i.panels.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(w.no_marked));
    } else {
        o.push_str("<table><thead><tr>");
        for th in w.panel_head {
            let _ = write!(o, "<th>{}</th>", esc(th));
        }
        o.push_str("</tr></thead><tbody>");
        for p in &i.panels {
            let panel =
                panels::panel(&p.panel).map_or(p.panel.as_str(), |x| pick(lang, x.ko, x.en));
            let marks: Vec<String> = p
                .marks
                .iter()
                .map(|m| format!("{} {}", m.as_str(), m.name(lang)))
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
    let _ = write!(
        o,
        "</section><section><h2>{}</h2><table><tbody>",
        esc(w.mechanical)
    );
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
            .map_or(item.section, |s| pick(lang, s.1, s.2));
        let v = value(item.key);
        let (text, fault) = match v {
            "" => (w.unset, false),
            v => (
                labels::item_state(v, item.states, lang),
                v != item.states.fine(),
            ),
        };
        let part = pick(lang, item.ko, item.en);
        row(&mut o, &format!("{section} · {part}"), text, fault);
    }
    for (key, ko, en) in TYRES {
        let v = value(&format!("tyre.{key}"));
        let text = if v.is_empty() {
            w.unset.to_owned()
        } else {
            format!("{v} mm")
        };
        let name = pick(lang, ko, en);
        row(&mut o, &format!("{} {name}", w.tyre), &text, false);
    }
    o.push_str("</tbody></table></section></div>");
    if !i.comment.is_empty() {
        let _ = write!(
            o,
            "<section><h2>{}</h2><p class=\"notes\">{}</p></section>",
            esc(w.comment),
            esc(&i.comment)
        );
    }
    let _ = writeln!(
        o,
        "<footer><p>{}: {} · {}</p><p class=\"small\">{}</p></footer></article></body></html>",
        esc(w.signed),
        esc(&i.inspector),
        esc(&format_date_text(&i.inspected_on, lang)),
        esc(w.disclaimer)
    );
    o
}
