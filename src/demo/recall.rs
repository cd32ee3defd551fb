//! The demo's recall file: the maker's list for the story's recall
//! (R-2026-11, the 그랜저 fuel pump), read like any recall file. The sold
//! cars it lists were already told by the demo's campaign, which becomes the
//! recall's; one 그랜저 still in stock carries the open recall (리콜 미조치).

use chrono::{Duration, NaiveDate};

use super::story::RECALL_MODEL;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::recalls::RecallFileRequest;
use crate::sheets::SheetRequest;

pub(super) fn open_recall(store: &mut Store, campaign_id: &str, today: NaiveDate) -> Result<()> {
    // Every sold 그랜저, and the one in stock longest.
    let vins: Vec<String> = store
        .conn()
        .prepare(
            "SELECT vin FROM vehicles WHERE model = ?1 AND vin <> '' AND (status = 'sold' OR id =
                 (SELECT id FROM vehicles WHERE model = ?1 AND status = 'in_stock' AND vin <> ''
                  ORDER BY stock_date, id LIMIT 1))
             ORDER BY vin",
        )?
        .query_map([RECALL_MODEL], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let deadline = today + Duration::days(90);
    let mut csv = String::from("리콜 코드,리콜 제목,시정 방법,시정 기한,차대번호\n");
    for vin in &vins {
        csv.push_str(&format!(
            "R-2026-11,{RECALL_MODEL} 연료펌프 결함,연료펌프 무상 점검·교환,{deadline},{vin}\n"
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| Error::Other(e.to_string()))?;
    let path = dir.path().join("현대-R-2026-11.csv");
    std::fs::write(&path, csv).map_err(|e| Error::io(&path, e))?;
    let report = store.import_recall_file(
        &RecallFileRequest {
            file: SheetRequest {
                path: path.to_string_lossy().into_owned(),
                ..Default::default()
            },
            maker: "현대".into(),
        },
        Default::default(),
    )?;
    if let Some(recall) = report.recalls.first() {
        store.link_recall_campaign(&recall.id, campaign_id)?;
    }
    Ok(())
}
