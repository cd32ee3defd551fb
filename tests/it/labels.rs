//! The words the email and matching use for a car's fuel and gearbox are the
//! app's words (issue 15: 가솔린 in the app, 휘발유 in matching and the email).
//! Reads the UI's dictionaries (ui/src/i18n/ko.ts, en.ts) as text.

use lotbook::condition::Lang;
use lotbook::inventory::{Fuel, Transmission};
use lotbook::mail::labels;

/// `key: "text"` pairs of the block `name: { … }` at the top level of a dictionary.
fn block(file: &str, name: &str) -> Vec<(String, String)> {
    let path = format!("{}/ui/src/i18n/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(&format!("\n  {name}: {{"))
        .unwrap_or_else(|| panic!("{name} block in {path}"));
    let body = &text[start + 1..];
    let body = &body[..body.find("\n  },").unwrap()];
    body.lines()
        .skip(1)
        .filter_map(|l| {
            let (k, v) = l.trim().split_once(": ")?;
            let v = v.trim_end_matches(',').trim_matches('"');
            Some((k.to_owned(), v.to_owned()))
        })
        .collect()
}

#[test]
fn fuel_and_gearbox_read_the_same_in_the_app_and_the_email() {
    for (file, lang) in [("ko.ts", Lang::Ko), ("en.ts", Lang::En)] {
        let fuels = block(file, "fuel");
        assert_eq!(fuels.len(), Fuel::ALL.len(), "{file}: {fuels:?}");
        for f in Fuel::ALL {
            let ui = &fuels.iter().find(|(k, _)| k == f.as_str()).unwrap().1;
            assert_eq!(labels::fuel(*f, lang), ui, "{file} fuel {f:?}");
        }
        let gears = block(file, "transmission");
        for t in Transmission::ALL {
            let ui = &gears.iter().find(|(k, _)| k == t.as_str()).unwrap().1;
            assert_eq!(
                labels::transmission(*t, lang),
                ui,
                "{file} transmission {t:?}"
            );
        }
    }
    assert_eq!(labels::fuel(Fuel::Gasoline, Lang::Ko), "가솔린");
}
