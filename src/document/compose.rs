//! The composition pass: the cover, the contents entries, the running header and the
//! closing block put into the model once, so that the writers only place what they are
//! given and cannot disagree about wording or order.

use super::markdown::Parsed;
use super::model::*;
use super::DocumentError;
use crate::zh::date::Date;

/// Title of the contents page.
pub const CONTENTS_TITLE: &str = "目录";
/// Heading levels the contents list (一、 and （一）).
pub const CONTENTS_LEVELS: u8 = 2;
/// The date line of a signature block left for the pen (`application.hand_dated`).
pub const HAND_DATE_LINE: &str = "　　年　　月　　日";

/// How a document closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    None,
    /// The company's name for its seal, and the date.
    Company,
    /// The legal representative's signature line, the company's seal line and the date
    /// (letters of commitment and declarations).
    LegalRepresentative,
}

/// What the frame of one application document shows, from the profile.
#[derive(Debug, Clone)]
pub struct Application<'a> {
    /// The licence wording, e.g. `增值电信业务经营许可证申请材料` (cover subtitle).
    pub licence: &'a str,
    pub company: &'a str,
    /// The authority it goes to, e.g. `浙江省通信管理局`.
    pub authority: &'a str,
    /// The date as printed on the cover.
    pub date_text: &'a str,
    /// The date line of the closing block (the printed date, or [`HAND_DATE_LINE`]).
    pub signature_date: &'a str,
    pub date: Date,
    /// Whether the document has a cover and a contents page.
    pub cover: bool,
    pub closing: Closing,
    /// Whether the applicant copies values out of it (see `Document::copied_from`).
    pub copied_from: bool,
}

/// An application document: the template's title and body in the frame `app` describes.
pub fn compose_application(
    parsed: Parsed,
    app: &Application<'_>,
) -> Result<Document, DocumentError> {
    let title = parsed.metadata.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        return Err(DocumentError::NoTitle);
    }
    let cover = app.cover.then(|| Cover {
        title: title.clone(),
        subtitle: Some(app.licence.to_string()),
        lines: vec![
            labelled("申请单位：", format!("{}（盖章）", app.company)),
            labelled("报送单位：", app.authority.to_string()),
            labelled("日　　期：", app.date_text.to_string()),
        ],
    });
    let signature = match app.closing {
        Closing::None => Vec::new(),
        Closing::Company => vec![
            format!("{}（盖章）", app.company),
            app.signature_date.to_string(),
        ],
        Closing::LegalRepresentative => vec![
            "法定代表人（签字）：　　　　　　".to_string(),
            format!("{}（盖章）", app.company),
            app.signature_date.to_string(),
        ],
    };
    let contents = app.cover.then(|| contents(&parsed.blocks));
    Ok(Document {
        meta: Meta {
            title: title.clone(),
            author: Some(app.company.to_string()),
            subject: Some(app.licence.to_string()),
            date: Some(app.date),
        },
        cover,
        contents,
        // A letter is addressed and signed, not a report: no running header, and a page
        // number only when it runs over a page.
        running_header: app.cover.then(|| RunningHeader {
            left: app.company.to_string(),
            right: title,
        }),
        number_single_page: app.cover,
        copied_from: app.copied_from,
        blocks: parsed.blocks,
        signature,
    })
}

/// A Markdown file of the user's (`icp-docs render`): its metadata decides the frame. A
/// cover and contents are added when the metadata names an author, an applicant or a
/// subtitle; the 申请单位 and 报送单位 lines only when it names `applicant` and
/// `recipient`; an author is a line of its own. `fallback_title` (the file name) is used
/// when the metadata has none.
pub fn compose_file(parsed: Parsed, fallback_title: &str) -> Document {
    let m = parsed.metadata;
    let title = m
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| fallback_title.to_string());
    let date = m.date.as_deref().and_then(Date::parse);
    let date_text = match date {
        Some(date) => Some(date.format(crate::zh::date::DateStyle::Arabic)),
        None => m.date.clone(),
    };
    let wants_cover = m.author.is_some() || m.subtitle.is_some() || m.applicant.is_some();
    let cover = wants_cover.then(|| {
        let mut lines = Vec::new();
        if let Some(applicant) = &m.applicant {
            lines.push(labelled("申请单位：", format!("{applicant}（盖章）")));
        } else if let Some(author) = &m.author {
            lines.push(labelled("", author.clone()));
        }
        if let Some(recipient) = &m.recipient {
            lines.push(labelled("报送单位：", recipient.clone()));
        }
        if let Some(date) = &date_text {
            lines.push(labelled("日　　期：", date.clone()));
        }
        Cover {
            title: title.clone(),
            subtitle: m.subtitle.clone(),
            lines,
        }
    });
    let contents = wants_cover.then(|| {
        let mut contents = contents(&parsed.blocks);
        if let Some(title) = m.toc_title.clone().filter(|t| !t.trim().is_empty()) {
            contents.title = title;
        }
        contents
    });
    let author = m.applicant.clone().or(m.author.clone());
    // pandoc sets the abstract under the title, before the body.
    let mut blocks = parsed.blocks;
    if let Some(text) = m.abstract_text.clone().filter(|t| !t.trim().is_empty()) {
        blocks.insert(0, Block::Paragraph(vec![Run::plain(text)]));
    }
    Document {
        meta: Meta {
            title: title.clone(),
            author: author.clone(),
            subject: m.subtitle.clone(),
            date,
        },
        cover,
        contents,
        running_header: Some(RunningHeader {
            left: author.unwrap_or_default(),
            right: title,
        }),
        number_single_page: true,
        copied_from: false,
        blocks,
        signature: Vec::new(),
    }
}

fn labelled(label: &str, text: String) -> CoverLine {
    CoverLine {
        label: label.to_string(),
        text,
    }
}

/// The contents of `blocks`: every heading of the listed levels, with its position among
/// all headings (the typesetting stage finds its page by it).
fn contents(blocks: &[Block]) -> Contents {
    let entries = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            _ => None,
        })
        .enumerate()
        .filter(|(_, h)| h.level <= CONTENTS_LEVELS)
        .map(|(heading, h)| ContentsEntry {
            level: h.level,
            text: h.full_text(),
            heading,
        })
        .collect();
    Contents {
        title: CONTENTS_TITLE.to_string(),
        entries,
    }
}
