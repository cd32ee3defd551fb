//! Condition report rows: save (one transaction), list, current.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::items::{item, TYRES};
use super::model::{ConditionInput, ConditionReport, ItemState, PanelMark};
use super::panels::{panel, Mark};
use crate::db::{new_id, now_utc, Store};
use crate::error::{Error, Result};
use crate::inventory::require_vehicle;
use crate::validate;

const COLUMNS: &str = "id, vehicle_id, inspected_on, inspector, odometer_km, odometer_state, vin_check, \
                       tuning, flood, fire, use_history, color_changed, recall, comment, created_at, updated_at";

fn not_found(id: &str) -> Error {
    Error::NotFound {
        what: "condition report",
        id: id.to_owned(),
    }
}

fn marks_text(marks: &[Mark]) -> String {
    marks.iter().map(|m| m.as_str()).collect()
}

fn marks_from(text: &str) -> Vec<Mark> {
    // Stored by us as known letters; an unknown one (a newer version's) is skipped.
    text.chars()
        .filter_map(|c| Mark::parse(c.encode_utf8(&mut [0; 4])))
        .collect()
}

/// Checks every field, naming the one at fault; returns the cleaned input.
fn validated(conn: &Connection, input: &ConditionInput) -> Result<ConditionInput> {
    require_vehicle(conn, &input.vehicle_id)?;
    let mut out = input.clone();
    out.inspected_on = validate::date("inspected_on", &input.inspected_on)?;
    out.inspector = validate::short("inspector", &input.inspector)?;
    out.odometer_km = validate::range("odometer_km", input.odometer_km, 0, 2_000_000)?;
    out.comment = validate::long("comment", &input.comment)?;
    let mut seen = std::collections::HashSet::new();
    out.panels = Vec::new();
    for p in &input.panels {
        if panel(&p.panel).is_none() {
            return Err(Error::invalid(
                "panels",
                crate::error::ErrorCode::UnknownPanel,
                format!("unknown panel {:?}", p.panel),
            ));
        }
        if !seen.insert(p.panel.clone()) {
            return Err(Error::invalid(
                "panels",
                crate::error::ErrorCode::DuplicatePanel,
                format!("panel {:?} is listed twice", p.panel),
            ));
        }
        let mut marks = p.marks.clone();
        marks.sort_by_key(|m| Mark::ALL.iter().position(|x| x == m));
        marks.dedup();
        if let Some(um) = p.paint_um.filter(|um| *um > 5000) {
            return Err(Error::invalid(
                "panels",
                crate::error::ErrorCode::PaintUm,
                format!(
                    "paint thickness {um} µm on {} is not a plausible reading (0–5000)",
                    p.panel
                ),
            ));
        }
        let note = validate::short("panels", &p.note)?;
        if marks.is_empty() && p.paint_um.is_none() && note.is_empty() {
            continue; // an untouched panel is no row
        }
        out.panels.push(PanelMark {
            marks,
            note,
            ..p.clone()
        });
    }
    out.items = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for it in &input.items {
        if !seen.insert(it.key.clone()) {
            return Err(Error::invalid(
                "items",
                crate::error::ErrorCode::DuplicateItem,
                format!("{} is listed twice", it.key),
            ));
        }
        let value = it.value.trim();
        if value.is_empty() {
            continue;
        }
        if let Some(pos) = it.key.strip_prefix("tyre.") {
            if !TYRES.iter().any(|(k, _, _)| *k == pos) {
                return Err(Error::invalid(
                    "items",
                    crate::error::ErrorCode::UnknownItem,
                    format!("unknown tyre position {pos:?}"),
                ));
            }
            let mm: f64 = value.parse().map_err(|_| {
                Error::invalid(
                    "items",
                    crate::error::ErrorCode::TyreTread,
                    format!("tyre {pos}: tread must be a number of millimetres, got {value:?}"),
                )
            })?;
            if !(0.0..=20.0).contains(&mm) {
                return Err(Error::invalid(
                    "items",
                    crate::error::ErrorCode::TyreTread,
                    format!("tyre {pos}: {mm} mm is not a plausible tread depth (0–20)"),
                ));
            }
        } else {
            let info = item(&it.key).ok_or_else(|| {
                Error::invalid(
                    "items",
                    crate::error::ErrorCode::UnknownItem,
                    format!("unknown inspection item {:?}", it.key),
                )
            })?;
            if !info.states.codes().contains(&value) {
                return Err(Error::invalid(
                    "items",
                    crate::error::ErrorCode::ItemState,
                    format!(
                        "{}: {value:?} is not one of {}",
                        it.key,
                        info.states.codes().join(", ")
                    ),
                ));
            }
        }
        out.items.push(ItemState {
            key: it.key.clone(),
            value: value.to_owned(),
        });
    }
    Ok(out)
}

fn write(tx: &Connection, input: &ConditionInput) -> Result<String> {
    let now = now_utc();
    let id = match &input.id {
        Some(id) => {
            let n = tx.execute(
                "UPDATE condition_reports SET inspected_on = ?2, inspector = ?3, odometer_km = ?4,
                   odometer_state = ?5, vin_check = ?6, tuning = ?7, flood = ?8, fire = ?9,
                   use_history = ?10, color_changed = ?11, recall = ?12, comment = ?13, updated_at = ?14
                 WHERE id = ?1 AND vehicle_id = ?15",
                params![
                    id, input.inspected_on, input.inspector, input.odometer_km, input.odometer_state,
                    input.vin_check, input.tuning, input.flood, input.fire, input.use_history,
                    input.color_changed, input.recall, input.comment, now, input.vehicle_id
                ],
            )?;
            if n == 0 {
                return Err(not_found(id));
            }
            id.clone()
        }
        None => {
            let id = new_id();
            tx.execute(
                &format!("INSERT INTO condition_reports ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)"),
                params![
                    id, input.vehicle_id, input.inspected_on, input.inspector, input.odometer_km,
                    input.odometer_state, input.vin_check, input.tuning, input.flood, input.fire,
                    input.use_history, input.color_changed, input.recall, input.comment, now
                ],
            )?;
            id
        }
    };
    // Upsert what is there, delete what is gone: unchanged rows record no change.
    let keep_panels: Vec<String> = input
        .panels
        .iter()
        .map(|p| format!("{id}/{}", p.panel))
        .collect();
    for (p, row_id) in input.panels.iter().zip(&keep_panels) {
        tx.execute(
            "INSERT INTO condition_panels (id, report_id, panel, marks, paint_um, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET marks = excluded.marks, paint_um = excluded.paint_um, note = excluded.note
             WHERE marks IS NOT excluded.marks OR paint_um IS NOT excluded.paint_um OR note IS NOT excluded.note",
            params![row_id, id, p.panel, marks_text(&p.marks), p.paint_um, p.note],
        )?;
    }
    delete_missing(tx, "condition_panels", &id, &keep_panels)?;
    let keep_items: Vec<String> = input
        .items
        .iter()
        .map(|i| format!("{id}/{}", i.key))
        .collect();
    for (it, row_id) in input.items.iter().zip(&keep_items) {
        tx.execute(
            "INSERT INTO condition_items (id, report_id, key, value) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
            params![row_id, id, it.key, it.value],
        )?;
    }
    delete_missing(tx, "condition_items", &id, &keep_items)?;
    Ok(id)
}

fn delete_missing(tx: &Connection, table: &str, report_id: &str, keep: &[String]) -> Result<()> {
    let existing: Vec<String> = tx
        .prepare(&format!("SELECT id FROM {table} WHERE report_id = ?1"))?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for row in existing.iter().filter(|r| !keep.contains(r)) {
        tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [row])?;
    }
    Ok(())
}

fn read(conn: &Connection, r: &Row) -> rusqlite::Result<ConditionReport> {
    let id: String = r.get(0)?;
    let mut panels: Vec<PanelMark> = conn
        .prepare_cached(
            "SELECT panel, marks, paint_um, note FROM condition_panels WHERE report_id = ?1",
        )?
        .query_map([&id], |p| {
            Ok(PanelMark {
                panel: p.get(0)?,
                marks: marks_from(&p.get::<_, String>(1)?),
                paint_um: p.get(2)?,
                note: p.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // The form's order, so the summary and the editor list panels the same way.
    panels.sort_by_key(|p| super::panels::PANELS.iter().position(|x| x.key == p.panel));
    let items: Vec<ItemState> = conn
        .prepare_cached("SELECT key, value FROM condition_items WHERE report_id = ?1 ORDER BY key")?
        .query_map([&id], |i| {
            Ok(ItemState {
                key: i.get(0)?,
                value: i.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let input = ConditionInput {
        id: Some(id.clone()),
        vehicle_id: r.get(1)?,
        inspected_on: r.get(2)?,
        inspector: r.get(3)?,
        odometer_km: r.get(4)?,
        odometer_state: r.get(5)?,
        vin_check: r.get(6)?,
        tuning: r.get(7)?,
        flood: r.get(8)?,
        fire: r.get(9)?,
        use_history: r.get(10)?,
        color_changed: r.get(11)?,
        recall: r.get(12)?,
        panels,
        items,
        comment: r.get(13)?,
    };
    let v = super::preview::verdict(&input);
    Ok(ConditionReport {
        summary_ko: v.summary_ko,
        summary_en: v.summary_en,
        accident: v.accident,
        disclosures: v.disclosures,
        id,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        input,
    })
}

impl Store {
    /// Saves a report (new or edited) with all its marks and items at once.
    pub fn save_condition(&mut self, input: &ConditionInput) -> Result<ConditionReport> {
        let id = self.transact(|tx| {
            let clean = validated(tx, input)?;
            write(tx, &clean)
        })?;
        self.get_condition(&id)
    }

    pub fn get_condition(&self, id: &str) -> Result<ConditionReport> {
        let conn = self.conn();
        conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM condition_reports WHERE id = ?1"
        ))?
        .query_row([id], |r| read(conn, r))
        .optional()?
        .ok_or_else(|| not_found(id))
    }

    /// A vehicle's reports, newest inspection first (the first is current).
    pub fn list_conditions(&self, vehicle_id: &str) -> Result<Vec<ConditionReport>> {
        let conn = self.conn();
        let reports = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM condition_reports WHERE vehicle_id = ?1
                 ORDER BY inspected_on DESC, created_at DESC"
            ))?
            .query_map([vehicle_id], |r| read(conn, r))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reports)
    }

    /// Deletes a report made by mistake (its marks and items go with it;
    /// photos linked to its panels keep their link to the panel).
    pub fn delete_condition(&mut self, id: &str) -> Result<()> {
        self.transact(|tx| {
            match tx.execute("DELETE FROM condition_reports WHERE id = ?1", [id])? {
                0 => Err(not_found(id)),
                _ => Ok(()),
            }
        })
    }

    pub fn current_condition(&self, vehicle_id: &str) -> Result<Option<ConditionReport>> {
        Ok(self.list_conditions(vehicle_id)?.into_iter().next())
    }
}
