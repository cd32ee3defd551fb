use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{User, UserInput};
use crate::db::{local_set, new_id, now_utc, Store};
use crate::error::{Error, Result};
use crate::validate;

/// Which user is "me" is a fact about this device, not team data.
const ME_KEY: &str = "me_user_id";

const SELECT_USER: &str = "SELECT id, name, email, phone, id IS ?1 FROM users";

fn user_from_row(r: &Row) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        is_me: r.get(4)?,
    })
}

pub(crate) fn save_user(conn: &Connection, input: &UserInput) -> Result<String> {
    let name = validate::required("name", &input.name)?;
    let email = validate::email("email", &input.email)?;
    let phone = validate::phone("phone", &input.phone)?;
    let now = now_utc();
    match &input.id {
        None => {
            let id = new_id();
            conn.prepare_cached(
                "INSERT INTO users (id, name, email, phone, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![id, name, email, phone, now])?;
            Ok(id)
        }
        Some(id) => {
            let n = conn
                .prepare_cached("UPDATE users SET name = ?2, email = ?3, phone = ?4, updated_at = ?5 WHERE id = ?1")?
                .execute(params![id, name, email, phone, now])?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "user",
                    id: id.clone(),
                });
            }
            Ok(id.clone())
        }
    }
}

pub(crate) fn set_me(conn: &Connection, user_id: &str) -> Result<()> {
    local_set(conn, ME_KEY, user_id)
}

impl Store {
    pub fn list_users(&self) -> Result<Vec<User>> {
        let me = self.local_get(ME_KEY)?;
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SELECT_USER} ORDER BY name"))?;
        let users = stmt
            .query_map([me], user_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(users)
    }

    pub fn get_user(&self, id: &str) -> Result<User> {
        let me = self.local_get(ME_KEY)?;
        self.conn()
            .prepare_cached(&format!("{SELECT_USER} WHERE id = ?2"))?
            .query_row(params![me, id], user_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "user",
                id: id.to_owned(),
            })
    }

    /// The user this device acts as, if one has been chosen.
    pub fn me(&self) -> Result<Option<User>> {
        match self.local_get(ME_KEY)? {
            Some(id) => match self.get_user(&id) {
                Ok(u) => Ok(Some(u)),
                Err(Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            },
            None => Ok(None),
        }
    }

    /// Saves a team member; with `make_me`, this device acts as them.
    pub fn save_user(&mut self, input: &UserInput, make_me: bool) -> Result<User> {
        let id = self.transact(|tx| {
            let id = save_user(tx, input)?;
            if make_me {
                set_me(tx, &id)?;
            }
            Ok(id)
        })?;
        self.get_user(&id)
    }
}
