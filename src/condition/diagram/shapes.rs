//! The panel diagram's shapes: every panel's polygon, where its marks go
//! and where its name stands, in the order they are drawn. Data only; the
//! drawing is `diagram.rs`.

/// How a panel's marks line up from its centre: alternately below and
/// above it (`Down`, tall shapes), right and left of it (`Across`, wide
/// ones), or only one way where a neighbour's marks or leader line are
/// close on the other side.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Stack {
    Down,
    Across,
    Below,
    Above,
}

/// Where a panel's name goes.
#[derive(Clone, Copy)]
pub(super) enum Label {
    /// Inside the shape, centred on this baseline point.
    Inside(f32, f32),
    /// In the margin left of the car at height `y`, with a leader line to
    /// the point `to` on the shape's edge.
    Left { y: f32, to: (f32, f32) },
    /// The same on the right.
    Right { y: f32, to: (f32, f32) },
    /// Next to the shape (the side members, in the engine bay): text
    /// starting at `at` (baseline), a short leader to `to`.
    Start { at: (f32, f32), to: (f32, f32) },
    /// Text ending at `at`.
    End { at: (f32, f32), to: (f32, f32) },
}

/// A panel's shape: a polygon with rounded corners in its view's
/// coordinates, the point where its first mark goes, and its label.
pub(super) struct Shape {
    pub(super) key: &'static str,
    pub(super) view: View,
    pub(super) points: &'static [(f32, f32)],
    pub(super) radius: f32,
    pub(super) centre: (f32, f32),
    pub(super) stack: Stack,
    pub(super) label: Label,
}

/// Label columns: left labels end at `LABEL_IN`, right ones start at
/// `VIEW_W - LABEL_IN`; leaders run from `LEADER_IN` to the shape.
pub(super) const LABEL_IN: f32 = 102.0;
pub(super) const LEADER_IN: f32 = 108.0;

/// A rectangle as a polygon.
macro_rules! rect {
    ($x:expr, $y:expr, $w:expr, $h:expr) => {
        &[($x, $y), ($x + $w, $y), ($x + $w, $y + $h), ($x, $y + $h)]
    };
}

use super::View;
use Stack::{Above, Across, Below, Down};
use View::{Frame, Outer};

/// Drawn in this order: a panel's leader line crosses only panels drawn
/// before it (the door leaders cross the sills).
pub(super) const SHAPES: &[Shape] = &[
    // Outer panels. The car body runs from y 58 (nose) to 613 (tail),
    // x 127..373; tyres stick out at the sides.
    Shape {
        key: "radiator_support",
        view: Outer,
        points: rect!(183.0, 64.0, 134.0, 11.0),
        radius: 4.0,
        centre: (250.0, 69.0),
        stack: Across,
        label: Label::Left {
            y: 69.0,
            to: (183.0, 69.0),
        },
    },
    Shape {
        key: "hood",
        view: Outer,
        points: &[(197.0, 81.0), (303.0, 81.0), (308.0, 229.0), (192.0, 229.0)],
        radius: 12.0,
        centre: (250.0, 165.0),
        stack: Across,
        label: Label::Inside(250.0, 116.0),
    },
    Shape {
        key: "front_fender_l",
        view: Outer,
        points: &[
            (189.0, 81.0),
            (189.0, 229.0),
            (133.0, 229.0),
            (133.0, 114.0),
            (156.0, 81.0),
        ],
        radius: 8.0,
        centre: (161.0, 182.0),
        stack: Down,
        label: Label::Left {
            y: 98.0,
            to: (144.5, 98.0),
        },
    },
    Shape {
        key: "front_fender_r",
        view: Outer,
        points: &[
            (311.0, 81.0),
            (311.0, 229.0),
            (367.0, 229.0),
            (367.0, 114.0),
            (344.0, 81.0),
        ],
        radius: 8.0,
        centre: (339.0, 182.0),
        stack: Down,
        label: Label::Right {
            y: 98.0,
            to: (355.5, 98.0),
        },
    },
    Shape {
        key: "side_sill_l",
        view: Outer,
        points: rect!(133.0, 237.0, 10.0, 225.0),
        radius: 4.0,
        centre: (138.0, 352.0),
        stack: Down,
        label: Label::Left {
            y: 455.0,
            to: (133.0, 455.0),
        },
    },
    Shape {
        key: "side_sill_r",
        view: Outer,
        points: rect!(357.0, 237.0, 10.0, 225.0),
        radius: 4.0,
        centre: (362.0, 352.0),
        stack: Down,
        label: Label::Right {
            y: 455.0,
            to: (367.0, 455.0),
        },
    },
    Shape {
        key: "front_door_l",
        view: Outer,
        points: rect!(148.0, 235.0, 41.0, 114.0),
        radius: 5.0,
        centre: (168.0, 292.0),
        stack: Down,
        label: Label::Left {
            y: 292.0,
            to: (148.0, 292.0),
        },
    },
    Shape {
        key: "front_door_r",
        view: Outer,
        points: rect!(311.0, 235.0, 41.0, 114.0),
        radius: 5.0,
        centre: (332.0, 292.0),
        stack: Down,
        label: Label::Right {
            y: 292.0,
            to: (352.0, 292.0),
        },
    },
    Shape {
        key: "rear_door_l",
        view: Outer,
        points: rect!(148.0, 355.0, 41.0, 109.0),
        radius: 5.0,
        centre: (168.0, 410.0),
        stack: Down,
        label: Label::Left {
            y: 392.0,
            to: (148.0, 392.0),
        },
    },
    Shape {
        key: "rear_door_r",
        view: Outer,
        points: rect!(311.0, 355.0, 41.0, 109.0),
        radius: 5.0,
        centre: (332.0, 410.0),
        stack: Down,
        label: Label::Right {
            y: 392.0,
            to: (352.0, 392.0),
        },
    },
    Shape {
        key: "roof",
        view: Outer,
        points: rect!(204.0, 276.0, 92.0, 158.0),
        radius: 12.0,
        centre: (250.0, 366.0),
        stack: Across,
        label: Label::Inside(250.0, 312.0),
    },
    Shape {
        key: "quarter_l",
        view: Outer,
        points: &[
            (133.0, 470.0),
            (189.0, 470.0),
            (189.0, 588.0),
            (156.0, 588.0),
            (133.0, 556.0),
        ],
        radius: 8.0,
        centre: (161.0, 519.0),
        stack: Down,
        label: Label::Left {
            y: 552.0,
            to: (134.0, 552.0),
        },
    },
    Shape {
        key: "quarter_r",
        view: Outer,
        points: &[
            (367.0, 470.0),
            (311.0, 470.0),
            (311.0, 588.0),
            (344.0, 588.0),
            (367.0, 556.0),
        ],
        radius: 8.0,
        centre: (339.0, 519.0),
        stack: Down,
        label: Label::Right {
            y: 552.0,
            to: (366.0, 552.0),
        },
    },
    Shape {
        key: "trunk_lid",
        view: Outer,
        points: &[
            (196.0, 472.0),
            (304.0, 472.0),
            (300.0, 584.0),
            (200.0, 584.0),
        ],
        radius: 12.0,
        centre: (250.0, 543.0),
        stack: Across,
        label: Label::Inside(250.0, 504.0),
    },
    // Frame parts on the body shell, the same outline.
    Shape {
        key: "front_panel",
        view: Frame,
        points: rect!(167.0, 62.0, 166.0, 13.0),
        radius: 4.0,
        centre: (250.0, 68.5),
        stack: Across,
        label: Label::Left {
            y: 68.5,
            to: (167.0, 68.5),
        },
    },
    Shape {
        key: "cross_member",
        view: Frame,
        points: rect!(141.0, 87.0, 218.0, 13.0),
        radius: 4.0,
        centre: (250.0, 93.5),
        stack: Across,
        label: Label::Right {
            y: 93.5,
            to: (359.0, 93.5),
        },
    },
    Shape {
        key: "inside_panel_l",
        view: Frame,
        points: &[
            (168.0, 104.0),
            (168.0, 154.0),
            (138.0, 154.0),
            (138.0, 116.0),
            (148.0, 104.0),
        ],
        radius: 5.0,
        centre: (153.0, 129.0),
        stack: Down,
        label: Label::Left {
            y: 129.0,
            to: (138.0, 129.0),
        },
    },
    Shape {
        key: "inside_panel_r",
        view: Frame,
        points: &[
            (332.0, 104.0),
            (332.0, 154.0),
            (362.0, 154.0),
            (362.0, 116.0),
            (352.0, 104.0),
        ],
        radius: 5.0,
        centre: (347.0, 129.0),
        stack: Down,
        label: Label::Right {
            y: 129.0,
            to: (362.0, 129.0),
        },
    },
    Shape {
        key: "side_member_l",
        view: Frame,
        points: rect!(174.0, 104.0, 14.0, 114.0),
        radius: 4.0,
        centre: (181.0, 163.0),
        stack: Down,
        label: Label::Start {
            at: (196.0, 122.0),
            to: (188.0, 117.0),
        },
    },
    Shape {
        key: "side_member_r",
        view: Frame,
        points: rect!(312.0, 104.0, 14.0, 114.0),
        radius: 4.0,
        centre: (319.0, 163.0),
        stack: Down,
        label: Label::End {
            at: (304.0, 216.0),
            to: (312.0, 211.0),
        },
    },
    Shape {
        key: "wheel_house_l",
        view: Frame,
        points: rect!(138.0, 160.0, 30.0, 58.0),
        radius: 14.0,
        centre: (153.0, 189.0),
        stack: Down,
        label: Label::Left {
            y: 189.0,
            to: (138.0, 189.0),
        },
    },
    Shape {
        key: "wheel_house_r",
        view: Frame,
        points: rect!(332.0, 160.0, 30.0, 58.0),
        radius: 14.0,
        centre: (347.0, 189.0),
        stack: Down,
        label: Label::Right {
            y: 189.0,
            to: (362.0, 189.0),
        },
    },
    Shape {
        key: "dash_panel",
        view: Frame,
        points: rect!(138.0, 223.0, 224.0, 15.0),
        radius: 4.0,
        centre: (250.0, 230.5),
        stack: Across,
        label: Label::Left {
            y: 230.5,
            to: (138.0, 230.5),
        },
    },
    Shape {
        key: "pillar_a_l",
        view: Frame,
        points: rect!(138.0, 244.0, 27.0, 36.0),
        radius: 5.0,
        centre: (151.5, 262.0),
        stack: Below,
        label: Label::Left {
            y: 262.0,
            to: (138.0, 262.0),
        },
    },
    Shape {
        key: "pillar_a_r",
        view: Frame,
        points: rect!(335.0, 244.0, 27.0, 36.0),
        radius: 5.0,
        centre: (348.5, 262.0),
        stack: Below,
        label: Label::Right {
            y: 262.0,
            to: (362.0, 262.0),
        },
    },
    Shape {
        key: "pillar_b_l",
        view: Frame,
        points: rect!(138.0, 323.0, 27.0, 36.0),
        radius: 5.0,
        centre: (151.5, 341.0),
        stack: Down,
        label: Label::Left {
            y: 341.0,
            to: (138.0, 341.0),
        },
    },
    Shape {
        key: "pillar_b_r",
        view: Frame,
        points: rect!(335.0, 323.0, 27.0, 36.0),
        radius: 5.0,
        centre: (348.5, 341.0),
        stack: Down,
        label: Label::Right {
            y: 341.0,
            to: (362.0, 341.0),
        },
    },
    Shape {
        key: "pillar_c_l",
        view: Frame,
        points: rect!(138.0, 402.0, 27.0, 36.0),
        radius: 5.0,
        centre: (151.5, 420.0),
        stack: Above,
        label: Label::Left {
            y: 420.0,
            to: (138.0, 420.0),
        },
    },
    Shape {
        key: "pillar_c_r",
        view: Frame,
        points: rect!(335.0, 402.0, 27.0, 36.0),
        radius: 5.0,
        centre: (348.5, 420.0),
        stack: Above,
        label: Label::Right {
            y: 420.0,
            to: (362.0, 420.0),
        },
    },
    Shape {
        key: "floor_panel",
        view: Frame,
        points: rect!(181.0, 244.0, 138.0, 194.0),
        radius: 8.0,
        centre: (250.0, 349.0),
        stack: Across,
        label: Label::Inside(250.0, 284.0),
    },
    Shape {
        key: "package_tray",
        view: Frame,
        points: rect!(167.0, 443.0, 166.0, 15.0),
        radius: 4.0,
        centre: (250.0, 451.0),
        stack: Across,
        label: Label::Right {
            y: 451.0,
            to: (333.0, 451.0),
        },
    },
    Shape {
        key: "trunk_floor",
        view: Frame,
        points: &[
            (175.0, 464.0),
            (325.0, 464.0),
            (325.0, 562.0),
            (306.0, 584.0),
            (194.0, 584.0),
            (175.0, 562.0),
        ],
        radius: 8.0,
        centre: (250.0, 537.0),
        stack: Across,
        label: Label::Inside(250.0, 498.0),
    },
    Shape {
        key: "rear_panel",
        view: Frame,
        points: rect!(167.0, 590.0, 166.0, 13.0),
        radius: 4.0,
        centre: (250.0, 597.0),
        stack: Across,
        label: Label::Left {
            y: 597.0,
            to: (167.0, 597.0),
        },
    },
];
