//! The languages the app writes in (a condition summary, a diagram, an
//! email), on their own so the panels and the summary that both speak them
//! need not import each other.

crate::text_enum! {
    /// The language a summary or diagram is written in.
    pub enum Lang {
        Ko = "ko",
        En = "en",
    }
}
