//! `lotbook inquiries add|reply|list|export`.

use clap::Subcommand;
use std::path::{Path, PathBuf};

use lotbook::customers::{InteractionInput, InteractionKind};
use lotbook::export::Export;
use lotbook::{Error, Result, Store};

use crate::print;

#[derive(Subcommand)]
pub enum InquiriesCmd {
    /// Log an inquiry from a customer
    Add {
        #[arg(long)]
        customer: String,
        /// phone, email, sms, messenger, web, walk_in or other
        #[arg(long, default_value = "phone")]
        channel: String,
        /// What they asked
        #[arg(long)]
        summary: String,
        /// When (RFC 3339, default now)
        #[arg(long)]
        at: Option<String>,
    },
    /// Log a reply (or call) to a customer: answers their open inquiries
    Reply {
        #[arg(long)]
        customer: String,
        #[arg(long, default_value = "phone")]
        channel: String,
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long)]
        at: Option<String>,
    },
    /// Inquiries of the last 30 days, overdue first
    List,
    /// Export every inquiry to FILE: .xlsx (typed cells, Korean headers) or .csv (UTF-8 with
    /// BOM), chosen by the extension; text that would start a formula gets a ' in front
    #[command(alias = "export-csv")]
    Export { file: PathBuf },
}

pub fn run(dir: &Path, json: bool, cmd: InquiriesCmd) -> Result<()> {
    let (kind, customer, ch, summary, at) = match cmd {
        // Before the store is opened: a wrong file name costs nothing.
        InquiriesCmd::Export { file } => {
            return crate::export(dir, json, Export::Inquiries, "inquiries", &file);
        }
        InquiriesCmd::List => return list(dir, json),
        InquiriesCmd::Add {
            customer,
            channel,
            summary,
            at,
        } => (InteractionKind::Inquiry, customer, channel, summary, at),
        InquiriesCmd::Reply {
            customer,
            channel,
            summary,
            at,
        } => (InteractionKind::Reply, customer, channel, summary, at),
    };
    let mut store = Store::open(dir)?;
    let logged = store.log_interaction(&InteractionInput {
        customer_id: customer,
        kind,
        channel: channel(&ch)?,
        at,
        summary,
    })?;
    print(json, &logged, |i| {
        format!("Logged {} {} at {}", i.kind, i.id, i.at)
    })
}

fn list(dir: &Path, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let list = store.recent_inquiries_at(chrono::Utc::now())?;
    print(json, &list, |l| {
        l.iter()
            .map(|q| {
                let state = match (&q.replied_at, q.overdue) {
                    (Some(_), _) => format!("answered in {} min", q.response_minutes),
                    (None, true) => format!("OVERDUE, waiting {} min", q.response_minutes),
                    (None, false) => format!("waiting {} min", q.response_minutes),
                };
                format!(
                    "{}  {}  {}  {}  {}",
                    q.interaction.at,
                    q.customer_name,
                    q.interaction.channel,
                    q.interaction.summary,
                    state
                )
            })
            .chain(std::iter::once(format!("{} inquiries", l.len())))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn channel(s: &str) -> Result<lotbook::customers::Channel> {
    lotbook::customers::Channel::parse(s).ok_or_else(|| {
        Error::invalid(
            "channel",
            lotbook::error::ErrorCode::InvalidChannel,
            format!(
                "--channel must be phone, email, sms, messenger, web, walk_in or other; got {s:?}"
            ),
        )
    })
}
