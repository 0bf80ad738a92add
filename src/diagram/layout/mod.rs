//! Lays a [`Topology`] out into a [`Scene`]: a fixed width, top-to-bottom flow, boxes
//! sized from their measured labels, orthogonal connectors with arrowheads.
//!
//! The layout is a plain computation over the description (no solver, no randomness), so
//! the same profile always gives the same drawing. Coordinates are points, origin at the
//! top-left corner, y downwards. It runs in phases, top to bottom: the columns, the users
//! and the Internet, the data centre's header, the zones of the traffic path, the
//! management zone beside them, the connectors, backups, the legend and the frame.

mod draw;
mod shapes;
mod style;
mod tier;

use draw::Canvas;
use shapes::{cloud, rounded_rect, Rect, Row, Sized, TextLine, ZoneSpec, BULGE};
use style::*;
use tier::Span;

use super::labels::Labels;
use super::topology::{Node, Role, Topology};
use super::DiagramError;
use crate::graphics::{Path, Point, Scene, Shape, Stroke};

/// The horizontal plan: the frame, the traffic path's zones and the management column.
struct Columns {
    frame_left: f32,
    frame_right: f32,
    zone_left: f32,
    zone_right: f32,
    inner_left: f32,
    inner_right: f32,
    /// Centre line of the traffic path.
    cx: f32,
    /// The management column's width and its measured nodes.
    manage: Option<(f32, Vec<Sized>)>,
}

/// The zones of the traffic path as placed: each tier with its zone's index, the zones'
/// rectangles, and the y below them.
type Zones = (Vec<(usize, Row)>, Vec<Rect>, f32);

/// The Internet cloud as drawn.
struct Cloud {
    rect: Rect,
    bump: f32,
}

/// Lays out `t` at `width` points wide.
pub(crate) fn lay_out(t: &Topology, width: f32) -> Result<Scene, DiagramError> {
    let labels = Labels::new()?;
    let mut b = Canvas {
        fonts: &labels,
        back: Vec::new(),
        groups: Vec::new(),
        lines: Vec::new(),
        boxes: Vec::new(),
        text: Vec::new(),
    };
    let cols = columns(&mut b, t, width)?;
    let cloud = access(&mut b, t, &cols)?;
    let frame_top = cloud.rect.bottom() + 16.0;
    let band_h = site_header(&mut b, t, &cols, frame_top)?;
    let (rows, mut zone_rects, y) = zones(&mut b, t, &cols, frame_top + band_h + FRAME_PAD)?;
    let main_bottom = management(&mut b, &cols, &mut zone_rects, y)?;
    traffic(&mut b, &rows, &cols, &cloud);
    let backup_row = backups(&mut b, &rows);
    let frame_bottom = main_bottom + FRAME_PAD;
    let frame = Rect {
        x: cols.frame_left,
        y: frame_top,
        w: cols.frame_right - cols.frame_left,
        h: frame_bottom - frame_top,
    };
    let mut bottom = frame_bottom;
    if let Some(offsite) = &t.offsite {
        bottom = off_site(&mut b, offsite, backup_row, &cols, frame_bottom)?;
    }
    bottom = bottom.max(legend(&mut b, cols.frame_right, frame_bottom)?);

    let mut shapes = frame_shapes(frame, band_h);
    shapes.append(&mut b.back);
    shapes.append(&mut b.groups);
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

/// The traffic path on the left, the management zone (if any) on the right.
fn columns(b: &mut Canvas, t: &Topology, width: f32) -> Result<Columns, DiagramError> {
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
    Ok(Columns {
        frame_left,
        frame_right,
        zone_left,
        zone_right,
        inner_left: zone_left + ZONE_PAD,
        inner_right: zone_right - ZONE_PAD,
        cx: (zone_left + zone_right) / 2.0,
        manage,
    })
}

/// Users (and the devices or systems that send data) above the Internet, with the
/// domains they visit.
fn access(b: &mut Canvas, t: &Topology, cols: &Columns) -> Result<Cloud, DiagramError> {
    let cx = cols.cx;
    let y = 1.0;
    let users = Node {
        title: "用户".to_string(),
        details: if t.clients.is_empty() {
            Vec::new()
        } else {
            vec![t.clients.clone()]
        },
        role: Role::Web,
    };
    let users = b.size(&users, cols.inner_right - cols.inner_left, NEUTRAL)?;
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
            let max_w = (users_rect.x - cols.inner_left - COL_GAP).max(BOX_MIN_W);
            let sized = b.size(&node, max_w, NEUTRAL)?;
            let rect = Rect {
                x: (users_rect.x - COL_GAP - sized.w).max(cols.frame_left),
                y,
                w: sized.w,
                h: sized.h,
            };
            b.node_box(&sized, rect)?;
            Some(rect)
        }
        None => None,
    };
    let cloud_top = users_rect
        .bottom()
        .max(sources_rect.map_or(0.0, |r| r.bottom()))
        + 24.0;

    let internet = b.line("互联网", TITLE, TEXT)?;
    let (rx, ry, bump) = ((internet.width / 2.0 + 26.0).max(52.0), 12.0, 9.0);
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
        let lines = b.wrapped(&text, DETAIL, TEXT_DETAIL, cols.frame_right - cx - 10.0)?;
        let h: f32 = lines.iter().map(|l| l.kind.2).sum();
        let mid = (users_rect.bottom() + cloud_rect.y) / 2.0;
        b.text_lines_at(&lines, cx + 6.0, mid - h / 2.0, false)?;
    }
    Ok(Cloud {
        rect: cloud_rect,
        bump,
    })
}

/// The data centre's header band: provider and place on the left, bandwidth and IPs on
/// the right. Returns the band's height.
fn site_header(
    b: &mut Canvas,
    t: &Topology,
    cols: &Columns,
    frame_top: f32,
) -> Result<f32, DiagramError> {
    let (frame_left, frame_right, cx) = (cols.frame_left, cols.frame_right, cols.cx);
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
    Ok(band_h)
}

/// The zones of the traffic path, each with its tiers, from `y` down. Returns the placed
/// tiers (with their zone's index), the zones' rectangles and the y below them.
fn zones(b: &mut Canvas, t: &Topology, cols: &Columns, mut y: f32) -> Result<Zones, DiagramError> {
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
        let label_w = b.fonts.width(title, ZONE_LABEL.0, ZONE_LABEL.1)?;
        let min_center = cols.inner_left + label_w + 10.0;
        let mut row_top = zone_top + ZONE_LABEL_TOP + ZONE_LABEL.2 + ZONE_LABEL_GAP;
        let mut last_bottom = row_top;
        for (nodes, chain) in tiers {
            if nodes.is_empty() {
                continue;
            }
            let palette_of = |role: Role| if *chain { SECURITY } else { palette(role) };
            let span = Span {
                left: cols.inner_left,
                right: cols.inner_right,
                cx: cols.cx,
                min_center,
                top: row_top,
            };
            let row = b.tier(nodes, palette_of, &span, *chain)?;
            last_bottom = row.bottom();
            row_top = last_bottom + ROW_GAP;
            rows.push((zi, row));
        }
        let rect = Rect {
            x: cols.zone_left,
            y: zone_top,
            w: cols.zone_right - cols.zone_left,
            h: last_bottom + ZONE_PAD - zone_top,
        };
        b.zone(rect, title)?;
        zone_rects.push(rect);
        y = rect.bottom() + ZONE_GAP;
    }
    Ok((rows, zone_rects, y))
}

/// The management zone beside the traffic path's zones, as tall as they are together
/// (the last zone is stretched when management is taller). Returns the bottom of both.
fn management(
    b: &mut Canvas,
    cols: &Columns,
    zone_rects: &mut [Rect],
    y: f32,
) -> Result<f32, DiagramError> {
    let mut main_bottom = zone_rects.last().map_or(y, Rect::bottom);
    let Some((col, sized)) = &cols.manage else {
        return Ok(main_bottom);
    };
    let zx = cols.zone_right + ZONE_GAP;
    let top = zone_rects.first().map_or(y, |r| r.y);
    let mut by = top + ZONE_LABEL_TOP + ZONE_LABEL.2 + ZONE_LABEL_GAP;
    for s in sized {
        let rect = Rect {
            x: zx + ZONE_PAD,
            y: by,
            w: col - 2.0 * ZONE_PAD,
            h: s.h,
        };
        b.node_box(s, rect)?;
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
    for zone in zone_rects.iter() {
        let yy = zone.cy();
        b.arrow(
            &[Point::new(rect.x, yy), Point::new(zone.right(), yy)],
            DASHED_LINE,
            Some(DASH),
        );
    }
    Ok(main_bottom)
}

fn top_of(r: &Rect) -> (f32, f32) {
    (r.cx(), r.y)
}

fn bottom_of(r: &Rect) -> (f32, f32) {
    (r.cx(), r.bottom())
}

/// Whether a placed tier is the backup tier of the data zone (off the traffic path).
fn is_backup_tier(zone: usize, row: &Row) -> bool {
    zone == 2 && row.roles.first() == Some(&Role::Backup)
}

/// Traffic: from the Internet into the first tier, then tier to tier.
fn traffic(b: &mut Canvas, rows: &[(usize, Row)], cols: &Columns, cloud: &Cloud) {
    let main: Vec<&Row> = rows
        .iter()
        .filter(|(zi, row)| !is_backup_tier(*zi, row))
        .map(|(_, row)| row)
        .collect();
    if let Some(first) = main.first() {
        let to: Vec<(f32, f32)> = first.entries().iter().map(top_of).collect();
        let bus = to.first().map_or(0.0, |p| p.1) - 8.0;
        b.connect(
            &[(cols.cx, cloud.rect.bottom() - cloud.bump * 0.3)],
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
}

/// Backups, from the stores that hold data (not caches). Returns the backup tier.
fn backups<'r>(b: &mut Canvas, rows: &'r [(usize, Row)]) -> Option<&'r Row> {
    let backup_row = rows
        .iter()
        .find(|(zi, row)| is_backup_tier(*zi, row))
        .map(|(_, row)| row);
    let data_row = rows
        .iter()
        .find(|(zi, row)| *zi == 2 && !is_backup_tier(*zi, row))
        .map(|(_, row)| row);
    if let (Some(data), Some(backup)) = (data_row, backup_row) {
        let from: Vec<(f32, f32)> = match data.cluster {
            Some(cluster) => vec![bottom_of(&cluster)],
            None => data
                .boxes
                .iter()
                .zip(&data.roles)
                .filter(|(_, role)| **role != Role::Cache)
                .map(|(r, _)| bottom_of(r))
                .collect(),
        };
        let from = if from.is_empty() {
            data.boxes.iter().map(bottom_of).collect()
        } else {
            from
        };
        let to: Vec<(f32, f32)> = backup.entries().iter().map(top_of).collect();
        let to_y = to.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        b.connect(
            &from,
            &to,
            (data.bottom() + to_y) / 2.0,
            DASHED_LINE,
            Some(DASH),
        );
    }
    backup_row
}

/// The off-site copy below the frame, linked from the backup tier. Returns its bottom.
fn off_site(
    b: &mut Canvas,
    offsite: &Node,
    backup_row: Option<&Row>,
    cols: &Columns,
    frame_bottom: f32,
) -> Result<f32, DiagramError> {
    let sized = b.size(offsite, cols.inner_right - cols.inner_left, BACKUP)?;
    let anchor = backup_row
        .and_then(|r| r.exits().first().copied())
        .map_or(cols.cx, |r| r.cx());
    let w = sized.w.max(120.0);
    let rect = Rect {
        x: (anchor - w / 2.0).clamp(cols.frame_left, cols.frame_right - w),
        y: frame_bottom + 24.0,
        w,
        h: sized.h,
    };
    b.node_box(&sized, rect)?;
    let from = backup_row
        .and_then(|r| r.exits().first().copied())
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
    Ok(rect.bottom())
}

/// The legend, bottom right under the frame. Returns its bottom.
fn legend(b: &mut Canvas, frame_right: f32, frame_bottom: f32) -> Result<f32, DiagramError> {
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
    Ok(ly)
}

/// The frame goes under everything, its header band on it, its border on top of both.
fn frame_shapes(frame: Rect, band_h: f32) -> Vec<Shape> {
    vec![
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
    ]
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
