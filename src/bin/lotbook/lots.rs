//! `lotbook lots list`: the team's lots, with the ids `visits add --lot`
//! and `vehicles list --lot` take.

use clap::Subcommand;
use std::path::Path;

use lotbook::{Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum LotsCmd {
    /// The lots, oldest first, with the cars each has in stock or reserved
    List,
}

pub fn run(dir: &Path, json: bool, cmd: LotsCmd) -> Result<()> {
    match cmd {
        LotsCmd::List => {
            let store = Store::open(dir)?;
            let lots = store.list_lots()?;
            print(json, &lots, |l| {
                l.iter()
                    .map(|x| {
                        format!(
                            "{}  {}  {}  {}  {} cars",
                            x.id, x.name, x.address, x.phone, x.active_vehicles
                        )
                    })
                    .chain(std::iter::once(format!("{} lots", l.len())))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}
