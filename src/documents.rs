//! The documents icp-docs generates, in the order an application lists them.

/// One generated document: its template and the file name users see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentSpec {
    /// Stable id used on the command line (`--only`) and in templates' file names.
    pub id: &'static str,
    /// File stem of the output, in Chinese as applicants expect.
    pub file_stem: &'static str,
    /// Whether the document gets a cover page and a table of contents.
    pub cover: bool,
    /// Whether it closes with the company seal line and date.
    pub signature: bool,
}

impl DocumentSpec {
    pub fn template_name(&self) -> String {
        format!("{}.md.tera", self.id)
    }
}

pub const DOCUMENTS: [DocumentSpec; 3] = [
    DocumentSpec {
        id: "business_plan",
        file_stem: "业务发展和实施计划",
        cover: true,
        signature: true,
    },
    DocumentSpec {
        id: "security_measures",
        file_stem: "网络与信息安全保障措施",
        cover: true,
        signature: true,
    },
    DocumentSpec {
        id: "technical_plan",
        file_stem: "技术方案",
        cover: true,
        signature: true,
    },
];
