//! Lays a [`Topology`] out into a [`Scene`]: a fixed width, top-to-bottom flow, boxes
//! sized from their measured labels, orthogonal connectors with arrowheads.
//!
//! The layout is a plain computation over the description (no solver, no randomness), so
//! the same profile always gives the same drawing. Coordinates are points, origin at the
//! top-left corner, y downwards.

use super::labels::Labels;
use super::topology::{Node, Role, Topology};
use super::DiagramError;
use crate::graphics::{Color, Path, Point, Scene, Segment, Shape, Stroke};
use crate::text::FaceId;

// Type: face, size and line height in points.
const TITLE: (FaceId, f32, f32) = (FaceId::SansBold, 8.5, 11.0);
const DETAIL: (FaceId, f32, f32) = (FaceId::SerifRegular, 7.0, 9.5);
const ZONE_LABEL: (FaceId, f32, f32) = (FaceId::SansBold, 7.5, 10.0);
const HEADER: (FaceId, f32, f32) = (FaceId::SansBold, 8.5, 11.5);
const HEADER_DETAIL: (FaceId, f32, f32) = (FaceId::SerifRegular, 7.5, 10.0);
/// Noto CJK's ideographic em box sits from -0.12 to 0.88 em around the baseline.
const ASCENT: f32 = 0.88;

// Geometry, in points.
const BOX_PAD_X: f32 = 6.0;
const BOX_PAD_Y: f32 = 4.0;
const BOX_MIN_W: f32 = 58.0;
const RADIUS: f32 = 3.0;
/// Horizontal gap between boxes of one tier, and between inline security products.
const COL_GAP: f32 = 12.0;
const CHAIN_GAP: f32 = 16.0;
/// Vertical gap between two tiers of one zone (room for the connectors).
const ROW_GAP: f32 = 20.0;
const ZONE_PAD: f32 = 7.0;
/// Zone label: distance from the zone's top edge, and from the label to the first tier
/// (room for a bus line between them, clear of the label).
const ZONE_LABEL_TOP: f32 = 3.0;
const ZONE_LABEL_GAP: f32 = 14.0;
const ZONE_GAP: f32 = 12.0;
const FRAME_PAD: f32 = 8.0;
const ARROW_LEN: f32 = 5.5;
const ARROW_HALF: f32 = 2.4;
const LINE_W: f32 = 0.8;
const DASH: [f32; 2] = [3.0, 2.0];

#[derive(Clone, Copy)]
struct Palette {
    fill: Color,
    stroke: Color,
}

const NEUTRAL: Palette = Palette {
    fill: Color::hex(0xF3F5F7),
    stroke: Color::hex(0x5F6B7A),
};
const CLOUD: Palette = Palette {
    fill: Color::hex(0xEDF4FC),
    stroke: Color::hex(0x4A7FB5),
};
const SECURITY: Palette = Palette {
    fill: Color::hex(0xFCEDEB),
    stroke: Color::hex(0xB8452F),
};
const SERVICE: Palette = Palette {
    fill: Color::hex(0xE9F1FB),
    stroke: Color::hex(0x2E6DA4),
};
const DATA: Palette = Palette {
    fill: Color::hex(0xE8F5EA),
    stroke: Color::hex(0x2F7D3B),
};
const BACKUP: Palette = Palette {
    fill: Color::hex(0xFFF4DE),
    stroke: Color::hex(0xA8741A),
};
const MANAGE: Palette = Palette {
    fill: Color::hex(0xF1EEF8),
    stroke: Color::hex(0x5E4B8B),
};
const FRAME_FILL: Color = Color::hex(0xF7F9FC);
const FRAME_STROKE: Color = Color::hex(0x4D5B6A);
const BAND_FILL: Color = Color::hex(0xE2E9F2);
const ZONE_FILL: Color = Color::hex(0xFFFFFF);
const ZONE_STROKE: Color = Color::hex(0x9AA7B5);
const LINE: Color = Color::hex(0x333A42);
const DASHED_LINE: Color = Color::hex(0x77808A);
const TEXT: Color = Color::hex(0x1F2933);
const TEXT_DETAIL: Color = Color::hex(0x3E4A56);
const TEXT_ZONE: Color = Color::hex(0x52606D);

fn palette(role: Role) -> Palette {
    match role {
        Role::Balancer | Role::Web | Role::Application => SERVICE,
        Role::Database | Role::Cache | Role::Storage => DATA,
        Role::Backup => BACKUP,
        Role::Management => MANAGE,
        Role::Network | Role::Client => NEUTRAL,
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

impl Rect {
    fn cx(&self) -> f32 {
        self.x + self.w / 2.0
    }
    fn cy(&self) -> f32 {
        self.y + self.h / 2.0
    }
    fn right(&self) -> f32 {
        self.x + self.w
    }
    fn bottom(&self) -> f32 {
        self.y + self.h
    }
}

/// A line of text with its type, ready to be placed.
struct TextLine {
    text: String,
    kind: (FaceId, f32, f32),
    color: Color,
    width: f32,
}

/// A node measured for a maximum width: its lines and natural box size.
struct Sized {
    lines: Vec<TextLine>,
    w: f32,
    h: f32,
    palette: Palette,
    role: Role,
}

/// A zone's title and its tiers: the nodes, and whether they form an inline chain.
type ZoneSpec<'a> = (&'static str, Vec<(&'a [Node], bool)>);

/// A tier placed on the page.
struct Row {
    boxes: Vec<Rect>,
    roles: Vec<Role>,
    /// Inline security products: traffic enters the first box and leaves the last.
    chain: bool,
}

impl Row {
    fn entries(&self) -> Vec<Rect> {
        match (self.chain, self.boxes.first()) {
            (true, Some(first)) => vec![*first],
            _ => self.boxes.clone(),
        }
    }
    fn exits(&self) -> Vec<Rect> {
        match (self.chain, self.boxes.last()) {
            (true, Some(last)) => vec![*last],
            _ => self.boxes.clone(),
        }
    }
    fn bottom(&self) -> f32 {
        self.boxes.iter().map(Rect::bottom).fold(0.0, f32::max)
    }
}

struct Builder<'a> {
    fonts: &'a Labels,
    /// Painted first to last: backgrounds, connectors, boxes, text.
    back: Vec<Shape>,
    lines: Vec<Shape>,
    boxes: Vec<Shape>,
    text: Vec<Shape>,
}

impl Builder<'_> {
    fn line(
        &self,
        text: &str,
        kind: (FaceId, f32, f32),
        color: Color,
    ) -> Result<TextLine, DiagramError> {
        Ok(TextLine {
            text: text.to_string(),
            kind,
            color,
            width: self.fonts.width(text, kind.0, kind.1)?,
        })
    }

    /// Lines of `text` wrapped to `max_width`.
    fn wrapped(
        &self,
        text: &str,
        kind: (FaceId, f32, f32),
        color: Color,
        max_width: f32,
    ) -> Result<Vec<TextLine>, DiagramError> {
        self.fonts
            .wrap(text, kind.0, kind.1, max_width)?
            .iter()
            .map(|l| self.line(l, kind, color))
            .collect()
    }

    fn size(&self, node: &Node, max_w: f32, palette: Palette) -> Result<Sized, DiagramError> {
        let inner = (max_w - 2.0 * BOX_PAD_X).max(TITLE.1 * 2.0);
        let mut lines = self.wrapped(&node.title, TITLE, TEXT, inner)?;
        for detail in &node.details {
            lines.extend(self.wrapped(detail, DETAIL, TEXT_DETAIL, inner)?);
        }
        let text_w = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        let h = 2.0 * BOX_PAD_Y + lines.iter().map(|l| l.kind.2).sum::<f32>();
        Ok(Sized {
            lines,
            w: (text_w + 2.0 * BOX_PAD_X).max(BOX_MIN_W.min(max_w)),
            h,
            palette,
            role: node.role,
        })
    }

    /// Text lines centred in `rect` as a block.
    fn text_block(&mut self, lines: &[TextLine], rect: Rect) -> Result<(), DiagramError> {
        let total: f32 = lines.iter().map(|l| l.kind.2).sum();
        let mut top = rect.cy() - total / 2.0;
        for l in lines {
            let (face, size, lh) = l.kind;
            let baseline = top + (lh - size) / 2.0 + ASCENT * size;
            let label = self.fonts.label(
                &l.text,
                face,
                size,
                l.color,
                rect.cx() - l.width / 2.0,
                baseline,
            )?;
            self.text.push(Shape::Text(label));
            top += lh;
        }
        Ok(())
    }

    /// Left-aligned (`align = 0`) or right-aligned (`align = 1`) lines from `top`.
    fn text_lines_at(
        &mut self,
        lines: &[TextLine],
        x: f32,
        top: f32,
        right_aligned: bool,
    ) -> Result<(), DiagramError> {
        let mut top = top;
        for l in lines {
            let (face, size, lh) = l.kind;
            let baseline = top + (lh - size) / 2.0 + ASCENT * size;
            let left = if right_aligned { x - l.width } else { x };
            self.text.push(Shape::Text(
                self.fonts
                    .label(&l.text, face, size, l.color, left, baseline)?,
            ));
            top += lh;
        }
        Ok(())
    }

    fn node_box(&mut self, sized: &Sized, rect: Rect) -> Result<(), DiagramError> {
        self.boxes.push(Shape::Path(Path {
            segments: rounded_rect(rect, RADIUS),
            fill: Some(sized.palette.fill),
            stroke: Some(Stroke {
                color: sized.palette.stroke,
                width: 0.9,
                dash: None,
            }),
        }));
        self.text_block(&sized.lines, rect)
    }

    /// Places a tier's boxes side by side, centred on `cx` within `left..right`, all as
    /// tall as the tallest; never left of `min_x` (so connectors clear the zone label).
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        nodes: &[Node],
        palette_of: impl Fn(Role) -> Palette,
        cx: f32,
        left: f32,
        right: f32,
        min_center: f32,
        top: f32,
        chain: bool,
    ) -> Result<Row, DiagramError> {
        let gap = if chain { CHAIN_GAP } else { COL_GAP };
        let n = nodes.len();
        let avail = right - left;
        let gaps = gap * n.saturating_sub(1) as f32;
        let mut sized = nodes
            .iter()
            .map(|node| self.size(node, avail, palette_of(node.role)))
            .collect::<Result<Vec<_>, _>>()?;
        let total: f32 = sized.iter().map(|s| s.w).sum::<f32>() + gaps;
        if total > avail && n > 0 {
            // Too wide: boxes narrower than an even share keep their width, the others
            // share what is left evenly and wrap their labels.
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| sized[a].w.total_cmp(&sized[b].w));
            let mut limits = vec![0.0f32; n];
            let mut left_over = avail - gaps;
            for (k, &i) in order.iter().enumerate() {
                let share = left_over / (n - k) as f32;
                limits[i] = sized[i].w.min(share);
                left_over -= limits[i];
            }
            sized = nodes
                .iter()
                .zip(&limits)
                .map(|(node, &limit)| self.size(node, limit, palette_of(node.role)))
                .collect::<Result<Vec<_>, _>>()?;
        }
        let total: f32 = sized.iter().map(|s| s.w).sum::<f32>() + gaps;
        let h = sized.iter().map(|s| s.h).fold(0.0, f32::max);
        let mut x = (cx - total / 2.0).clamp(left, (right - total).max(left));
        if let Some(first) = sized.first() {
            let first_center = x + first.w / 2.0;
            if first_center < min_center {
                x = (x + min_center - first_center).min((right - total).max(left));
            }
        }
        let mut row = Row {
            boxes: Vec::new(),
            roles: Vec::new(),
            chain,
        };
        for s in &sized {
            let rect = Rect {
                x,
                y: top,
                w: s.w,
                h,
            };
            self.node_box(s, rect)?;
            row.boxes.push(rect);
            row.roles.push(s.role);
            x += s.w + gap;
        }
        if chain {
            for pair in row.boxes.windows(2) {
                let y = pair[0].cy();
                self.arrow(
                    &[Point::new(pair[0].right(), y), Point::new(pair[1].x, y)],
                    LINE,
                    None,
                );
            }
        }
        Ok(row)
    }

    /// An open polyline ending in an arrowhead at its last point.
    fn arrow(&mut self, points: &[Point], color: Color, dash: Option<[f32; 2]>) {
        let n = points.len();
        if n < 2 {
            return;
        }
        let tip = points[n - 1];
        let from = points[n - 2];
        let (dx, dy) = (tip.x - from.x, tip.y - from.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-3 {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        let base = Point::new(tip.x - ux * ARROW_LEN, tip.y - uy * ARROW_LEN);
        // The line stops inside the head so its end does not show past the tip.
        let stop = Point::new(tip.x - ux * ARROW_LEN * 0.6, tip.y - uy * ARROW_LEN * 0.6);
        let mut line: Vec<Point> = points[..n - 1].to_vec();
        line.push(stop);
        self.polyline(&line, color, dash);
        self.lines.push(Shape::Path(Path {
            segments: vec![
                Segment::MoveTo(tip),
                Segment::LineTo(Point::new(
                    base.x - uy * ARROW_HALF,
                    base.y + ux * ARROW_HALF,
                )),
                Segment::LineTo(Point::new(
                    base.x + uy * ARROW_HALF,
                    base.y - ux * ARROW_HALF,
                )),
                Segment::Close,
            ],
            fill: Some(color),
            stroke: None,
        }));
    }

    fn polyline(&mut self, points: &[Point], color: Color, dash: Option<[f32; 2]>) {
        let mut segments = Vec::with_capacity(points.len());
        for (i, p) in points.iter().enumerate() {
            segments.push(if i == 0 {
                Segment::MoveTo(*p)
            } else {
                Segment::LineTo(*p)
            });
        }
        self.lines.push(Shape::Path(Path {
            segments,
            fill: None,
            stroke: Some(Stroke {
                color,
                width: LINE_W,
                dash,
            }),
        }));
    }

    /// Joins sources to targets: a straight arrow when both are one box on one vertical,
    /// otherwise lines down from each source to a horizontal bus at `bus_y` and arrows
    /// from the bus down into each target.
    fn connect(
        &mut self,
        from: &[(f32, f32)],
        to: &[(f32, f32)],
        bus_y: f32,
        color: Color,
        dash: Option<[f32; 2]>,
    ) {
        if let ([(fx, fy)], [(tx, ty)]) = (from, to) {
            if (fx - tx).abs() < 0.5 {
                self.arrow(&[Point::new(*fx, *fy), Point::new(*fx, *ty)], color, dash);
                return;
            }
        }
        let xs = from.iter().chain(to).map(|p| p.0);
        let lo = xs.clone().fold(f32::INFINITY, f32::min);
        let hi = xs.fold(f32::NEG_INFINITY, f32::max);
        for &(x, y) in from {
            self.polyline(&[Point::new(x, y), Point::new(x, bus_y)], color, dash);
        }
        if hi - lo > 0.5 {
            self.polyline(&[Point::new(lo, bus_y), Point::new(hi, bus_y)], color, dash);
        }
        for &(x, y) in to {
            self.arrow(&[Point::new(x, bus_y), Point::new(x, y)], color, dash);
        }
    }

    fn zone(&mut self, rect: Rect, title: &str) -> Result<(), DiagramError> {
        self.back.push(Shape::Path(Path {
            segments: rounded_rect(rect, RADIUS),
            fill: Some(ZONE_FILL),
            stroke: Some(Stroke {
                color: ZONE_STROKE,
                width: 0.6,
                dash: Some(DASH),
            }),
        }));
        let line = self.line(title, ZONE_LABEL, TEXT_ZONE)?;
        // A connector that must cross the label passes behind it, not through it.
        self.boxes.push(Shape::Path(Path {
            segments: rounded_rect(
                Rect {
                    x: rect.x + ZONE_PAD - 2.0,
                    y: rect.y + ZONE_LABEL_TOP,
                    w: line.width + 4.0,
                    h: ZONE_LABEL.2,
                },
                1.0,
            ),
            fill: Some(ZONE_FILL),
            stroke: None,
        }));
        self.text_lines_at(&[line], rect.x + ZONE_PAD, rect.y + ZONE_LABEL_TOP, false)
    }
}

/// A rectangle with rounded corners, as one closed path.
fn rounded_rect(r: Rect, radius: f32) -> Vec<Segment> {
    let k = radius * 0.552_284_8; // cubic approximation of a quarter circle
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    vec![
        Segment::MoveTo(Point::new(x0 + radius, y0)),
        Segment::LineTo(Point::new(x1 - radius, y0)),
        Segment::CubicTo(
            Point::new(x1 - radius + k, y0),
            Point::new(x1, y0 + radius - k),
            Point::new(x1, y0 + radius),
        ),
        Segment::LineTo(Point::new(x1, y1 - radius)),
        Segment::CubicTo(
            Point::new(x1, y1 - radius + k),
            Point::new(x1 - radius + k, y1),
            Point::new(x1 - radius, y1),
        ),
        Segment::LineTo(Point::new(x0 + radius, y1)),
        Segment::CubicTo(
            Point::new(x0 + radius - k, y1),
            Point::new(x0, y1 - radius + k),
            Point::new(x0, y1 - radius),
        ),
        Segment::LineTo(Point::new(x0, y0 + radius)),
        Segment::CubicTo(
            Point::new(x0, y0 + radius - k),
            Point::new(x0 + radius - k, y0),
            Point::new(x0 + radius, y0),
        ),
        Segment::Close,
    ]
}

/// Unit vectors at 36° steps from the top, and at the midpoints between them: fixed
/// values rather than `sin`/`cos`, whose last bits vary between math libraries.
const RIM: [(f32, f32); 10] = [
    (0.0, -1.0),
    (0.587_785, -0.809_017),
    (0.951_057, -0.309_017),
    (0.951_057, 0.309_017),
    (0.587_785, 0.809_017),
    (0.0, 1.0),
    (-0.587_785, 0.809_017),
    (-0.951_057, 0.309_017),
    (-0.951_057, -0.309_017),
    (-0.587_785, -0.809_017),
];
const MID: [(f32, f32); 10] = [
    (0.309_017, -0.951_057),
    (0.809_017, -0.587_785),
    (1.0, 0.0),
    (0.809_017, 0.587_785),
    (0.309_017, 0.951_057),
    (-0.309_017, 0.951_057),
    (-0.809_017, 0.587_785),
    (-1.0, 0.0),
    (-0.809_017, -0.587_785),
    (-0.309_017, -0.951_057),
];
/// How far the cloud's scallops reach beyond its ellipse, per unit of `bump`.
const BULGE: f32 = 0.75;

/// A cloud: ten scallops around the ellipse (`rx`, `ry`) centred on `c`.
fn cloud(c: Point, rx: f32, ry: f32, bump: f32) -> Vec<Segment> {
    let at = |(u, v): (f32, f32)| Point::new(c.x + rx * u, c.y + ry * v);
    let mut segments = vec![Segment::MoveTo(at(RIM[0]))];
    for k in 0..RIM.len() {
        let (a, b) = (at(RIM[k]), at(RIM[(k + 1) % RIM.len()]));
        // Outward normal of the ellipse at the scallop's middle.
        let (mu, mv) = MID[k];
        let (nx, ny) = (mu / rx, mv / ry);
        let len = (nx * nx + ny * ny).sqrt();
        let (nx, ny) = (nx / len * bump, ny / len * bump);
        segments.push(Segment::CubicTo(
            Point::new(a.x + nx, a.y + ny),
            Point::new(b.x + nx, b.y + ny),
            b,
        ));
    }
    segments.push(Segment::Close);
    segments
}

/// Lays out `t` at `width` points wide.
pub(crate) fn lay_out(t: &Topology, width: f32) -> Result<Scene, DiagramError> {
    let labels = Labels::new()?;
    let mut b = Builder {
        fonts: &labels,
        back: Vec::new(),
        lines: Vec::new(),
        boxes: Vec::new(),
        text: Vec::new(),
    };

    // Columns: the traffic path on the left, the management zone on the right.
    let frame_left = 1.0;
    let frame_right = width - 1.0;
    let zone_left = frame_left + FRAME_PAD;
    let mut zone_right = frame_right - FRAME_PAD;
    let mut manage: Option<(f32, Vec<Sized>)> = None;
    if !t.management.is_empty() {
        let max_col = (width * 0.3).max(BOX_MIN_W + 2.0 * ZONE_PAD);
        let natural = t
            .management
            .iter()
            .map(|n| b.size(n, max_col - 2.0 * ZONE_PAD, MANAGE).map(|s| s.w))
            .collect::<Result<Vec<_>, _>>()?;
        let col = (natural.iter().copied().fold(0.0, f32::max) + 2.0 * ZONE_PAD)
            .clamp(92.0_f32.min(max_col), max_col);
        let sized = t
            .management
            .iter()
            .map(|n| b.size(n, col - 2.0 * ZONE_PAD, MANAGE))
            .collect::<Result<Vec<_>, _>>()?;
        zone_right = frame_right - FRAME_PAD - col - ZONE_GAP;
        manage = Some((col, sized));
    }
    let inner_left = zone_left + ZONE_PAD;
    let inner_right = zone_right - ZONE_PAD;
    let cx = (zone_left + zone_right) / 2.0;

    // Users and the Internet, above the data centre.
    let mut y = 1.0;
    let users = Node {
        title: "用户".to_string(),
        details: if t.clients.is_empty() {
            Vec::new()
        } else {
            vec![t.clients.clone()]
        },
        role: Role::Web,
    };
    let users = b.size(&users, inner_right - inner_left, NEUTRAL)?;
    let users_rect = Rect {
        x: cx - users.w.max(84.0) / 2.0,
        y,
        w: users.w.max(84.0),
        h: users.h,
    };
    b.node_box(&users, users_rect)?;
    // Devices and partner systems that send data, left of the users, with their own link.
    let sources_rect = match merged_sources(&t.sources) {
        Some(node) => {
            let max_w = (users_rect.x - inner_left - COL_GAP).max(BOX_MIN_W);
            let sized = b.size(&node, max_w, NEUTRAL)?;
            let rect = Rect {
                x: (users_rect.x - COL_GAP - sized.w).max(frame_left),
                y,
                w: sized.w,
                h: sized.h,
            };
            b.node_box(&sized, rect)?;
            Some(rect)
        }
        None => None,
    };
    y = users_rect
        .bottom()
        .max(sources_rect.map_or(0.0, |r| r.bottom()))
        + 24.0;

    let internet = b.line("互联网", TITLE, TEXT)?;
    let (rx, ry, bump) = ((internet.width / 2.0 + 26.0).max(52.0), 12.0, 9.0);
    let cloud_top = y;
    let cloud_center = Point::new(cx, cloud_top + ry + bump * BULGE);
    b.boxes.push(Shape::Path(Path {
        segments: cloud(cloud_center, rx, ry, bump),
        fill: Some(CLOUD.fill),
        stroke: Some(Stroke {
            color: CLOUD.stroke,
            width: 0.9,
            dash: None,
        }),
    }));
    let cloud_rect = Rect {
        x: cx - rx,
        y: cloud_top,
        w: 2.0 * rx,
        h: 2.0 * (ry + bump * BULGE),
    };
    b.text_block(&[internet], cloud_rect)?;
    if let Some(rect) = sources_rect {
        let mid = cloud_rect.cy();
        b.arrow(
            &[
                Point::new(rect.cx(), rect.bottom()),
                Point::new(rect.cx(), mid),
                Point::new(cloud_rect.x + 4.0, mid),
            ],
            LINE,
            None,
        );
    }
    b.arrow(
        &[
            Point::new(cx, users_rect.bottom()),
            Point::new(cx, cloud_rect.y + bump * 0.3),
        ],
        LINE,
        None,
    );
    if !t.domains.is_empty() {
        let shown: Vec<&str> = t.domains.iter().take(2).map(String::as_str).collect();
        let more = if t.domains.len() > 2 { " 等" } else { "" };
        let text = format!("HTTPS 访问 {}{more}", shown.join("、"));
        let lines = b.wrapped(&text, DETAIL, TEXT_DETAIL, frame_right - cx - 10.0)?;
        let h: f32 = lines.iter().map(|l| l.kind.2).sum();
        let mid = (users_rect.bottom() + cloud_rect.y) / 2.0;
        b.text_lines_at(&lines, cx + 6.0, mid - h / 2.0, false)?;
    }
    y = cloud_rect.bottom() + 16.0;

    // The data centre: a frame whose header names the provider, place, bandwidth and IPs.
    let frame_top = y;
    let left_lines = {
        let max_w = cx - 8.0 - (frame_left + 8.0);
        let mut lines = Vec::new();
        for site in &t.sites {
            lines.extend(b.wrapped(&site.title, HEADER, TEXT, max_w)?);
            if !site.detail.is_empty() {
                lines.extend(b.wrapped(&site.detail, HEADER_DETAIL, TEXT_DETAIL, max_w)?);
            }
        }
        lines
    };
    let right_lines = {
        let max_w = frame_right - 8.0 - (cx + 8.0);
        let mut lines = Vec::new();
        if t.bandwidth_mbps > 0 {
            lines.extend(b.wrapped(
                &format!("接入带宽 {}Mbps", t.bandwidth_mbps),
                HEADER_DETAIL,
                TEXT_DETAIL,
                max_w,
            )?);
        }
        if !t.ips.is_empty() {
            lines.extend(b.wrapped(
                &format!("公网IP {}", t.ips.join("、")),
                HEADER_DETAIL,
                TEXT_DETAIL,
                max_w,
            )?);
        }
        lines
    };
    let block_h = |lines: &[TextLine]| lines.iter().map(|l| l.kind.2).sum::<f32>();
    let band_h = block_h(&left_lines).max(block_h(&right_lines)) + 10.0;
    b.text_lines_at(&left_lines, frame_left + 8.0, frame_top + 5.0, false)?;
    let right_top = frame_top + (band_h - block_h(&right_lines)) / 2.0;
    b.text_lines_at(&right_lines, frame_right - 8.0, right_top, true)?;
    y = frame_top + band_h + FRAME_PAD;

    // Zones of the traffic path, each with its tiers.
    let zone_label_w = |b: &Builder, title: &str| b.fonts.width(title, ZONE_LABEL.0, ZONE_LABEL.1);
    let security: Vec<Node> = t
        .inline_security
        .iter()
        .map(|p| Node {
            title: p.clone(),
            details: Vec::new(),
            role: Role::Management,
        })
        .collect();
    let zones: [ZoneSpec; 3] = [
        (
            "互联网接入区",
            vec![
                (&security[..], true),
                (&t.balancers[..], false),
                (&t.network[..], false),
            ],
        ),
        (
            "应用服务区",
            vec![(&t.web[..], false), (&t.application[..], false)],
        ),
        (
            "数据存储区",
            vec![(&t.data[..], false), (&t.backup[..], false)],
        ),
    ];
    let mut rows: Vec<(usize, Row)> = Vec::new();
    let mut zone_rects: Vec<Rect> = Vec::new();
    for (zi, (title, tiers)) in zones.iter().enumerate() {
        if tiers.iter().all(|(nodes, _)| nodes.is_empty()) {
            continue;
        }
        let zone_top = y;
        let min_center = inner_left + zone_label_w(&b, title)? + 10.0;
        let mut row_top = zone_top + ZONE_LABEL_TOP + ZONE_LABEL.2 + ZONE_LABEL_GAP;
        let mut last_bottom = row_top;
        for (nodes, chain) in tiers {
            if nodes.is_empty() {
                continue;
            }
            let palette_of = |role: Role| if *chain { SECURITY } else { palette(role) };
            let row = b.row(
                nodes,
                palette_of,
                cx,
                inner_left,
                inner_right,
                min_center,
                row_top,
                *chain,
            )?;
            last_bottom = row.bottom();
            row_top = last_bottom + ROW_GAP;
            rows.push((zi, row));
        }
        let rect = Rect {
            x: zone_left,
            y: zone_top,
            w: zone_right - zone_left,
            h: last_bottom + ZONE_PAD - zone_top,
        };
        b.zone(rect, title)?;
        zone_rects.push(rect);
        y = rect.bottom() + ZONE_GAP;
    }
    let mut main_bottom = zone_rects.last().map_or(y, Rect::bottom);

    // The management zone beside them, as tall as they are together.
    if let Some((col, sized)) = &manage {
        let zx = zone_right + ZONE_GAP;
        let top = zone_rects.first().map_or(y, |r| r.y);
        let mut by = top + ZONE_LABEL_TOP + ZONE_LABEL.2 + ZONE_LABEL_GAP;
        let mut rects = Vec::new();
        for s in sized {
            let rect = Rect {
                x: zx + ZONE_PAD,
                y: by,
                w: col - 2.0 * ZONE_PAD,
                h: s.h,
            };
            b.node_box(s, rect)?;
            rects.push(rect);
            by = rect.bottom() + 8.0;
        }
        let bottom = (by - 8.0 + ZONE_PAD).max(main_bottom);
        if bottom > main_bottom {
            // Stretch the last zone so both columns end together.
            if let Some(last) = zone_rects.last_mut() {
                last.h += bottom - main_bottom;
                if let Some(Shape::Path(path)) = b.back.last_mut() {
                    path.segments = rounded_rect(*last, RADIUS);
                }
            }
            main_bottom = bottom;
        }
        let rect = Rect {
            x: zx,
            y: top,
            w: *col,
            h: bottom - top,
        };
        b.zone(rect, "运维管理区")?;
        // Management reaches every zone of the traffic path.
        for zone in &zone_rects {
            let yy = zone.cy();
            b.arrow(
                &[Point::new(rect.x, yy), Point::new(zone.right(), yy)],
                DASHED_LINE,
                Some(DASH),
            );
        }
    }

    // Traffic: from the Internet into the first tier, then tier to tier.
    let main: Vec<&Row> = rows
        .iter()
        .filter(|(zi, row)| !(*zi == 2 && row.roles.first() == Some(&Role::Backup)))
        .map(|(_, row)| row)
        .collect();
    let top_of = |r: &Rect| (r.cx(), r.y);
    let bottom_of = |r: &Rect| (r.cx(), r.bottom());
    if let Some(first) = main.first() {
        let to: Vec<(f32, f32)> = first.entries().iter().map(top_of).collect();
        let bus = to.first().map_or(0.0, |p| p.1) - 8.0;
        b.connect(
            &[(cx, cloud_rect.bottom() - bump * 0.3)],
            &to,
            bus,
            LINE,
            None,
        );
    }
    for pair in main.windows(2) {
        let from: Vec<(f32, f32)> = pair[0].exits().iter().map(bottom_of).collect();
        let to: Vec<(f32, f32)> = pair[1].entries().iter().map(top_of).collect();
        let from_y = pair[0].bottom();
        let to_y = to.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        let bus = if to.len() > 1 {
            to_y - 8.0
        } else if from.len() > 1 {
            from_y + 8.0
        } else {
            (from_y + to_y) / 2.0
        };
        b.connect(&from, &to, bus, LINE, None);
    }

    // Backups: from the stores that hold data, and off site.
    let backup_row = rows
        .iter()
        .find(|(zi, row)| *zi == 2 && row.roles.first() == Some(&Role::Backup))
        .map(|(_, row)| row);
    let data_row = rows
        .iter()
        .find(|(zi, row)| *zi == 2 && row.roles.first() != Some(&Role::Backup))
        .map(|(_, row)| row);
    if let (Some(data), Some(backup)) = (data_row, backup_row) {
        let from: Vec<(f32, f32)> = data
            .boxes
            .iter()
            .zip(&data.roles)
            .filter(|(_, role)| **role != Role::Cache)
            .map(|(r, _)| bottom_of(r))
            .collect();
        let from = if from.is_empty() {
            data.boxes.iter().map(bottom_of).collect()
        } else {
            from
        };
        let to: Vec<(f32, f32)> = backup.boxes.iter().map(top_of).collect();
        let to_y = to.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        b.connect(
            &from,
            &to,
            (data.bottom() + to_y) / 2.0,
            DASHED_LINE,
            Some(DASH),
        );
    }
    let frame_bottom = main_bottom + FRAME_PAD;
    let frame = Rect {
        x: frame_left,
        y: frame_top,
        w: frame_right - frame_left,
        h: frame_bottom - frame_top,
    };
    let mut bottom = frame_bottom;
    if let Some(offsite) = &t.offsite {
        let sized = b.size(offsite, inner_right - inner_left, BACKUP)?;
        let anchor = backup_row
            .and_then(|r| r.boxes.first().copied())
            .map_or(cx, |r| r.cx());
        let w = sized.w.max(120.0);
        let rect = Rect {
            x: (anchor - w / 2.0).clamp(frame_left, frame_right - w),
            y: frame_bottom + 24.0,
            w,
            h: sized.h,
        };
        b.node_box(&sized, rect)?;
        let from = backup_row
            .and_then(|r| r.boxes.first().copied())
            .map_or((rect.cx(), frame_bottom), |r| bottom_of(&r));
        b.connect(
            &[from],
            &[top_of(&rect)],
            (from.1 + rect.y) / 2.0,
            DASHED_LINE,
            Some(DASH),
        );
        let label = b.line("异地复制", DETAIL, TEXT_DETAIL)?;
        let mid = (frame_bottom + rect.y) / 2.0 - DETAIL.2 / 2.0;
        b.text_lines_at(&[label], rect.cx() + 5.0, mid, false)?;
        bottom = rect.bottom();
    }

    // Legend, bottom right.
    let legend = [
        ("业务访问", LINE, None),
        ("运维管理 / 数据备份", DASHED_LINE, Some(DASH)),
    ];
    let legend_lines = legend
        .iter()
        .map(|(text, _, _)| b.line(text, DETAIL, TEXT_DETAIL))
        .collect::<Result<Vec<_>, _>>()?;
    let text_w = legend_lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let sample = 22.0;
    let lx = frame_right - text_w - sample - 4.0;
    let mut ly = frame_bottom + 6.0;
    for ((_, color, dash), line) in legend.iter().zip(legend_lines) {
        let mid = ly + DETAIL.2 / 2.0;
        b.arrow(
            &[Point::new(lx, mid), Point::new(lx + sample, mid)],
            *color,
            *dash,
        );
        b.text_lines_at(&[line], lx + sample + 4.0, ly, false)?;
        ly += DETAIL.2 + 2.0;
    }
    bottom = bottom.max(ly);

    // The frame goes under everything, its header band on it, its border on top of both.
    let mut shapes = vec![
        Shape::Path(Path {
            segments: rounded_rect(frame, RADIUS + 1.0),
            fill: Some(FRAME_FILL),
            stroke: None,
        }),
        Shape::Path(Path {
            segments: rounded_rect(
                Rect {
                    x: frame.x + 0.5,
                    y: frame.y + 0.5,
                    w: frame.w - 1.0,
                    h: band_h - 0.5,
                },
                RADIUS,
            ),
            fill: Some(BAND_FILL),
            stroke: None,
        }),
        Shape::Path(Path {
            segments: rounded_rect(frame, RADIUS + 1.0),
            fill: None,
            stroke: Some(Stroke {
                color: FRAME_STROKE,
                width: 1.0,
                dash: None,
            }),
        }),
    ];
    shapes.append(&mut b.back);
    shapes.append(&mut b.lines);
    shapes.append(&mut b.boxes);
    shapes.append(&mut b.text);

    Ok(Scene {
        width,
        height: bottom + 1.0,
        shapes,
        alt_text: alt_text(t),
    })
}

/// All data sources in one box: their names as the title, how they connect below.
fn merged_sources(sources: &[Node]) -> Option<Node> {
    if sources.is_empty() {
        return None;
    }
    let mut details: Vec<String> = Vec::new();
    for source in sources {
        for detail in &source.details {
            if !details.contains(detail) {
                details.push(detail.clone());
            }
        }
    }
    Some(Node {
        title: sources
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        details,
        role: Role::Client,
    })
}

/// The path traffic takes, in words.
fn alt_text(t: &Topology) -> String {
    let mut steps = vec!["用户".to_string(), "互联网".to_string()];
    steps.push(
        t.sites
            .iter()
            .map(|s| format!("{}（{}）", s.title, s.detail))
            .collect::<Vec<_>>()
            .join("、"),
    );
    steps.extend(t.inline_security.iter().cloned());
    for tier in [&t.balancers, &t.network, &t.web, &t.application, &t.data] {
        if !tier.is_empty() {
            steps.push(
                tier.iter()
                    .map(|n| n.title.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            );
        }
    }
    let mut text = format!("网络拓扑图：{}", steps.join(" → "));
    if t.offsite.is_some() {
        text.push_str("；数据定期备份并复制至异地");
    }
    text
}
