//! The diagram's type, geometry and colours.

use crate::diagram::topology::Role;
use crate::graphics::Color;
use crate::text::FaceId;

// Type: face, size and line height in points.
pub(super) const TITLE: (FaceId, f32, f32) = (FaceId::SansBold, 8.5, 11.0);
pub(super) const DETAIL: (FaceId, f32, f32) = (FaceId::SerifRegular, 7.0, 9.5);
pub(super) const ZONE_LABEL: (FaceId, f32, f32) = (FaceId::SansBold, 7.5, 10.0);
pub(super) const HEADER: (FaceId, f32, f32) = (FaceId::SansBold, 8.5, 11.5);
pub(super) const HEADER_DETAIL: (FaceId, f32, f32) = (FaceId::SerifRegular, 7.5, 10.0);
/// The smallest a label is set to keep a long Latin word (a model name) whole.
pub(super) const MIN_WORD_SCALE: f32 = 0.8;
/// Noto CJK's ideographic em box sits from -0.12 to 0.88 em around the baseline.
pub(super) const ASCENT: f32 = 0.88;

// Geometry, in points.
pub(super) const BOX_PAD_X: f32 = 6.0;
pub(super) const BOX_PAD_Y: f32 = 4.0;
pub(super) const BOX_MIN_W: f32 = 58.0;
pub(super) const RADIUS: f32 = 3.0;
/// Horizontal gap between boxes of one tier, and between inline security products.
pub(super) const COL_GAP: f32 = 12.0;
pub(super) const CHAIN_GAP: f32 = 16.0;
/// Vertical gap between two tiers of one zone (room for the connectors).
pub(super) const ROW_GAP: f32 = 20.0;
pub(super) const ZONE_PAD: f32 = 7.0;
/// A tier wrapped into a grid: the narrowest cell (four characters of a title a line),
/// its padding and the gaps between cells (tighter than a tier's: no connector passes
/// between them), and the margin of the tinted area around the grid.
pub(super) const CELL_MIN_W: f32 = 50.0;
pub(super) const CELL_PAD: (f32, f32) = (4.0, 3.0);
pub(super) const CELL_GAP: f32 = 6.0;
pub(super) const GRID_GAP_Y: f32 = 5.0;
pub(super) const CLUSTER_PAD: f32 = 4.0;
/// Zone label: distance from the zone's top edge, and from the label to the first tier
/// (room for a bus line between them, clear of the label).
pub(super) const ZONE_LABEL_TOP: f32 = 3.0;
pub(super) const ZONE_LABEL_GAP: f32 = 14.0;
pub(super) const ZONE_GAP: f32 = 12.0;
pub(super) const FRAME_PAD: f32 = 8.0;
pub(super) const ARROW_LEN: f32 = 5.5;
pub(super) const ARROW_HALF: f32 = 2.4;
pub(super) const LINE_W: f32 = 0.8;
pub(super) const DASH: [f32; 2] = [3.0, 2.0];

#[derive(Clone, Copy)]
pub(super) struct Palette {
    pub(super) fill: Color,
    pub(super) stroke: Color,
}

pub(super) const NEUTRAL: Palette = Palette {
    fill: Color::hex(0xF3F5F7),
    stroke: Color::hex(0x5F6B7A),
};
pub(super) const CLOUD: Palette = Palette {
    fill: Color::hex(0xEDF4FC),
    stroke: Color::hex(0x4A7FB5),
};
pub(super) const SECURITY: Palette = Palette {
    fill: Color::hex(0xFCEDEB),
    stroke: Color::hex(0xB8452F),
};
pub(super) const SERVICE: Palette = Palette {
    fill: Color::hex(0xE9F1FB),
    stroke: Color::hex(0x2E6DA4),
};
pub(super) const DATA: Palette = Palette {
    fill: Color::hex(0xE8F5EA),
    stroke: Color::hex(0x2F7D3B),
};
pub(super) const BACKUP: Palette = Palette {
    fill: Color::hex(0xFFF4DE),
    stroke: Color::hex(0xA8741A),
};
pub(super) const MANAGE: Palette = Palette {
    fill: Color::hex(0xF1EEF8),
    stroke: Color::hex(0x5E4B8B),
};
pub(super) const FRAME_FILL: Color = Color::hex(0xF7F9FC);
pub(super) const FRAME_STROKE: Color = Color::hex(0x4D5B6A);
pub(super) const BAND_FILL: Color = Color::hex(0xE2E9F2);
pub(super) const ZONE_FILL: Color = Color::hex(0xFFFFFF);
pub(super) const ZONE_STROKE: Color = Color::hex(0x9AA7B5);
pub(super) const LINE: Color = Color::hex(0x333A42);
pub(super) const DASHED_LINE: Color = Color::hex(0x77808A);
pub(super) const TEXT: Color = Color::hex(0x1F2933);
pub(super) const TEXT_DETAIL: Color = Color::hex(0x3E4A56);
pub(super) const TEXT_ZONE: Color = Color::hex(0x52606D);

pub(super) fn palette(role: Role) -> Palette {
    match role {
        Role::Balancer | Role::Web | Role::Application => SERVICE,
        Role::Database | Role::Cache | Role::Storage => DATA,
        Role::Backup => BACKUP,
        Role::Management => MANAGE,
        Role::Network | Role::Client => NEUTRAL,
    }
}
