//! Test helper: the keys of one block of the UI's i18n files, so a list of
//! codes in the core can be checked against its words in Korean and English.

/// The i18n file of `lang` ("ko", "en") as text.
pub fn file(lang: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/src/i18n")
        .join(format!("{lang}.ts"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys directly inside the block opened by the line `header` (as it
/// stands in the file, e.g. `"  errors: {"`), up to that block's closing
/// brace; nested blocks and wrapped values are skipped.
pub fn block_keys(text: &str, header: &str) -> Vec<String> {
    let Some(start) = text.find(&format!("\n{header}\n")) else {
        return Vec::new();
    };
    let indent = " ".repeat(header.len() - header.trim_start().len());
    let close = format!("{indent}}}");
    let inner = format!("{indent}  ");
    text[start + 1..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with(&close))
        .filter(|l| l.starts_with(&inner) && !l[inner.len()..].starts_with(' '))
        .filter_map(|l| l.trim().split_once(':').map(|(k, _)| k.trim().to_owned()))
        .collect()
}
