//! `lotbook visits|sales|today|campaigns`: the calendar and after-sale care.

use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

use lotbook::calendar::{VisitInput, VisitKind, VisitQuery};
use lotbook::care::{CampaignFilter, CampaignInput, SaleInput};
use lotbook::db::utc_text;
use lotbook::export::Export;
use lotbook::{Result, Store};

#[derive(Subcommand)]
pub enum VisitsCmd {
    /// Book a visit (or --blocked time); refused when it overlaps the dealer's other bookings
    Add {
        #[arg(long, required_unless_present = "blocked")]
        customer: Option<String>,
        /// Keep the time free instead (no customer)
        #[arg(long)]
        blocked: bool,
        /// The dealer (user id, see `users list`; default: me, this computer's dealer)
        #[arg(long)]
        dealer: Option<String>,
        /// Start, RFC 3339 ("2026-12-05T12:00:00+09:00")
        #[arg(long)]
        start: String,
        #[arg(long, default_value_t = 60)]
        minutes: u32,
        /// A lot to visit (repeat for several)
        #[arg(long = "lot")]
        lots: Vec<String>,
        #[arg(long = "vehicle")]
        vehicles: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// Book even though it overlaps
        #[arg(long = "override")]
        allow_overlap: bool,
    },
    /// Bookings from --from to --to (default: today and the next 7 days, Korea time)
    List {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        dealer: Option<String>,
    },
    /// The customer is running late: move the visit to --eta and mark it late
    Late {
        id: String,
        #[arg(long)]
        eta: String,
    },
    /// Write the visit's .ics invitation
    Ics {
        id: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Export every visit to FILE: .xlsx (typed cells, Korean headers) or .csv (UTF-8 with
    /// BOM), chosen by the extension; text that would start a formula gets a ' in front
    #[command(alias = "export-csv")]
    Export { file: PathBuf },
}

#[derive(Subcommand)]
pub enum SalesCmd {
    /// Export every sale (one row per follow-up) to FILE: .xlsx (typed cells, Korean headers) or .csv (UTF-8 with
    /// BOM), chosen by the extension; text that would start a formula gets a ' in front
    #[command(alias = "export-csv")]
    Export { file: PathBuf },
    /// Record a sale: the car becomes sold and its follow-ups are planned
    Add {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        vehicle: String,
        #[arg(long)]
        price_krw: i64,
        /// Delivery date, YYYY-MM-DD
        #[arg(long)]
        delivered: String,
        #[arg(long)]
        dealer: Option<String>,
        /// The buyer was told of the car's open recall (a car with one is refused without this)
        #[arg(long)]
        recall_told: bool,
    },
    /// Every sale with its follow-ups, newest delivery first
    List,
}

#[derive(Args, Default)]
pub struct FilterArgs {
    #[arg(long)]
    make: Option<String>,
    #[arg(long)]
    model: Option<String>,
    #[arg(long)]
    year_min: Option<i32>,
    #[arg(long)]
    year_max: Option<i32>,
    #[arg(long)]
    vin_from: Option<String>,
    #[arg(long)]
    vin_to: Option<String>,
    #[arg(long)]
    sold_from: Option<String>,
    #[arg(long)]
    sold_to: Option<String>,
}

impl FilterArgs {
    fn filter(self) -> CampaignFilter {
        CampaignFilter {
            make: self.make,
            model: self.model,
            year_min: self.year_min,
            year_max: self.year_max,
            vin_from: self.vin_from,
            vin_to: self.vin_to,
            sold_from: self.sold_from,
            sold_to: self.sold_to,
            recall_id: None,
        }
    }
}

#[derive(Subcommand)]
pub enum CampaignsCmd {
    /// The owners a filter selects
    Preview(FilterArgs),
    /// Make a campaign (recall or service notice)
    Create {
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        code: String,
        #[arg(long, default_value = "ko")]
        lang: String,
        /// Template: {{ customer }}, {{ car }}, {{ vin }}, {{ code }}, {{ team }}, {{ dealer }}
        #[arg(long)]
        subject: String,
        #[arg(long)]
        body: String,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Queue the notice to every owner not told yet (sent with `outbox send`)
    Send {
        id: String,
    },
    List,
}

pub fn visits(dir: &Path, json: bool, cmd: VisitsCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    let tz = store.team_zone()?;
    match cmd {
        // Dispatched by main before the store is opened; kept whole here.
        VisitsCmd::Export { file } => crate::export(dir, json, Export::Visits, "visits", &file),
        VisitsCmd::Add {
            customer,
            blocked,
            dealer,
            start,
            minutes,
            lots,
            vehicles,
            note,
            allow_overlap,
        } => {
            // Booked for someone, so their other bookings are checked.
            let dealer = match dealer {
                Some(d) => Some(d),
                None => store.me()?.map(|u| u.id),
            };
            let v = store.save_visit(&VisitInput {
                id: None,
                kind: if blocked {
                    VisitKind::Blocked
                } else {
                    VisitKind::Visit
                },
                customer_id: if blocked { None } else { customer },
                user_id: dealer,
                start_at: start,
                minutes,
                lot_ids: lots,
                vehicle_ids: vehicles,
                note,
                allow_overlap,
            })?;
            crate::print(json, &v, |v| {
                format!(
                    "Booked {}: {}",
                    v.id,
                    lotbook::calendar::visits::describe(v, tz)
                )
            })
        }
        VisitsCmd::List { from, to, dealer } => {
            let day = lotbook::time::today(chrono::Utc::now(), tz);
            let list = store.list_visits(&VisitQuery {
                from: from.unwrap_or_else(|| utc_text(lotbook::time::day_start(day, tz))),
                to: to.unwrap_or_else(|| {
                    utc_text(lotbook::time::day_start(
                        day + chrono::Duration::days(8),
                        tz,
                    ))
                }),
                user_id: dealer,
                lot_id: None,
            })?;
            crate::print(json, &list, |l| {
                l.iter()
                    .map(|v| {
                        format!(
                            "{}  {}  {}  {}",
                            v.id,
                            lotbook::calendar::visits::describe(v, tz),
                            v.user_name.as_deref().unwrap_or("-"),
                            v.status
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        VisitsCmd::Late { id, eta } => {
            let u = store.running_late(&id, &eta)?;
            crate::print(json, &u, |u| {
                let mut s = format!(
                    "Moved: {}",
                    lotbook::calendar::visits::describe(&u.visit, tz)
                );
                for o in &u.overlaps {
                    s.push_str(&format!(
                        "\nnow overlaps {}",
                        lotbook::calendar::visits::describe(o, tz)
                    ));
                }
                s
            })
        }
        VisitsCmd::Ics { id, out } => {
            let ics = store.visit_ics(&id)?;
            lotbook::fsutil::write_atomic(&out, ics.as_bytes())?;
            crate::print(json, &serde_json::json!({ "path": out }), |_| {
                format!("Wrote {}", out.display())
            })
        }
    }
}

pub fn sales(dir: &Path, json: bool, cmd: SalesCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    match cmd {
        // Dispatched by main before the store is opened; kept whole here.
        SalesCmd::Export { file } => {
            crate::export(dir, json, Export::Sales, "sale and follow-up rows", &file)
        }
        SalesCmd::Add {
            customer,
            vehicle,
            price_krw,
            delivered,
            dealer,
            recall_told,
        } => {
            let sale = store.record_sale_told(
                &SaleInput {
                    customer_id: customer,
                    vehicle_id: vehicle,
                    price_krw,
                    delivered_on: delivered,
                    user_id: dealer,
                },
                recall_told,
            )?;
            crate::print(json, &sale, |s| {
                let steps: Vec<String> = s
                    .follow_ups
                    .iter()
                    .map(|f| format!("{} on {}", f.step, f.due_on))
                    .collect();
                format!(
                    "Sold {} to {}; follow-ups: {}",
                    s.vehicle_label,
                    s.customer_name,
                    steps.join(", ")
                )
            })
        }
        SalesCmd::List => {
            let sales = store.list_sales()?;
            crate::print(json, &sales, |list| {
                list.iter()
                    .map(|s| {
                        let open: Vec<String> = s
                            .follow_ups
                            .iter()
                            .filter(|f| f.state == lotbook::care::FollowUpState::Open)
                            .map(|f| format!("{} on {}", f.step, f.due_on))
                            .collect();
                        format!(
                            "{}  {}  {}  open follow-ups: {}",
                            s.delivered_on,
                            s.vehicle_label,
                            s.customer_name,
                            if open.is_empty() {
                                "-".to_owned()
                            } else {
                                open.join(", ")
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

pub fn today(dir: &Path, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let tz = store.team_zone()?;
    let t = store.today(chrono::Utc::now())?;
    crate::print(json, &t, |t| {
        let mut lines = vec![format!("Today, {}", t.date)];
        for i in &t.inquiries {
            lines.push(format!(
                "inquiry{}: {} ({} min waiting)",
                if i.overdue { " OVERDUE" } else { "" },
                i.customer_name,
                i.response_minutes
            ));
        }
        for v in &t.visits {
            lines.push(format!(
                "visit: {} [{}]",
                lotbook::calendar::visits::describe(v, tz),
                v.status
            ));
        }
        for f in &t.follow_ups {
            lines.push(format!(
                "follow-up {}: {} {} ({}), due {}",
                f.follow_up.step, f.customer_name, f.phone, f.vehicle_label, f.follow_up.due_on
            ));
        }
        for c in &t.visit_conflicts {
            lines.push(format!(
                "CONFLICT: {} overlaps {}",
                lotbook::calendar::visits::describe(&c.visit, tz),
                lotbook::calendar::visits::describe(&c.with, tz)
            ));
        }
        for o in &t.outbox_problems {
            lines.push(format!(
                "outbox: {} to {}: {}",
                o.subject, o.to_addr, o.last_error
            ));
        }
        lines.push(format!("sync: {:?}", t.sync.state));
        lines.join("\n")
    })
}

pub fn campaigns(dir: &Path, json: bool, cmd: CampaignsCmd) -> Result<()> {
    let mut store = Store::open(dir)?;
    let show = |c: &lotbook::care::Campaign| {
        let mut lines = vec![format!(
            "{} {} ({} owners told or queued)",
            c.id,
            c.title,
            c.recipients.len()
        )];
        lines.extend(c.recipients.iter().map(|r| {
            format!(
                "  {} {} <{}>: {} {}",
                r.owner.customer_name, r.owner.vehicle_label, r.owner.email, r.state, r.detail
            )
        }));
        lines.join("\n")
    };
    match cmd {
        CampaignsCmd::Preview(f) => {
            let owners = store.preview_campaign(&f.filter())?;
            crate::print(json, &owners, |o| {
                o.iter()
                    .map(|o| {
                        format!(
                            "{}  {}  {}  {}  {}",
                            o.customer_name, o.email, o.vehicle_label, o.vin, o.delivered_on
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        CampaignsCmd::Create {
            title,
            code,
            lang,
            subject,
            body,
            filter,
        } => {
            let c = store.create_campaign(&CampaignInput {
                title,
                code,
                filter: filter.filter(),
                lang: crate::lang(&lang)?,
                subject,
                body,
            })?;
            crate::print(json, &c, show)
        }
        CampaignsCmd::Send { id } => {
            let c = store.send_campaign(&id)?;
            crate::print(json, &c, show)
        }
        CampaignsCmd::List => {
            let list = store.list_campaigns()?;
            crate::print(json, &list, |l| {
                l.iter().map(show).collect::<Vec<_>>().join("\n")
            })
        }
    }
}
