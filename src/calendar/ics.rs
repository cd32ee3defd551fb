//! `.ics` invitations (RFC 5545) for a visit: the lot's name and address as
//! the location, times in Asia/Seoul with its VTIMEZONE, a stable UID so a
//! moved visit updates the customer's calendar entry instead of adding one.

use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

use super::model::Visit;
use super::visits::parse_utc;
use crate::db::Store;
use crate::error::Result;

pub const TZID: &str = "Asia/Seoul";

/// Korea has kept +09:00 without summer time since 1988.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Asia/Seoul\r\nBEGIN:STANDARD\r\n\
DTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:KST\r\n\
END:STANDARD\r\nEND:VTIMEZONE\r\n";

fn local(t: &str) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: parse_utc(t).with_timezone(&super::kst()).naive_local(),
        tzid: TZID.into(),
    }
}

impl Store {
    /// The visit as an iCalendar file.
    pub fn visit_ics(&self, visit_id: &str) -> Result<String> {
        let v = self.get_visit(visit_id)?;
        let lots = self.list_lots()?;
        let places: Vec<String> = v
            .lot_ids
            .iter()
            .filter_map(|id| lots.iter().find(|l| &l.id == id))
            .map(|l| match l.address.is_empty() {
                true => l.name.clone(),
                false => format!("{} ({})", l.name, l.address),
            })
            .collect();
        let team = self
            .setting(crate::mail::TEAM_NAME_KEY)?
            .unwrap_or_default();
        Ok(render(&v, &places.join(", "), &team))
    }
}

fn render(v: &Visit, location: &str, team: &str) -> String {
    let summary = if team.is_empty() {
        "차량 보러 오시는 날 / Car viewing".to_owned()
    } else {
        format!("{team} 방문 / Visit to {team}")
    };
    let mut event = Event::new();
    event
        .uid(&format!("{}@lotbook", v.id))
        .summary(&summary)
        .starts(local(&v.start_at))
        .ends(local(&v.end_at));
    if !location.is_empty() {
        event.location(location);
    }
    if !v.note.is_empty() {
        event.description(&v.note);
    }
    let mut cal = Calendar::new();
    cal.push(event.done());
    let text = cal.done().to_string();
    // icalendar writes no VTIMEZONE for a TZID; calendars (Outlook) want one.
    match text.rfind("BEGIN:VEVENT") {
        Some(at) => format!("{}{VTIMEZONE}{}", &text[..at], &text[at..]),
        None => text,
    }
}

impl Store {
    /// Saves the visit's `.ics` into the save folder (Downloads); returns the path.
    pub fn save_visit_ics(&self, visit_id: &str) -> Result<String> {
        let ics = self.visit_ics(visit_id)?;
        let dir = crate::mail::outbox::default_save_dir();
        std::fs::create_dir_all(&dir).map_err(|e| crate::Error::io(&dir, e))?;
        let path = crate::fsutil::unique_path(&dir, "visit", ".ics");
        crate::fsutil::write_atomic(&path, ics.as_bytes())?;
        Ok(path.display().to_string())
    }
}
