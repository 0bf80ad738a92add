//! Small documents for the tests of the stages below the model (typesetting, writers).

use crate::document::{
    compose_application, Align, Application, Block, Closing, Document, Heading, List, ListItem,
    Metadata, Parsed, Run, Table,
};
use crate::zh::date::Date;

pub(crate) fn heading(level: u8, number: &str, text: &str) -> Block {
    Block::Heading(Heading {
        level,
        number: number.into(),
        text: text.into(),
    })
}

pub(crate) fn para(text: &str) -> Block {
    Block::Paragraph(vec![Run::plain(text)])
}

pub(crate) fn sample(cover: bool) -> Document {
    let long = "本公司拟通过自有网站开展互联网信息服务，服务器部署于杭州，使用Nginx 1.24作为Web服务器，\
                公网地址为203.0.113.18。我们建立了完善的信息安全管理制度（包括《网络与信息安全管理办法》），\
                并配备专职人员负责日常巡检、应急处置和用户投诉处理。"
        .repeat(3);
    let mut blocks = vec![
        heading(1, "一、", "公司基本情况"),
        para(&long),
        heading(2, "（一）", "股权结构"),
        Block::Table(Table {
            caption: Some("表1 股权结构".into()),
            header: vec![vec![Run::plain("股东")], vec![Run::plain("比例")]],
            rows: (0..40)
                .map(|i| {
                    vec![
                        vec![Run::plain(format!("股东{i}"))],
                        vec![Run::plain("10%")],
                    ]
                })
                .collect(),
            align: vec![Align::Left, Align::Right],
        }),
        heading(1, "二、", "业务发展计划"),
        Block::List(List {
            items: vec![ListItem {
                depth: 0,
                marker: "1.".into(),
                runs: vec![Run::plain("第一项")],
            }],
        }),
        para(&long),
    ];
    blocks.insert(2, Block::PageBreak);
    composed(blocks, cover)
}

/// `blocks` composed as an application document (with a cover and contents if `cover`).
pub(crate) fn composed(blocks: Vec<Block>, cover: bool) -> Document {
    let parsed = Parsed {
        metadata: Metadata {
            title: Some("业务发展和实施计划".into()),
            ..Metadata::default()
        },
        blocks,
        ignored_keys: Vec::new(),
    };
    let frame = Application {
        licence: "增值电信业务经营许可证申请材料",
        company: "青禾网络科技（杭州）有限公司",
        authority: "浙江省通信管理局",
        date_text: "2026年12月8日",
        signature_date: "2026年12月8日",
        date: Date::new(2026, 12, 8).expect("a date"),
        cover,
        closing: Closing::Company,
        copied_from: false,
    };
    compose_application(parsed, &frame).expect("composes")
}

/// A document of `blocks` alone: no cover, contents, header or closing.
pub(crate) fn bare(blocks: Vec<Block>) -> Document {
    Document {
        blocks,
        ..Document::default()
    }
}
