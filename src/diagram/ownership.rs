//! The ownership chart (股权结构图): the applicant at the bottom, its shareholders above it
//! with their shares, and above each company shareholder the natural persons the profile
//! traces it to, with their shares of it. Laid out into the same scene as 图1, so the PDF
//! draws it as vectors and the DOCX as a picture of the same drawing.

use super::labels::Labels;
use super::{design_width, DiagramError};
use crate::graphics::{Color, Path, Point, Scene, Segment, Shape, Stroke};
use crate::profile::model::{
    is_chinese_nationality, Company, Profile, Shareholder, ShareholderKind, UltimateOwner,
};
use crate::text::FaceId;
use crate::zh::numerals::{hundredths, percent_of_hundredths, wan};

/// (face, size, line height) of box titles and details, as in 图1.
const TITLE: (FaceId, f32, f32) = (FaceId::SansBold, 8.5, 11.0);
const DETAIL: (FaceId, f32, f32) = (FaceId::SerifRegular, 7.0, 9.5);
const SHARE: (FaceId, f32, f32) = (FaceId::SerifBold, 7.5, 9.5);
const ASCENT: f32 = 0.88;
const PAD_X: f32 = 5.0;
const PAD_Y: f32 = 4.0;
/// Widest box: a row of few boxes keeps them compact rather than stretched.
const MAX_BOX_W: f32 = 128.0;
const SLOT_GAP: f32 = 8.0;
const COLUMN_GAP: f32 = 14.0;
/// Room between two rows for the connectors and the share labels.
const ROW_GAP: f32 = 34.0;
const MARGIN: f32 = 4.0;
const LINE_W: f32 = 0.8;
const ARROW_LEN: f32 = 5.0;
const ARROW_HALF: f32 = 2.3;

const TEXT: Color = Color::hex(0x1F2933);
const TEXT_DETAIL: Color = Color::hex(0x3E4A56);
const LINE: Color = Color::hex(0x333A42);
const PERSON: (Color, Color) = (Color::hex(0xFFFFFF), Color::hex(0x7A8794));
const COMPANY: (Color, Color) = (Color::hex(0xF1F5F9), Color::hex(0x4D5B6A));
const APPLICANT: (Color, Color) = (Color::hex(0xE2E9F2), Color::hex(0x2F3B47));

/// A wrapped line: text, its kind, its width.
type WrappedLine = (String, (FaceId, f32, f32), f32);

/// A box before placing: its lines (text, kind) and colours.
struct Node {
    lines: Vec<(String, (FaceId, f32, f32))>,
    colors: (Color, Color),
}

/// One shareholder with the owners drawn above it.
struct Column<'a> {
    holder: &'a Shareholder,
    owners: Vec<(Node, i64)>,
}

struct Builder<'a> {
    fonts: &'a Labels,
    lines: Vec<Shape>,
    boxes: Vec<Shape>,
    text: Vec<Shape>,
}

#[derive(Clone, Copy)]
struct Rect {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

impl Rect {
    fn cx(self) -> f32 {
        self.x + self.w / 2.0
    }
    fn bottom(self) -> f32 {
        self.y + self.h
    }
}

fn share_text(share: f64) -> String {
    percent_of_hundredths(hundredths(share))
}

fn person_kind(nationality: &Option<String>) -> String {
    if is_chinese_nationality(nationality) {
        "自然人".to_string()
    } else {
        format!(
            "自然人（{}）",
            nationality.as_deref().unwrap_or_default().trim()
        )
    }
}

fn holder_node(holder: &Shareholder) -> Node {
    let (kind, colors) = match holder.kind {
        ShareholderKind::Person => (person_kind(&holder.nationality), PERSON),
        ShareholderKind::Company => ("企业股东".to_string(), COMPANY),
    };
    Node {
        lines: vec![
            (holder.name.trim().to_string(), TITLE),
            (kind, DETAIL),
            (format!("出资{}万元", wan(holder.contribution)), DETAIL),
        ],
        colors,
    }
}

impl Builder<'_> {
    /// The node's lines wrapped to `inner` points, and the box's height.
    fn wrap(&self, node: &Node, inner: f32) -> Result<(Vec<WrappedLine>, f32), DiagramError> {
        let mut out = Vec::new();
        for (text, kind) in &node.lines {
            for line in self.fonts.wrap(text, kind.0, kind.1, inner)? {
                let width = self.fonts.width(&line, kind.0, kind.1)?;
                out.push((line, *kind, width));
            }
        }
        let h = 2.0 * PAD_Y + out.iter().map(|l| l.1 .2).sum::<f32>();
        Ok((out, h))
    }

    fn node_height(&self, node: &Node, w: f32) -> Result<f32, DiagramError> {
        Ok(self.wrap(node, w - 2.0 * PAD_X)?.1)
    }

    fn node(&mut self, node: &Node, rect: Rect) -> Result<(), DiagramError> {
        let (lines, h) = self.wrap(node, rect.w - 2.0 * PAD_X)?;
        self.boxes.push(Shape::Path(Path {
            segments: rectangle(rect),
            fill: Some(node.colors.0),
            stroke: Some(Stroke {
                color: node.colors.1,
                width: 0.9,
                dash: None,
            }),
        }));
        let mut top = rect.y + (rect.h - h) / 2.0 + PAD_Y;
        for (text, (face, size, lead), width) in lines {
            let baseline = top + (lead - size) / 2.0 + ASCENT * size;
            let color = if lead == TITLE.2 { TEXT } else { TEXT_DETAIL };
            let label =
                self.fonts
                    .label(&text, face, size, color, rect.cx() - width / 2.0, baseline)?;
            self.text.push(Shape::Text(label));
            top += lead;
        }
        Ok(())
    }

    fn polyline(&mut self, points: &[Point]) {
        let mut segments = vec![Segment::MoveTo(points[0])];
        segments.extend(points[1..].iter().map(|p| Segment::LineTo(*p)));
        self.lines.push(Shape::Path(Path {
            segments,
            fill: None,
            stroke: Some(Stroke {
                color: LINE,
                width: LINE_W,
                dash: None,
            }),
        }));
    }

    /// An arrowhead pointing down at `tip`.
    fn arrow_down(&mut self, tip: Point) {
        self.lines.push(Shape::Path(Path {
            segments: vec![
                Segment::MoveTo(tip),
                Segment::LineTo(Point::new(tip.x - ARROW_HALF, tip.y - ARROW_LEN)),
                Segment::LineTo(Point::new(tip.x + ARROW_HALF, tip.y - ARROW_LEN)),
                Segment::Close,
            ],
            fill: Some(LINE),
            stroke: None,
        }));
    }

    /// The share, just right of a vertical connector at `x`, its top at `top`.
    fn share_label(&mut self, text: &str, x: f32, top: f32) -> Result<(), DiagramError> {
        let (face, size, lead) = SHARE;
        let baseline = top + (lead - size) / 2.0 + ASCENT * size;
        let label = self
            .fonts
            .label(text, face, size, TEXT, x + 2.5, baseline)?;
        self.text.push(Shape::Text(label));
        Ok(())
    }
}

fn rectangle(r: Rect) -> Vec<Segment> {
    vec![
        Segment::MoveTo(Point::new(r.x, r.y)),
        Segment::LineTo(Point::new(r.x + r.w, r.y)),
        Segment::LineTo(Point::new(r.x + r.w, r.y + r.h)),
        Segment::LineTo(Point::new(r.x, r.y + r.h)),
        Segment::Close,
    ]
}

/// The chart of `profile`'s shareholding, laid out at [`design_width`].
pub fn ownership(profile: &Profile) -> Result<Scene, DiagramError> {
    let fonts = Labels::new()?;
    let width = design_width();
    let company = &profile.company;
    let columns = shareholder_columns(profile);
    let mut b = Builder {
        fonts: &fonts,
        lines: Vec::new(),
        boxes: Vec::new(),
        text: Vec::new(),
    };
    let grid = Grid::new(&columns, width);
    let has_owners = columns.iter().any(|c| !c.owners.is_empty());
    let owner_h = b.row_height(
        columns
            .iter()
            .flat_map(|c| c.owners.iter())
            .map(|(node, _)| node),
        grid.slot_w,
    )?;
    let holder_nodes: Vec<Node> = columns.iter().map(|c| holder_node(c.holder)).collect();
    let holder_h = b.row_height(holder_nodes.iter(), grid.slot_w)?;
    let holder_top = if has_owners {
        MARGIN + owner_h + ROW_GAP
    } else {
        MARGIN
    };
    b.owners(&columns, &grid, owner_h, holder_top)?;
    let applicant_top = holder_top + holder_h + ROW_GAP;
    let applicant_w = (width * 0.5).max(grid.slot_w);
    let applicant = applicant_node(company);
    let applicant_h = b.node_height(&applicant, applicant_w)?;
    let applicant_rect = Rect {
        x: (width - applicant_w) / 2.0,
        y: applicant_top,
        w: applicant_w,
        h: applicant_h,
    };
    let holder_row = (holder_top, holder_h);
    b.shareholders(&columns, &holder_nodes, &grid, holder_row, applicant_rect)?;
    b.node(&applicant, applicant_rect)?;
    let mut shapes = b.lines;
    shapes.extend(b.boxes);
    shapes.extend(b.text);
    Ok(Scene {
        width,
        height: applicant_rect.bottom() + MARGIN,
        shapes,
        alt_text: alt_text(profile),
    })
}

/// Each shareholder with the owners the profile traces it to.
fn shareholder_columns(profile: &Profile) -> Vec<Column<'_>> {
    profile
        .company
        .shareholders
        .iter()
        .map(|holder| Column {
            holder,
            owners: holder
                .ultimate_owners
                .iter()
                .map(|o| (owner_node(o), hundredths(o.share)))
                .collect(),
        })
        .collect()
}

/// An ultimate owner's box. One the profile names as an organisation is not drawn as a
/// person (`check` asks for it to be traced further).
fn owner_node(owner: &UltimateOwner) -> Node {
    if crate::check::names_an_organisation(&owner.name) {
        Node {
            lines: vec![
                (owner.name.trim().to_string(), TITLE),
                ("企业".to_string(), DETAIL),
            ],
            colors: COMPANY,
        }
    } else {
        Node {
            lines: vec![
                (owner.name.trim().to_string(), TITLE),
                (person_kind(&owner.nationality), DETAIL),
            ],
            colors: PERSON,
        }
    }
}

/// The applicant's box: name, credit code, registered capital.
fn applicant_node(company: &Company) -> Node {
    Node {
        lines: vec![
            (company.name.trim().to_string(), TITLE),
            (
                format!("统一社会信用代码：{}", company.credit_code.trim()),
                DETAIL,
            ),
            (
                format!("注册资本{}万元", wan(company.registered_capital)),
                DETAIL,
            ),
        ],
        colors: APPLICANT,
    }
}

/// The horizontal layout shared by the owner and shareholder rows.
struct Grid {
    /// The width of one box.
    slot_w: f32,
    /// Each column's left edge and width, left to right.
    spans: Vec<(f32, f32)>,
}

impl Grid {
    /// Slots: one per owner drawn above a column, at least one per column; the whole row
    /// centred in `width`.
    fn new(columns: &[Column<'_>], width: f32) -> Grid {
        let slots: Vec<usize> = columns.iter().map(|c| c.owners.len().max(1)).collect();
        let total_slots: usize = slots.iter().sum::<usize>().max(1);
        let gaps = SLOT_GAP * (total_slots - columns.len().max(1)) as f32
            + COLUMN_GAP * columns.len().saturating_sub(1) as f32;
        let slot_w = ((width - 2.0 * MARGIN - gaps) / total_slots as f32).min(MAX_BOX_W);
        let used = slot_w * total_slots as f32 + gaps;
        let mut x = (width - used) / 2.0;
        let mut spans = Vec::new();
        for &n in &slots {
            let w = slot_w * n as f32 + SLOT_GAP * (n - 1) as f32;
            spans.push((x, w));
            x += w + COLUMN_GAP;
        }
        Grid { slot_w, spans }
    }
}

impl Builder<'_> {
    /// The height of the tallest of `nodes` at width `w` (0 for none), so a row's boxes
    /// match.
    fn row_height<'n>(
        &self,
        nodes: impl Iterator<Item = &'n Node>,
        w: f32,
    ) -> Result<f32, DiagramError> {
        Ok(nodes
            .map(|node| self.node_height(node, w))
            .collect::<Result<Vec<f32>, _>>()?
            .into_iter()
            .fold(0.0, f32::max))
    }

    /// Owners, each with its share of the shareholder, joined above the shareholder whose
    /// row starts at `holder_top`.
    fn owners(
        &mut self,
        columns: &[Column<'_>],
        grid: &Grid,
        owner_h: f32,
        holder_top: f32,
    ) -> Result<(), DiagramError> {
        let slot_w = grid.slot_w;
        for (column, &(left, w)) in columns.iter().zip(&grid.spans) {
            let holder_cx = left + w / 2.0;
            let bus = holder_top - ROW_GAP / 2.0 + 4.0;
            for (k, (node, hundredths)) in column.owners.iter().enumerate() {
                let rect = Rect {
                    x: left + k as f32 * (slot_w + SLOT_GAP),
                    y: MARGIN,
                    w: slot_w,
                    h: owner_h,
                };
                self.node(node, rect)?;
                self.polyline(&[
                    Point::new(rect.cx(), rect.bottom()),
                    Point::new(rect.cx(), bus),
                    Point::new(holder_cx, bus),
                ]);
                self.share_label(
                    &percent_of_hundredths(*hundredths),
                    rect.cx(),
                    rect.bottom() + 1.5,
                )?;
            }
            if !column.owners.is_empty() {
                self.polyline(&[
                    Point::new(holder_cx, bus),
                    Point::new(holder_cx, holder_top),
                ]);
                self.arrow_down(Point::new(holder_cx, holder_top));
            }
        }
        Ok(())
    }

    /// The shareholders in the row at `(top, height)`, each joined to the applicant with
    /// its share.
    fn shareholders(
        &mut self,
        columns: &[Column<'_>],
        holder_nodes: &[Node],
        grid: &Grid,
        (top, h): (f32, f32),
        applicant_rect: Rect,
    ) -> Result<(), DiagramError> {
        let slot_w = grid.slot_w;
        let applicant_top = applicant_rect.y;
        let bus = applicant_top - ROW_GAP / 2.0 + 4.0;
        let n = columns.len().max(1) as f32;
        for (i, ((column, node), &(left, w))) in columns
            .iter()
            .zip(holder_nodes)
            .zip(&grid.spans)
            .enumerate()
        {
            let rect = Rect {
                x: left + (w - slot_w) / 2.0,
                y: top,
                w: slot_w,
                h,
            };
            self.node(node, rect)?;
            // Each shareholder enters the applicant at its own point of the top edge, in order.
            let entry = applicant_rect.x + applicant_rect.w * (i as f32 + 0.5) / n;
            self.polyline(&[
                Point::new(rect.cx(), rect.bottom()),
                Point::new(rect.cx(), bus),
                Point::new(entry, bus),
                Point::new(entry, applicant_top),
            ]);
            self.arrow_down(Point::new(entry, applicant_top));
            self.share_label(
                &share_text(column.holder.share),
                rect.cx(),
                rect.bottom() + 1.5,
            )?;
        }
        Ok(())
    }
}

/// One sentence: who holds what, traced.
fn alt_text(profile: &Profile) -> String {
    let parts: Vec<String> = profile
        .company
        .shareholders
        .iter()
        .map(|s| {
            let owners: Vec<String> = s
                .ultimate_owners
                .iter()
                .map(|o| format!("{}持有其{}", o.name.trim(), share_text(o.share)))
                .collect();
            if owners.is_empty() {
                format!("{}持股{}", s.name.trim(), share_text(s.share))
            } else {
                format!(
                    "{}持股{}（{}）",
                    s.name.trim(),
                    share_text(s.share),
                    owners.join("，")
                )
            }
        })
        .collect();
    format!(
        "{}股权结构图：{}",
        profile.company.name.trim(),
        parts.join("；")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::profile::example;

    #[test]
    fn the_chart_shows_every_owner_and_share() {
        let d = ownership(&example()).unwrap_or_else(|e| panic!("{e}"));
        let labels: Vec<&str> = d.labels().collect();
        for expected in [
            "杭州青禾网络科技有限公司",
            "陈明远",
            "周敏",
            "王立新",
            "60%",
            "40%",
            "70%",
            "30%",
            "出资60万元",
            "注册资本100万元",
        ] {
            assert!(
                labels.iter().any(|l| l.contains(expected)),
                "no `{expected}` in {labels:?}"
            );
        }
        assert!(d.alt_text.contains("周敏持有其70%"), "{}", d.alt_text);
        assert_eq!(d, ownership(&example()).unwrap_or_else(|e| panic!("{e}")));
    }

    #[test]
    fn labels_stay_inside_and_apart_with_many_owners() {
        let mut p = example();
        let mut holder = p.company.shareholders[1].clone();
        holder.name = "宁波某某股权投资合伙企业（有限合伙）一期基金".into();
        holder.ultimate_owners = (0..4)
            .map(|i| crate::profile::model::UltimateOwner {
                name: format!("合伙人{i}号"),
                nationality: None,
                share: 25.0,
            })
            .collect();
        p.company.shareholders.push(holder);
        let d = ownership(&p).unwrap_or_else(|e| panic!("{e}"));
        let all = d.label_boxes();
        for (i, a) in all.iter().enumerate() {
            assert!(a.1 >= 0.0 && a.3 <= d.width + 0.01, "`{}` overflows", a.0);
            for b in &all[i + 1..] {
                let apart = a.3 <= b.1 + 0.01
                    || b.3 <= a.1 + 0.01
                    || a.4 <= b.2 + 0.01
                    || b.4 <= a.2 + 0.01;
                assert!(apart, "`{}` overlaps `{}`", a.0, b.0);
            }
        }
    }
}
