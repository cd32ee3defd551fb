//! Team-wide settings that travel with sync (mail templates, the reply
//! deadline, working hours): one row per key in `settings`, captured like
//! all user data. Device-only settings live in `local_meta` instead.

use rusqlite::{Connection, OptionalExtension};

use crate::db::{now_utc, Store};
use crate::error::{Error, Result};

pub mod schedule;

/// The team settings the app's settings screen edits: their names, defaults
/// and checks live here, so the domains that read them depend on settings
/// and never the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TeamKey {
    /// The team's name in emails and invitations.
    TeamName,
    /// Minutes of working hours a customer may wait for a reply.
    ReplyWithin,
    /// Minutes kept free between two visits of a dealer.
    VisitBuffer,
    /// The follow-up steps after a sale ([`schedule`]).
    CareSchedule,
    /// The team's IANA time zone.
    TimeZone,
    /// What the shared folder carries of each photo: the shared size
    /// (default; bounded growth) or the camera originals (teams with room).
    PhotoFiles,
    /// After how many days since its sale a sold car's photos are archived
    /// out of the data folder into this computer's backup location
    /// ([`crate::photos::archive`]): `off` (default) or 90, 180, 365.
    ArchiveSoldAfter,
}

/// [`TeamKey::PhotoFiles`]: the shared size of each photo (1920 px).
pub const PHOTO_FILES_SHARED: &str = "shared_size";
/// [`TeamKey::PhotoFiles`]: the camera originals.
pub const PHOTO_FILES_ORIGINALS: &str = "originals";
/// [`TeamKey::ArchiveSoldAfter`]: nothing is archived.
pub const ARCHIVE_OFF: &str = "off";
/// [`TeamKey::ArchiveSoldAfter`]: the ages (days since the sale) offered.
pub const ARCHIVE_DAYS: &[&str] = &["90", "180", "365"];

impl TeamKey {
    pub const ALL: &'static [TeamKey] = &[
        TeamKey::TeamName,
        TeamKey::ReplyWithin,
        TeamKey::VisitBuffer,
        TeamKey::CareSchedule,
        TeamKey::TimeZone,
        TeamKey::PhotoFiles,
        TeamKey::ArchiveSoldAfter,
    ];

    /// The row's id in `settings` (and the key the UI and CLI name).
    pub const fn as_str(self) -> &'static str {
        match self {
            TeamKey::TeamName => "team.name",
            TeamKey::ReplyWithin => "reply.within_minutes",
            TeamKey::VisitBuffer => "calendar.buffer_minutes",
            TeamKey::CareSchedule => "care.schedule",
            TeamKey::TimeZone => "team.time_zone",
            TeamKey::PhotoFiles => "sync.photo_files",
            TeamKey::ArchiveSoldAfter => "photos.archive_sold_after_days",
        }
    }

    /// What an unset setting means.
    pub const fn default_value(self) -> &'static str {
        match self {
            TeamKey::TeamName => "",
            TeamKey::ReplyWithin => "120",
            TeamKey::VisitBuffer => "30",
            TeamKey::CareSchedule => "3d,1m,6m,1y",
            TeamKey::TimeZone => "Asia/Seoul",
            TeamKey::PhotoFiles => PHOTO_FILES_SHARED,
            TeamKey::ArchiveSoldAfter => ARCHIVE_OFF,
        }
    }

    pub fn parse(key: &str) -> Option<TeamKey> {
        TeamKey::ALL.iter().copied().find(|k| k.as_str() == key)
    }

    /// Checks a value before it is saved; empty means the default.
    pub fn check(self, value: &str) -> Result<String> {
        let key = self.as_str();
        match self {
            TeamKey::TeamName => crate::validate::short(key, value),
            TeamKey::ReplyWithin => minutes(key, value, 10, 24 * 60),
            TeamKey::VisitBuffer => minutes(key, value, 0, 240),
            TeamKey::CareSchedule => {
                let v = value.trim();
                schedule::parse(v)?;
                Ok(v.to_owned())
            }
            TeamKey::TimeZone => zone(value),
            TeamKey::PhotoFiles => choice(key, value, &[PHOTO_FILES_SHARED, PHOTO_FILES_ORIGINALS]),
            TeamKey::ArchiveSoldAfter => {
                let mut allowed = vec![ARCHIVE_OFF];
                allowed.extend_from_slice(ARCHIVE_DAYS);
                choice(key, value, &allowed)
            }
        }
    }
}

/// The names of the [`TeamKey`]s (the app's settings screen edits these).
pub const EDITABLE: &[&str] = &[
    TeamKey::TeamName.as_str(),
    TeamKey::ReplyWithin.as_str(),
    TeamKey::VisitBuffer.as_str(),
    TeamKey::CareSchedule.as_str(),
    TeamKey::TimeZone.as_str(),
    TeamKey::PhotoFiles.as_str(),
    TeamKey::ArchiveSoldAfter.as_str(),
];

/// One of `choices` (empty: the default).
fn choice(key: &str, value: &str, choices: &[&str]) -> Result<String> {
    let v = value.trim();
    if v.is_empty() || choices.contains(&v) {
        return Ok(v.to_owned());
    }
    Err(Error::invalid(
        key,
        crate::error::ErrorCode::InvalidChoice,
        format!("{key} must be one of {}, got {v:?}", choices.join(", ")),
    ))
}

impl Store {
    /// Whether sync sends the camera originals of photos rather than their
    /// shared size ([`TeamKey::PhotoFiles`]).
    pub fn sends_photo_originals(&self) -> Result<bool> {
        Ok(self.team_value(TeamKey::PhotoFiles)? == PHOTO_FILES_ORIGINALS)
    }
}

impl Store {
    /// Days after its sale a sold car's photos are archived, or None when
    /// archiving is off ([`TeamKey::ArchiveSoldAfter`]).
    pub fn archive_sold_after_days(&self) -> Result<Option<i64>> {
        Ok(self
            .team_value(TeamKey::ArchiveSoldAfter)?
            .parse::<i64>()
            .ok()
            .filter(|d| *d > 0))
    }
}

fn minutes(key: &str, value: &str, min: i64, max: i64) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    let minutes: i64 = v.parse().map_err(|_| {
        Error::invalid(
            key,
            crate::error::ErrorCode::InvalidNumber,
            format!("{key} must be a number of minutes, got {v:?}"),
        )
    })?;
    crate::validate::range(key, minutes, min, max).map(|m| m.to_string())
}

/// An IANA zone name ("Asia/Seoul"), as the zone names itself.
fn zone(value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    match v.parse::<chrono_tz::Tz>() {
        Ok(tz) => Ok(tz.name().to_owned()),
        Err(_) => Err(Error::invalid(
            TeamKey::TimeZone.as_str(),
            crate::error::ErrorCode::InvalidTimeZone,
            format!("{v:?} is not a time zone name like Asia/Seoul"),
        )),
    }
}

fn editable(key: &str) -> Result<TeamKey> {
    TeamKey::parse(key).ok_or_else(|| {
        Error::invalid(
            "key",
            crate::error::ErrorCode::UnknownSetting,
            format!("{key:?} is not a setting the app edits"),
        )
    })
}

/// The value of `key` on any connection, or its default when unset.
pub fn value_in(conn: &Connection, key: TeamKey) -> Result<String> {
    Ok(get_in(conn, key.as_str())?
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| key.default_value().to_owned()))
}

pub(crate) fn get_in(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE id = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_in(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (id, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
         WHERE value IS NOT excluded.value",
    )?
    .execute([key, value, &now_utc()])?;
    Ok(())
}

impl Store {
    /// One of the [`TeamKey`]s by name, as saved (None: the default).
    pub fn team_setting(&self, key: &str) -> Result<Option<String>> {
        self.setting(editable(key)?.as_str())
    }

    /// Checks and saves one of the [`TeamKey`]s by name (empty: the default).
    pub fn set_team_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let key = editable(key)?;
        let value = key.check(value)?;
        self.set_setting(key.as_str(), &value)
    }

    /// A team setting's value, or its default.
    pub fn team_value(&self, key: TeamKey) -> Result<String> {
        value_in(self.conn(), key)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        get_in(self.conn(), key)
    }

    /// Sets a team setting; an empty value removes it (back to the default).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.transact(|tx| {
            if value.is_empty() {
                tx.execute("DELETE FROM settings WHERE id = ?1", [key])?;
                Ok(())
            } else {
                set_in(tx, key, value)
            }
        })
    }
}
