//! `lotbook team-settings show|set`: the settings the whole team shares
//! (they travel with sync), the same ones the app's settings screen edits.

use clap::Subcommand;
use serde::Serialize;
use std::path::Path;

use lotbook::{Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum TeamSettingsCmd {
    /// Every team setting and its value (empty: the default)
    Show,
    /// Set one team setting; an empty VALUE puts back the default
    Set { key: String, value: String },
}

#[derive(Serialize)]
struct Setting {
    key: &'static str,
    value: String,
}

pub fn run(dir: &Path, json: bool, cmd: TeamSettingsCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    match cmd {
        TeamSettingsCmd::Show => {
            let list = lotbook::settings::EDITABLE
                .iter()
                .map(|&key| {
                    Ok(Setting {
                        key,
                        value: store.team_setting(key)?.unwrap_or_default(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            print(json, &list, |l| {
                l.iter()
                    .map(|s| {
                        let value = if s.value.is_empty() {
                            "(default)"
                        } else {
                            s.value.as_str()
                        };
                        format!("{}  {}", s.key, value.replace('\n', "\\n"))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        TeamSettingsCmd::Set { key, value } => {
            store.set_team_setting(&key, &value)?;
            let value = store.team_setting(&key)?.unwrap_or_default();
            print(
                json,
                &serde_json::json!({ "key": key, "value": value }),
                |_| {
                    if value.is_empty() {
                        format!("{key} is back to its default")
                    } else {
                        format!("{key} = {}", value.replace('\n', "\\n"))
                    }
                },
            )
        }
    }
}
