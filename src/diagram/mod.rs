//! Diagrams drawn from the profile: the network topology diagram (网络拓扑图) of the
//! technical plan and the ownership chart (股权结构图, `ownership.rs`).
//!
//! Three steps, each a plain value: the profile's `infrastructure` becomes a description
//! ([`Topology`]: what is connected to what), the description is laid out into a scene
//! ([`Scene`]: paths and positioned text in points, from `crate::graphics`), and each
//! writer draws the scene — the PDF as vector operators with real text, the DOCX as a PNG
//! made by `graphics::rasterize`.
//! No external program is involved, so the tool stays a single binary.

mod labels;
mod layout;
mod ownership;
mod topology;

pub use ownership::ownership;
pub use topology::describe;

use crate::graphics::Scene;
use crate::text::TextError;

use crate::catalogue::Facts;
use crate::profile::Profile;
use crate::style::StyleSheet;

#[derive(Debug, thiserror::Error)]
pub enum DiagramError {
    /// A label uses a character the embedded fonts lack (it would print as an empty box).
    #[error(
        "the diagram fonts have no glyph for “{ch}” (U+{code:04X}), in the label “{context}”; \
         replace or remove this character",
        code = u32::from(*.ch)
    )]
    MissingGlyph { ch: char, context: String },
    #[error("diagram font: {0}")]
    Font(String),
}

impl From<TextError> for DiagramError {
    fn from(err: TextError) -> DiagramError {
        match err {
            TextError::MissingGlyph { ch, context } => DiagramError::MissingGlyph { ch, context },
            TextError::Font(message) => DiagramError::Font(message),
        }
    }
}

/// The width diagrams are laid out at: the text block of the formal style sheet. Writers
/// scale the drawing to their own text block (the compact style's is 6% narrower).
pub fn design_width() -> f32 {
    StyleSheet::formal().text_width_pt()
}

/// The network topology diagram of `profile`, classified as `facts`, laid out at
/// [`design_width`].
pub fn topology(profile: &Profile, facts: &Facts) -> Result<Scene, DiagramError> {
    layout::lay_out(&describe(profile, facts), design_width())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphics::{rasterize, Shape};

    use crate::profile::example;

    /// The example's figure, classified with the built-in catalogue as `generate` does.
    fn draw(profile: &Profile) -> Result<Scene, DiagramError> {
        let catalogue = crate::catalogue::Catalogue::builtin().expect("catalogue");
        topology(profile, &catalogue.facts(profile))
    }

    #[test]
    fn labels_come_from_the_profile() {
        let d = draw(&example()).unwrap();
        let labels: Vec<&str> = d.labels().collect();
        for expected in [
            "用户",
            "互联网",
            "杭州星垣数据服务有限公司",
            "浙江省杭州市 · 公有云",
            "接入带宽 100Mbps",
            "云防火墙",
            "Web 应用防火墙",
            "DDoS 基础防护",
            "负载均衡",
            "Web 服务器 ×2",
            "应用服务器 ×2",
            "数据库服务器",
            "缓存服务器",
            "对象存储",
            "堡垒机",
            "异地备份",
            "互联网接入区",
            "应用服务区",
            "数据存储区",
            "运维管理区",
        ] {
            assert!(
                labels.contains(&expected),
                "no label `{expected}` in {labels:?}"
            );
        }
        assert!(
            labels.iter().any(|l| l.contains("203.0.113.18")),
            "{labels:?}"
        );
        assert!(d.alt_text.contains("杭州星垣数据服务有限公司"));
    }

    #[test]
    fn layout_is_deterministic_and_fits_its_width() {
        let profile = example();
        let a = draw(&profile).unwrap();
        let b = draw(&profile).unwrap();
        assert_eq!(a, b);
        assert!((a.width - design_width()).abs() < 1e-3);
        assert!(a.height > 200.0 && a.height < 620.0, "height {}", a.height);
        for shape in &a.shapes {
            match shape {
                Shape::Path(p) => {
                    for pt in p.points() {
                        assert!(
                            pt.x >= -0.01 && pt.x <= a.width + 0.01,
                            "x {} outside",
                            pt.x
                        );
                        assert!(pt.y >= -0.01 && pt.y <= a.height + 0.01);
                    }
                }
                Shape::Text(l) => {
                    assert!(
                        l.x >= 0.0 && l.x + l.width <= a.width,
                        "{} overflows",
                        l.text
                    )
                }
            }
        }
    }

    fn assert_no_overlaps(boxes: &[(&str, f32, f32, f32, f32)]) {
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a.3 <= b.1 + 0.01
                    || b.3 <= a.1 + 0.01
                    || a.4 <= b.2 + 0.01
                    || b.4 <= a.2 + 0.01;
                assert!(apart, "`{}` overlaps `{}`", a.0, b.0);
            }
        }
    }

    #[test]
    fn labels_do_not_overlap() {
        let d = draw(&example()).unwrap();
        let boxes = d.label_boxes();
        assert_no_overlaps(&boxes);
    }

    #[test]
    fn many_servers_and_long_names_still_fit() {
        let mut profile = example();
        profile
            .infrastructure
            .hosting
            .as_mut()
            .expect("hosting")
            .provider = "中国电信股份有限公司浙江分公司杭州数据中心互联网数据中心业务部".into();
        let template = profile.infrastructure.servers[2].clone();
        for i in 0..5 {
            let mut s = template.clone();
            s.role = format!("推荐与搜索排序计算服务器第{i}组");
            profile.infrastructure.servers.push(s);
        }
        profile
            .infrastructure
            .security_products
            .push(String::from("入侵防御系统 IPS（旁路部署并联动防火墙阻断）").into());
        let d = draw(&profile).unwrap();
        for l in d.labels() {
            assert!(!l.is_empty());
        }
        let boxes = d.label_boxes();
        for (text, x0, _, x1, _) in &boxes {
            assert!(*x0 >= 0.0 && *x1 <= d.width, "`{text}` overflows");
        }
        assert_no_overlaps(&boxes);
    }

    #[test]
    fn entries_alike_in_what_the_box_shows_are_one_box() {
        let mut profile = example();
        let servers = &mut profile.infrastructure.servers;
        let app = servers[2].clone();
        let mut bigger = app.clone();
        bigger.cpu = Some("16 核".into());
        bigger.count = 3;
        let mut other_model = app.clone();
        other_model.model = "云服务器 ECS c7".into();
        servers.extend([bigger, other_model]);
        let catalogue = crate::catalogue::Catalogue::builtin().expect("catalogue");
        let t = describe(&profile, &catalogue.facts(&profile));
        let titles: Vec<(&str, &[String])> = t
            .application
            .iter()
            .map(|n| (n.title.as_str(), n.details.as_slice()))
            .collect();
        assert_eq!(
            titles,
            [
                ("应用服务器 ×5", &["云服务器 ECS g7".to_string()][..]),
                ("应用服务器 ×2", &["云服务器 ECS c7".to_string()][..]),
            ]
        );
    }

    #[test]
    fn a_character_the_fonts_lack_is_named() {
        let mut profile = example();
        profile
            .infrastructure
            .hosting
            .as_mut()
            .expect("hosting")
            .provider = "𪚥数据服务有限公司".into();
        match draw(&profile) {
            Err(DiagramError::MissingGlyph { ch, .. }) => assert_eq!(ch, '𪚥'),
            other => panic!("expected a missing glyph, got {other:?}"),
        }
    }

    #[test]
    fn png_is_deterministic_and_sized_for_the_width() {
        let d = draw(&example()).unwrap();
        let a = rasterize(&d, 432.0, 200.0).unwrap();
        let b = rasterize(&d, 432.0, 200.0).unwrap();
        assert_eq!(a.bytes, b.bytes);
        assert_eq!(a.width_px, 1200);
        assert!(a.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let expected_h = (d.height * 1200.0 / d.width).round() as u32;
        assert_eq!(a.height_px, expected_h);
    }
}
