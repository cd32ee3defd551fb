//! The photo-and-condition email: per car a card with the key facts, price,
//! condition summary, panel diagram and photos, greeting and closing from
//! the team's templates, a plain-text twin, all inside the size budget.

use std::sync::atomic::AtomicBool;

use minijinja::Value;
use rayon::prelude::*;
use serde::Serialize;

use super::cards::{facts, findings, title, Card, CardCondition, CardPhoto, CidRef};
use super::images::{self, Jpeg, LEVELS};
use super::mime::{self, Inline, Mailbox, Parts};
use super::model::{
    ComposeProgress, ComposeRequest, ComposeStep, ComposedImage, ComposedMail, SentVehicle,
};
use super::templates::{self, Words};
use super::{format, labels};
use crate::condition::{diagram, marks_of, ConditionReport, Lang};
use crate::customers::Customer;
use crate::db::{new_id, Store};
use crate::error::{Error, Result};
use crate::inventory::Vehicle;
use crate::photos::Photo;
use crate::shortlist::MAX_VEHICLES;

/// Gmail clips an HTML part over about 102 KB; stay clear of it.
pub const HTML_LIMIT: usize = 100_000;
/// Room left in the budget for headers that servers add on the way.
const TRANSIT_MARGIN: f64 = 0.99;
/// The diagram goes out at its drawn size (1000 px wide), shown at 600.
const DIAGRAM_SCALE: f32 = 1.0;

/// A composed message and what it held.
#[derive(Debug)]
pub struct Draft {
    pub mail: ComposedMail,
    /// The message as it goes to a server (no `X-Unsent`).
    pub message: Vec<u8>,
    /// The bytes of each of `mail.images`, in the same order.
    pub image_bytes: Vec<Vec<u8>>,
    pub contents: Vec<SentVehicle>,
}

/// One car with what the email shows of it.
struct CarData {
    vehicle: Vehicle,
    photos: Vec<Photo>,
    condition: Option<ConditionReport>,
    note: String,
}

#[derive(Serialize)]
struct Layout<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: Vec<Value>,
    message: &'a str,
    cars: &'a [Card],
    closing: Vec<Value>,
    signature: &'a [String],
    labels: labels::Labels,
}

/// Lines of a rendered template; HTML lines are already escaped.
fn lines(text: &str, html: bool) -> Vec<Value> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if html {
                Value::from_safe_string(l.to_owned())
            } else {
                Value::from(l)
            }
        })
        .collect()
}

fn data_url(content_type: &str, bytes: &[u8]) -> String {
    format!(
        "data:{content_type};base64,{}",
        encodify::base64::STANDARD.encode(bytes)
    )
}

fn cid(prefix: &str, n: usize, id: &str) -> String {
    let short: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect();
    format!("{prefix}{n}.{short}@lotbook")
}

impl Store {
    fn gather(&self, req: &ComposeRequest) -> Result<(Customer, Vec<CarData>)> {
        let customer = self.get_customer(&req.customer_id)?;
        if req.vehicles.is_empty() && req.introduce_user_id.is_none() {
            return Err(Error::invalid(
                "vehicles",
                crate::error::ErrorCode::NoVehicles,
                "choose at least one car for the email",
            ));
        }
        if req.vehicles.len() > MAX_VEHICLES {
            return Err(Error::invalid(
                "vehicles",
                crate::error::ErrorCode::TooManyVehicles,
                format!("an email holds at most {MAX_VEHICLES} cars"),
            ));
        }
        let notes = match &req.shortlist_id {
            Some(id) => self
                .get_shortlist(id)?
                .items
                .into_iter()
                .map(|i| (i.vehicle.id, i.note))
                .collect(),
            None => std::collections::HashMap::new(),
        };
        let mut cars = Vec::with_capacity(req.vehicles.len());
        for cv in &req.vehicles {
            let vehicle = self.get_vehicle(&cv.vehicle_id)?;
            let gallery = self.list_photos(&vehicle.id)?;
            let ids = match &cv.photo_ids {
                Some(ids) => ids.clone(),
                None => self.default_email_photos(&vehicle.id)?,
            };
            let mut photos = Vec::with_capacity(ids.len());
            for id in &ids {
                let p = gallery.iter().find(|p| &p.id == id).ok_or_else(|| {
                    Error::invalid(
                        "photo_ids",
                        crate::error::ErrorCode::UnknownPhoto,
                        format!("photo {id} is not a photo of vehicle {}", vehicle.id),
                    )
                })?;
                photos.push(p.clone());
            }
            cars.push(CarData {
                condition: self.current_condition(&vehicle.id)?,
                note: notes.get(&vehicle.id).cloned().unwrap_or_default(),
                vehicle,
                photos,
            });
        }
        Ok((customer, cars))
    }

    /// Who the email is from: the SMTP account's name and address if set,
    /// else this device's dealer.
    pub(super) fn sender(&self) -> Result<(String, String, Vec<String>)> {
        let me = self.me()?;
        let smtp = self.smtp_account()?;
        let name = smtp
            .as_ref()
            .map(|s| s.from_name.clone())
            .filter(|n| !n.is_empty())
            .or_else(|| me.as_ref().map(|u| u.name.clone()))
            .unwrap_or_default();
        let addr = smtp
            .as_ref()
            .map(|s| s.from_addr.clone())
            .filter(|a| !a.is_empty())
            .or_else(|| me.as_ref().map(|u| u.email.clone()))
            .unwrap_or_default();
        let team = self.setting(super::TEAM_NAME_KEY)?.unwrap_or_default();
        let signature: Vec<String> = [
            me.as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_else(|| name.clone()),
            team,
            me.as_ref().map(|u| u.phone.clone()).unwrap_or_default(),
            addr.clone(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        Ok((name, addr, signature))
    }

    /// Composes the email of `req`: nothing is written anywhere.
    pub fn compose(&self, req: &ComposeRequest) -> Result<Draft> {
        self.compose_with(req, &AtomicBool::new(false), &mut |_| {})
    }

    /// [`Store::compose`] that reports each stage and stops between photos
    /// when `cancel` is set (then it fails with [`Error::Cancelled`]).
    pub fn compose_with(
        &self,
        req: &ComposeRequest,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&ComposeProgress),
    ) -> Result<Draft> {
        let mut report = |step, done: usize, total: usize| {
            progress(&ComposeProgress {
                step,
                done: done as u32,
                total: total as u32,
            })
        };
        let budget = req.budget.bytes()?;
        let lang = req.lang;
        let message_text = crate::validate::long("message", &req.message)?;
        let (customer, cars) = self.gather(req)?;
        let (from_name, from_addr, signature) = self.sender()?;
        // Addresses go into headers only once checked (rows arrive by sync too).
        let to = Mailbox::recipient(&customer.name, &customer.email)?;
        let from = Mailbox::sender(&from_name, &from_addr)?;
        let team = self.setting(super::TEAM_NAME_KEY)?.unwrap_or_default();
        let colleague = req
            .introduce_user_id
            .as_deref()
            .map(|id| self.get_user(id))
            .transpose()?;
        let words = Words {
            customer: customer.name.clone(),
            dealer: signature.first().cloned().unwrap_or_default(),
            team,
            count: cars.len(),
            colleague: colleague
                .as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            colleague_phone: colleague
                .as_ref()
                .map(|u| u.phone.clone())
                .unwrap_or_default(),
        };
        // A handover introduces the colleague instead of greeting.
        let (subject_part, greeting_part) = if colleague.is_some() {
            ("intro_subject", "intro")
        } else {
            ("subject", "greeting")
        };
        let render = |part: &str, html: bool| -> Result<String> {
            let source = templates::template(self, part, lang)?;
            templates::render_user(&templates::setting_key(part, lang), &source, &words, html)
        };
        let subject = render(subject_part, false)?.replace(['\r', '\n'], " ");
        let lots = self.list_lots()?;

        report(ComposeStep::Diagrams, 0, cars.len());
        // Diagrams in parallel: each is a full SVG render.
        let diagrams: Vec<Option<Vec<u8>>> = cars
            .par_iter()
            .map(|c| {
                c.condition
                    .as_ref()
                    .map(|r| {
                        diagram::png(
                            &diagram::svg(&marks_of(&r.input), lang, None),
                            DIAGRAM_SCALE,
                        )
                    })
                    .transpose()
            })
            .collect::<Result<_>>()?;

        let mut cards = Vec::with_capacity(cars.len());
        let mut photo_refs: Vec<(String, String, String, String)> = Vec::new(); // (cid, vehicle, photo, hash)
        let mut hashes = Vec::new();
        let mut diagram_parts: Vec<Inline> = Vec::new();
        let mut images_out: Vec<ComposedImage> = Vec::new();
        for (n, (car, png)) in cars.iter().zip(&diagrams).enumerate() {
            let v = &car.vehicle;
            let address = lots
                .iter()
                .find(|l| l.id == v.lot_id)
                .map(|l| l.address.as_str())
                .unwrap_or("");
            let diagram_cid = png.as_ref().map(|bytes| {
                let c = cid("d", n, &v.id);
                diagram_parts.push(Inline {
                    cid: c.clone(),
                    content_type: "image/png",
                    bytes: bytes.clone(),
                });
                images_out.push(ComposedImage {
                    cid: c.clone(),
                    vehicle_id: v.id.clone(),
                    photo_id: None,
                    hash: None,
                    data_url: Some(data_url("image/png", bytes)),
                    width: (diagram::WIDTH as f32 * DIAGRAM_SCALE) as u32,
                    height: (diagram::HEIGHT as f32 * DIAGRAM_SCALE) as u32,
                    bytes: bytes.len() as u64,
                });
                c
            });
            let photos: Vec<CardPhoto> = car
                .photos
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let c = cid(&format!("p{n}-"), i, &p.id);
                    photo_refs.push((c.clone(), v.id.clone(), p.id.clone(), p.hash.clone()));
                    hashes.push(p.hash.clone());
                    CardPhoto {
                        cid: c,
                        caption: p.caption.clone(),
                        alt: if p.caption.is_empty() {
                            format!("{} ({})", title(v), i + 1)
                        } else {
                            p.caption.clone()
                        },
                    }
                })
                .collect();
            cards.push(Card {
                title: title(v),
                price: format::price(v.price_krw, lang),
                facts: facts(v, address, lang),
                condition: car.condition.as_ref().map(|r| CardCondition {
                    summary: match lang {
                        Lang::Ko => r.summary_ko.clone(),
                        Lang::En => r.summary_en.clone(),
                    },
                    accident: r.accident,
                    inspected_on: crate::time::format_date_text(&r.input.inspected_on, lang),
                    findings: findings(r, lang),
                    comment: r.input.comment.clone(),
                    diagram: diagram_cid.map(|cid| CidRef { cid }),
                }),
                note: car.note.clone(),
                photos,
            });
        }

        let layout = |html: bool| -> Result<String> {
            templates::render_layout(
                &Layout {
                    lang: lang.as_str(),
                    subject: &subject,
                    greeting: lines(&render(greeting_part, html)?, html),
                    message: &message_text,
                    cars: &cards,
                    closing: lines(&render("closing", html)?, html),
                    signature: &signature,
                    labels: labels::Labels::of(lang),
                },
                html,
            )
        };
        let html = layout(true)?;
        let text = layout(false)?;
        if html.len() > HTML_LIMIT {
            return Err(Error::invalid(
                "message",
                crate::error::ErrorCode::HtmlTooLarge,
                format!(
                    "the email's text is {} KB; mail services cut it off past {} KB. Shorten the notes or choose fewer cars",
                    html.len() / 1000,
                    HTML_LIMIT / 1000
                ),
            ));
        }

        let message_id = mime::message_id(&new_id(), from.as_ref());
        images::check(cancel)?;
        report(ComposeStep::Photos, 0, hashes.len());
        let stored = images::load(self.photos(), &hashes, cancel)?;
        report(ComposeStep::Photos, hashes.len(), hashes.len());
        let limit = (budget as f64 * TRANSIT_MARGIN) as u64;
        let build = |photos: &[Jpeg]| -> Result<Vec<u8>> {
            let mut inline = diagram_parts.clone();
            inline.extend(
                photo_refs
                    .iter()
                    .zip(photos)
                    .map(|((c, _, _, _), j)| Inline {
                        cid: c.clone(),
                        content_type: "image/jpeg",
                        bytes: j.bytes.clone(),
                    }),
            );
            mime::build(&Parts {
                from: from.as_ref(),
                to: to.as_ref(),
                subject: &subject,
                message_id: &message_id,
                html: &html,
                text: &text,
                inline,
            })
        };
        let first = build(&stored)?;
        let fixed = (first.len() as u64).saturating_sub(images::encoded_total(&stored));
        let mut chosen = None;
        for (i, level) in LEVELS.iter().enumerate() {
            images::check(cancel)?;
            report(ComposeStep::Fitting, i + 1, LEVELS.len());
            let photos = if i == 0 {
                stored.clone()
            } else {
                images::at_level(&stored, *level, cancel)?
            };
            // Build only what the arithmetic says can fit.
            if fixed + images::encoded_total(&photos) > limit {
                continue;
            }
            report(ComposeStep::Building, i + 1, LEVELS.len());
            let message = if i == 0 {
                first.clone()
            } else {
                build(&photos)?
            };
            if message.len() as u64 <= limit {
                chosen = Some((*level, photos, message));
                break;
            }
        }
        let (level, photos, message) = chosen.ok_or_else(|| {
            Error::invalid(
                "budget",
                crate::error::ErrorCode::OverBudget,
                format!(
                    "{} photos do not fit in {} MB even at {} px; choose fewer photos or a larger size budget",
                    hashes.len(),
                    budget / 1_000_000,
                    LEVELS[LEVELS.len() - 1].edge
                ),
            )
        })?;
        images_out.extend(
            photo_refs
                .iter()
                .zip(&photos)
                .map(|((c, v, p, h), j)| ComposedImage {
                    cid: c.clone(),
                    vehicle_id: v.clone(),
                    photo_id: Some(p.clone()),
                    hash: Some(h.clone()),
                    data_url: None,
                    width: j.width,
                    height: j.height,
                    bytes: j.bytes.len() as u64,
                }),
        );
        let image_bytes = diagram_parts
            .iter()
            .map(|d| d.bytes.clone())
            .chain(photos.iter().map(|j| j.bytes.clone()))
            .collect();
        let contents = cars
            .iter()
            .map(|c| SentVehicle {
                vehicle_id: c.vehicle.id.clone(),
                photo_ids: c.photos.iter().map(|p| p.id.clone()).collect(),
            })
            .collect();
        Ok(Draft {
            mail: ComposedMail {
                subject,
                to_name: customer.name,
                to_addr: to.map(|m| m.addr().to_owned()).unwrap_or_default(),
                from_name,
                from_addr: from.map(|m| m.addr().to_owned()).unwrap_or_default(),
                html,
                text,
                images: images_out,
                encoded_bytes: message.len() as u64,
                budget_bytes: budget,
                photo_edge: level.edge,
                photo_quality: level.quality,
                message_id,
            },
            message,
            image_bytes,
            contents,
        })
    }
}
