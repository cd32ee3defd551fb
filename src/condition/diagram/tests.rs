use super::*;

/// The email shows the diagram 600 px wide (its `<img width="600">`).
const EMAIL_PX: f32 = 600.0;

#[test]
fn names_read_at_eleven_px_or_more_in_the_email() {
    // Issue 15: side by side at 1000 px, the names were 15 × 0.6 = 9 px in
    // the email (~7 px once the mail client narrowed it) and ~10 px in the app.
    let shown = LABEL_SIZE * EMAIL_PX / WIDTH as f32;
    assert!(shown >= 11.0, "names are {shown:.1} px in the email");
    // The app shows it in a card at least 440 px wide.
    assert!(LABEL_SIZE * 440.0 / WIDTH as f32 >= 11.0);
}

/// The horizontal extent of a shape's name in the drawing.
fn name_extent(shape: &Shape, name: &str) -> (f32, f32) {
    let w = text_width(name, LABEL_SIZE);
    let (ox, _) = shape.view.at();
    let (start, end) = match shape.label {
        Label::Inside(x, _) => (x - w / 2.0, x + w / 2.0),
        Label::Left { .. } => (LABEL_IN - w, LABEL_IN),
        Label::Right { .. } => (VIEW_W - LABEL_IN, VIEW_W - LABEL_IN + w),
        Label::Start { at, .. } => (at.0, at.0 + w),
        Label::End { at, .. } => (at.0 - w, at.0),
    };
    (ox + start, ox + end)
}

#[test]
fn every_name_fits_inside_the_drawing_in_both_languages() {
    for shape in SHAPES {
        let info = panel(shape.key).unwrap();
        for name in [info.ko, info.en] {
            let (a, b) = name_extent(shape, name);
            assert!(
                a >= 2.0 && b <= WIDTH as f32 - 2.0,
                "{name}: {a:.0}..{b:.0} of {WIDTH}"
            );
        }
    }
}

#[test]
fn the_frame_view_sits_below_the_outer_view_and_the_legend_below_both() {
    let ko = svg(&[], Lang::Ko, None);
    assert!(ko.contains(&format!(r#"width="{WIDTH}" height="{HEIGHT}""#)));
    assert!(ko.contains(&format!("translate({} {VIEW_H})", View::Frame.at().0)));
    for lang in [Lang::Ko, Lang::En] {
        let svg = super::svg(&[], lang, None);
        // The rule's lines are drawn inside the height.
        let last_y = svg
            .match_indices(r#"font-size="13""#)
            .map(|(i, _)| {
                let before = &svg[..i];
                let y = before.rfind(" y=\"").unwrap();
                before[y + 4..]
                    .split('"')
                    .next()
                    .unwrap()
                    .parse::<f32>()
                    .unwrap()
            })
            .fold(0.0, f32::max);
        assert!(
            last_y > 2.0 * VIEW_H && last_y < HEIGHT as f32 - 6.0,
            "{last_y}"
        );
    }
}
