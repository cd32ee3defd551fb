//! `lotbook users list`: the team's dealers, with the ids `visits` and
//! `sales` take as `--dealer`.

use clap::Subcommand;
use std::path::Path;

use lotbook::{Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum UsersCmd {
    /// The team's dealers by name; "me" marks the one this computer acts as
    List,
}

pub fn run(dir: &Path, json: bool, cmd: UsersCmd) -> Result<()> {
    match cmd {
        UsersCmd::List => {
            let store = Store::open(dir)?;
            let users = store.list_users()?;
            print(json, &users, |l| {
                l.iter()
                    .map(|u| {
                        format!(
                            "{}  {}  {}  {}{}",
                            u.id,
                            u.name,
                            u.email,
                            u.phone,
                            if u.is_me { "  (me)" } else { "" }
                        )
                    })
                    .chain(std::iter::once(format!("{} dealers", l.len())))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}
