//! The rule of every synced column: the one set of checks a value must pass
//! to be written, whether it comes from a form or arrives from the shared
//! folder. Text, e-mail and phone checks are the `validate` module's, so a
//! value a form refuses is also refused when another computer sends it.
//!
//! Every check here is pure: the answer depends only on the table, column
//! and value (never on today's date or on what this database holds), so
//! every computer decides the same for the same change and the team still
//! converges when some changes are set aside.

use rusqlite::types::Value;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

use crate::validate;

/// Why a value or id was refused: a stable code and its parameters (the UI
/// words them in Korean or English; the core holds no UI text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reason {
    pub code: String,
    pub params: BTreeMap<String, String>,
}

impl Reason {
    pub fn new(code: &str) -> Reason {
        Reason {
            code: code.to_owned(),
            params: BTreeMap::new(),
        }
    }

    fn with(mut self, key: &str, value: impl ToString) -> Reason {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }
}

/// The longest id of any synced row (a composite `uuid/word`).
const ID_MAX: usize = 36 + 1 + 40;
/// Generous bounds for a money amount (원) and a distance (km).
const KRW_MAX: i64 = 1_000_000_000_000;
const KM_MAX: i64 = 10_000_000;
/// A model year is checked against today on forms; here the bound must not
/// move with the date, or two computers could decide differently.
const YEAR: (i64, i64) = (1900, 2200);
const JSON_MAX: usize = 100_000;

#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Single-line text of at most n characters; `true` = must not be empty.
    Line(usize, bool),
    /// Like `Line(n, false)`, or NULL.
    OptLine(usize),
    /// Text with line breaks allowed, at most n characters.
    Multi(usize),
    Int(i64, i64),
    OptInt(i64, i64),
    Bool,
    Enum(&'static [&'static str]),
    OptEnum(&'static [&'static str]),
    Date,
    OptDate,
    /// An RFC 3339 time, as every `*_at` column holds.
    Stamp,
    OptStamp,
    Email,
    Phone,
    /// The id of another synced row.
    Ref,
    OptRef,
    /// JSON text.
    Json,
    OptJson,
    Hash,
    OptHash,
    /// A recall's VIN list (`validate::vin_list_is_valid`).
    VinList,
    /// A short lowercase key (`3d`, `door_fl`, `tyre.fl`).
    Word,
    OptWord,
    /// A setting's value: checked as the setting's own rule.
    Setting,
}

use Rule::*;

const FUEL: &[&str] = &["gasoline", "diesel", "lpg", "hybrid", "electric", "other"];
const LANG: &[&str] = &["ko", "en"];

/// Where a car stands with a recall (`recalls::RecallState`).
pub(crate) const RECALL_STATES: &[&str] = &["open", "done", "not_applicable"];

const STAMPS: &[(&str, Rule)] = &[("created_at", Stamp), ("updated_at", Stamp)];

/// The rule of `table`.`col`; `None` for a column this version does not
/// know (a newer Lotbook's), which the merge keeps in the log only.
fn rule(table: &str, col: &str) -> Option<Rule> {
    if let Some((_, r)) = STAMPS.iter().find(|(c, _)| *c == col) {
        if table != "condition_panels" && table != "condition_items" {
            return Some(*r);
        }
    }
    let line = Line(validate::SHORT_TEXT_MAX, false);
    let name = Line(validate::SHORT_TEXT_MAX, true);
    let long = Multi(validate::LONG_TEXT_MAX);
    Some(match (table, col) {
        ("users", "name") | ("lots", "name") | ("customers", "name") => name,
        ("users", "email") | ("customers", "email") | ("mail_sends", "to_addr") => Email,
        ("users", "phone") | ("lots", "phone") | ("customers", "phone") => Phone,
        ("lots", "address") => line,
        ("vehicles", "make") | ("vehicles", "trim") | ("vehicles", "plate") => line,
        ("vehicles", "vin") | ("vehicles", "color") => line,
        ("vehicles", "model") => name,
        ("vehicles", "year") => Int(YEAR.0, YEAR.1),
        ("vehicles", "first_registration") => OptDate,
        ("vehicles", "odometer_km") => Int(0, KM_MAX),
        ("vehicles", "fuel") => Enum(FUEL),
        ("vehicles", "transmission") => Enum(&["auto", "manual", "semi_auto", "cvt", "other"]),
        ("vehicles", "price_krw") => Int(0, KRW_MAX),
        ("vehicles", "lot_id") => Ref,
        ("vehicles", "status") => Enum(&["in_stock", "reserved", "sold", "withdrawn"]),
        ("vehicles", "stock_date") => Date,
        ("vehicles", "notes") => long,
        ("vehicles", "tags") => Json,
        ("customers", "region") | ("customers", "current_car") => line,
        ("customers", "want_color") => line,
        ("customers", "source") => Enum(&[
            "blog",
            "referral",
            "walk_in",
            "listing_site",
            "repeat",
            "phone",
            "other",
        ]),
        ("customers", "trade_in") | ("customers", "consent_contact") => Bool,
        ("customers", "want_models") => Json,
        ("customers", "want_year_min") | ("customers", "want_year_max") => OptInt(YEAR.0, YEAR.1),
        ("customers", "want_budget_max_krw") => OptInt(0, KRW_MAX),
        ("customers", "want_mileage_max_km") => OptInt(0, KM_MAX),
        ("customers", "want_fuel") => OptEnum(FUEL),
        ("customers", "assigned_user_id") => OptRef,
        ("customers", "notes") => long,
        ("photos", "vehicle_id") => Ref,
        ("photos", "hash") => Hash,
        ("photos", "shared_hash") => OptHash,
        ("photos", "format") => Enum(&["jpeg", "png", "heic"]),
        ("photos", "width") | ("photos", "height") => Int(1, 1_000_000),
        ("photos", "bytes") => Int(1, i64::MAX),
        ("photos", "original_name") => Line(1000, false),
        ("photos", "position") => Int(0, 1_000_000),
        ("photos", "caption") => line,
        ("photos", "part") => OptWord,
        ("photos", "folder_archived_at") => OptStamp,
        ("condition_reports", "vehicle_id") => Ref,
        ("condition_reports", "inspected_on") => Date,
        ("condition_reports", "inspector") => line,
        ("condition_reports", "odometer_km") => Int(0, KM_MAX),
        ("condition_reports", "odometer_state") => Enum(&["good", "faulty"]),
        ("condition_reports", "vin_check") => Enum(&[
            "good",
            "different",
            "corroded",
            "damaged",
            "altered",
            "painted_over",
        ]),
        ("condition_reports", "tuning") => Enum(&["none", "legal", "illegal"]),
        ("condition_reports", "flood") => Enum(&["none", "partial", "total"]),
        ("condition_reports", "fire") | ("condition_reports", "color_changed") => Bool,
        ("condition_reports", "use_history") => Enum(&["none", "rental", "business"]),
        ("condition_reports", "recall") => Enum(&["none", "pending", "done"]),
        ("condition_reports", "comment") => long,
        ("condition_panels", "report_id") | ("condition_items", "report_id") => Ref,
        ("condition_panels", "panel") | ("condition_items", "key") => Word,
        ("condition_panels", "marks") => line,
        ("condition_panels", "paint_um") => OptInt(0, 5000),
        ("condition_panels", "note") => long,
        ("condition_items", "value") => long,
        ("settings", "value") => Setting,
        ("interactions", "customer_id") => Ref,
        ("interactions", "kind") => Enum(&[
            "inquiry", "reply", "call", "email", "visit", "handover", "note",
        ]),
        ("interactions", "channel") => Enum(&[
            "phone",
            "email",
            "sms",
            "messenger",
            "web",
            "walk_in",
            "other",
        ]),
        ("interactions", "at") => Stamp,
        ("interactions", "summary") => long,
        ("interactions", "user_id") | ("interactions", "send_id") => OptRef,
        ("interactions", "shortlist_id") => OptRef,
        ("interactions", "message_id") => OptLine(1000),
        ("mail_leads", "message_id") => Line(1000, true),
        ("mail_leads", "from_addr") => Line(320, true),
        ("mail_leads", "from_name") | ("mail_leads", "subject") => Line(1000, false),
        ("mail_leads", "preview") => long,
        ("mail_leads", "at") => Stamp,
        ("mail_leads", "state") => Enum(&["new", "accepted", "dismissed"]),
        ("mail_leads", "customer_id") => OptRef,
        ("shortlists", "customer_id") => Ref,
        ("shortlists", "title") => line,
        ("shortlist_items", "shortlist_id") | ("shortlist_items", "vehicle_id") => Ref,
        ("shortlist_items", "position") => Int(0, 1_000_000),
        ("shortlist_items", "photo_ids") => OptJson,
        ("shortlist_items", "note") => long,
        ("mail_sends", "customer_id") => Ref,
        ("mail_sends", "shortlist_id") | ("mail_sends", "user_id") => OptRef,
        ("mail_sends", "output") => Enum(&["eml", "smtp", "export"]),
        ("mail_sends", "state") => Enum(&["saved", "queued", "sent", "failed"]),
        ("mail_sends", "subject") | ("mail_sends", "message_id") => Line(1000, false),
        ("mail_sends", "lang") | ("campaigns", "lang") => Enum(LANG),
        ("mail_sends", "contents") => Json,
        ("mail_sends", "bytes") => Int(0, i64::MAX),
        ("mail_sends", "detail") => long,
        ("visits", "kind") => Enum(&["visit", "blocked"]),
        ("visits", "customer_id") | ("visits", "user_id") => OptRef,
        ("visits", "start_at") => Stamp,
        ("visits", "minutes") => Int(5, 1440),
        ("visits", "lot_ids") | ("visits", "vehicle_ids") => Json,
        ("visits", "status") => {
            Enum(&["booked", "late", "arrived", "done", "no_show", "cancelled"])
        }
        ("visits", "note") => long,
        ("visits", "overridden") => Bool,
        ("sales", "customer_id") | ("sales", "vehicle_id") => Ref,
        ("sales", "price_krw") => Int(0, KRW_MAX),
        ("sales", "delivered_on") => Date,
        ("sales", "user_id") => OptRef,
        ("follow_ups", "sale_id") => Ref,
        ("follow_ups", "step") => Word,
        ("follow_ups", "due_on") => Date,
        ("follow_ups", "snoozed_until") => OptDate,
        ("follow_ups", "state") => Enum(&["open", "done", "skipped"]),
        ("follow_ups", "note") => long,
        ("follow_ups", "closed_at") => OptStamp,
        ("campaigns", "title") => name,
        ("campaigns", "code") => line,
        ("campaigns", "filter") => Json,
        ("campaigns", "subject") => Line(1000, false),
        ("campaigns", "body") => Multi(JSON_MAX),
        ("campaign_recipients", "campaign_id") | ("campaign_recipients", "sale_id") => Ref,
        ("campaign_recipients", "state") => Enum(&["queued", "no_email", "failed"]),
        ("campaign_recipients", "send_id") => OptRef,
        ("campaign_recipients", "detail") => long,
        ("campaign_recipients", "at") => Stamp,
        ("recalls", "maker") | ("recalls", "title") => line,
        ("recalls", "code") => Line(validate::SHORT_TEXT_MAX, true),
        ("recalls", "remedy") => long,
        ("recalls", "deadline") => OptDate,
        ("recalls", "campaign_id") => OptRef,
        ("recalls", "vins") => VinList,
        ("vehicle_recalls", "recall_id") | ("vehicle_recalls", "vehicle_id") => Ref,
        ("vehicle_recalls", "state") => Enum(RECALL_STATES),
        ("vehicle_recalls", "done_on") => OptDate,
        ("vehicle_recalls", "done_by") => line,
        ("vehicle_recalls", "reason") => long,
        _ => return None,
    })
}

/// Checks a value arriving for `table`.`col`. A column this version does
/// not know passes: the merge keeps it in the log only.
pub fn check_value(table: &str, col: &str, value: &Value) -> Result<(), Reason> {
    match rule(table, col) {
        Some(r) => check(r, table, value),
        None => Ok(()),
    }
}

/// [`check_value`] for the field `col` of the row `row`: a team setting's
/// value (`settings`.`value`, its row id the key) is also checked as the
/// setting's own rule ([`crate::settings::TeamKey::check`]), so a bad
/// value from the shared folder is set aside like any refused value. Pure:
/// the key and the value decide.
pub fn check_field(table: &str, row: &str, col: &str, value: &Value) -> Result<(), Reason> {
    check_value(table, col, value)?;
    if (table, col) != ("settings", "value") {
        return Ok(());
    }
    match (crate::settings::TeamKey::parse(row), value) {
        (Some(key), Value::Text(t)) => key
            .check(t)
            .map(|_| ())
            // Worded like any value outside its allowed words.
            .map_err(|_| Reason::new("not_allowed").with("key", row)),
        _ => Ok(()),
    }
}

/// True when this version has a rule for the column (it syncs it).
pub fn knows(table: &str, col: &str) -> bool {
    rule(table, col).is_some()
}

/// Checks a synced row's id: a UUID, or for the rows one per parent and
/// key (condition panels and items, shortlist items, follow-ups, campaign
/// recipients) `uuid/key` as their records build it; a setting's id is its
/// key. Ids become parts of SQL parameters and never of paths, but a
/// malformed one marks a change no Lotbook wrote.
pub fn check_row_id(table: &str, id: &str) -> Result<(), Reason> {
    let ok = match table {
        "settings" => is_word(id),
        "condition_panels" | "condition_items" | "follow_ups" => id
            .split_once('/')
            .is_some_and(|(p, k)| validate::is_uuid(p) && is_word(k)),
        "shortlist_items" | "campaign_recipients" | "vehicle_recalls" => id
            .split_once('/')
            .is_some_and(|(a, b)| validate::is_uuid(a) && validate::is_uuid(b)),
        _ => validate::is_uuid(id),
    };
    if ok && id.len() <= ID_MAX {
        Ok(())
    } else {
        Err(Reason::new("bad_id"))
    }
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Turns a `validate` error into a reason: its code, and its field's limit
/// where it has one.
fn from_validate(r: crate::error::Result<impl Sized>) -> Result<(), Reason> {
    match r {
        Ok(_) => Ok(()),
        Err(crate::Error::Invalid(f)) => Err(Reason::new(f.code.as_str())),
        Err(_) => Err(Reason::new("invalid")),
    }
}

fn check(rule: Rule, table: &str, value: &Value) -> Result<(), Reason> {
    let null_ok = matches!(
        rule,
        OptInt(..)
            | OptEnum(_)
            | OptDate
            | OptStamp
            | OptRef
            | OptJson
            | OptWord
            | OptLine(_)
            | OptHash
    );
    if matches!(value, Value::Null) {
        return if null_ok {
            Ok(())
        } else {
            Err(Reason::new("missing"))
        };
    }
    match rule {
        Int(min, max) | OptInt(min, max) => {
            let Value::Integer(n) = *value else {
                return Err(Reason::new("not_a_number"));
            };
            if n < min || n > max {
                return Err(Reason::new("out_of_range")
                    .with("min", min)
                    .with("max", max));
            }
            Ok(())
        }
        Bool => match value {
            Value::Integer(0 | 1) => Ok(()),
            Value::Integer(_) => Err(Reason::new("out_of_range").with("min", 0).with("max", 1)),
            _ => Err(Reason::new("not_a_number")),
        },
        _ => {
            let Value::Text(t) = value else {
                return Err(Reason::new("not_text"));
            };
            check_text(rule, table, t)
        }
    }
}

fn check_text(rule: Rule, table: &str, t: &str) -> Result<(), Reason> {
    match rule {
        OptLine(max) => check_text(Line(max, false), table, t),
        Line(max, required) => {
            from_validate(validate::text("value", t, required, max))?;
            // Stored values are trimmed; surrounding spaces are allowed in
            // what arrives, but no line break anywhere.
            from_validate(validate::no_control("value", t, false))
        }
        Multi(max) => from_validate(validate::text("value", t, false, max)),
        Enum(words) | OptEnum(words) => {
            if words.contains(&t) {
                Ok(())
            } else {
                Err(Reason::new("not_allowed"))
            }
        }
        Date | OptDate => {
            let ok = t.len() == 10 && chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok();
            if ok {
                Ok(())
            } else {
                Err(Reason::new("bad_date"))
            }
        }
        Stamp | OptStamp => {
            if t.len() <= 40 && chrono::DateTime::parse_from_rfc3339(t).is_ok() {
                Ok(())
            } else {
                Err(Reason::new("bad_time"))
            }
        }
        Email => {
            // The stored form has no surrounding spaces: a value that needs
            // trimming is not one Lotbook wrote.
            if t.trim() != t {
                return Err(Reason::new("bad_email"));
            }
            validate::email("email", t)
                .map(|_| ())
                .map_err(|_| Reason::new("bad_email"))
        }
        Phone => validate::phone("phone", t)
            .map(|_| ())
            .map_err(|_| Reason::new("bad_phone")),
        Ref | OptRef => {
            if validate::is_uuid(t) {
                Ok(())
            } else {
                Err(Reason::new("bad_id"))
            }
        }
        Json | OptJson => {
            if t.len() <= JSON_MAX && serde_json::from_str::<serde_json::Value>(t).is_ok() {
                Ok(())
            } else {
                Err(Reason::new("bad_json"))
            }
        }
        Hash | OptHash => {
            if validate::is_hash(t) {
                Ok(())
            } else {
                Err(Reason::new("bad_hash"))
            }
        }
        VinList => {
            if validate::vin_list_is_valid(t) {
                Ok(())
            } else {
                Err(Reason::new("bad_vin_list"))
            }
        }
        Word | OptWord => {
            if is_word(t) {
                Ok(())
            } else {
                Err(Reason::new("bad_key"))
            }
        }
        Setting => {
            let _ = table;
            from_validate(validate::text("value", t, false, validate::LONG_TEXT_MAX))
        }
        Int(..) | OptInt(..) | Bool => Ok(()),
    }
}

#[cfg(test)]
mod tests;
