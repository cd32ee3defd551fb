//! `.ics` invitations (RFC 5545) for a visit: the lot's name and address as
//! the location, times in Asia/Seoul with its VTIMEZONE, a stable UID so a
//! moved visit updates the customer's calendar entry instead of adding one.
//!
//! Text (the note, lot names and addresses, the team's name, any of which
//! may have come from another computer) is RFC 5545 TEXT: the icalendar
//! crate escapes `\\ ; ,` and a line feed as `\n`, and folds lines at 75
//! octets on character boundaries; [`text`] first makes every CR, CR LF and
//! other line break a line feed and drops the other control characters,
//! which the crate would write raw (a bare CR ends a line for some readers).

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
        date_time: parse_utc(t)
            .with_timezone(&chrono_tz::Asia::Seoul)
            .naive_local(),
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

/// `s` as the icalendar crate can escape it: line breaks (CR LF, bare CR,
/// the Unicode ones) become `\n`, other control characters go (RFC 5545
/// allows none but tab in a value).
fn text(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter_map(|c| match c {
            '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn render(v: &Visit, location: &str, team: &str) -> String {
    let (location, team) = (text(location), text(team));
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
        event.location(&location);
    }
    if !v.note.is_empty() {
        event.description(&text(&v.note));
    }
    let mut cal = Calendar::new();
    cal.push(event.done());
    let ics = cal.done().to_string();
    // icalendar writes no VTIMEZONE for a TZID; calendars (Outlook) want one,
    // before the event: the first line that begins it (text inside a value
    // can never start a line, and every value comes after this one).
    match ics.find("\r\nBEGIN:VEVENT\r\n") {
        Some(at) => format!("{}\r\n{VTIMEZONE}{}", &ics[..at], &ics[at + 2..]),
        None => ics,
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
