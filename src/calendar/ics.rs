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

use super::model::{Visit, VisitKind, VisitStatus};
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
    let team = text(team);
    let summary = if team.is_empty() {
        "차량 보러 오시는 날 / Car viewing".to_owned()
    } else {
        format!("{team} 방문 / Visit to {team}")
    };
    let mut cal = Calendar::new();
    cal.push(event(v, &summary, location, &v.note));
    with_timezone(cal)
}

/// One booking as a VEVENT: `summary`, `location` and `note` are escaped here.
fn event(v: &Visit, summary: &str, location: &str, note: &str) -> Event {
    let location = text(location);
    let mut event = Event::new();
    event
        .uid(&format!("{}@lotbook", v.id))
        .summary(&text(summary))
        .starts(local(&v.start_at))
        .ends(local(&v.end_at));
    if !location.is_empty() {
        event.location(&location);
    }
    if !note.is_empty() {
        event.description(&text(note));
    }
    event.done()
}

/// The calendar's text with the VTIMEZONE its events' TZID names.
fn with_timezone(mut cal: Calendar) -> String {
    let ics = cal.done().to_string();
    // icalendar writes no VTIMEZONE for a TZID; calendars (Outlook) want one,
    // before the events: the first line that begins one (text inside a value
    // can never start a line, and every value comes after this one).
    match ics.find("\r\nBEGIN:VEVENT\r\n") {
        Some(at) => format!("{}\r\n{VTIMEZONE}{}", &ics[..at], &ics[at + 2..]),
        None => ics,
    }
}

impl Store {
    /// Every booking (visits and blocked time, whatever their status) as one
    /// calendar for the dealer's own calendar program; returns it and how
    /// many bookings it holds.
    pub fn all_visits_ics(&self) -> Result<(String, u32)> {
        let ids: Vec<String> = self
            .conn()
            .prepare("SELECT id FROM visits ORDER BY start_at, id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let lots = self.list_lots()?;
        let mut cal = Calendar::new();
        cal.name("Lotbook");
        for id in &ids {
            let v = self.get_visit(id)?;
            let places: Vec<&str> = v
                .lot_ids
                .iter()
                .filter_map(|id| lots.iter().find(|l| &l.id == id))
                .map(|l| l.name.as_str())
                .collect();
            let who = v.customer_name.as_deref().unwrap_or("");
            let summary = match (v.kind, who.is_empty()) {
                (VisitKind::Blocked, _) => "일정 막음 / Blocked".to_owned(),
                (VisitKind::Visit, true) => "방문 / Visit".to_owned(),
                (VisitKind::Visit, false) => format!("방문: {who} / Visit: {who}"),
            };
            let summary = match v.status {
                VisitStatus::Cancelled => format!("[취소 / cancelled] {summary}"),
                VisitStatus::NoShow => format!("[노쇼 / no-show] {summary}"),
                _ => summary,
            };
            let mut note = String::new();
            if let Some(dealer) = v.user_name.as_deref().filter(|d| !d.is_empty()) {
                note.push_str(&format!("담당 / Dealer: {dealer}\n"));
            }
            note.push_str(&v.note);
            cal.push(event(&v, &summary, &places.join(", "), note.trim_end()));
        }
        Ok((with_timezone(cal), ids.len() as u32))
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
