//! The documents icp-docs generates, in the order an application lists them.

use crate::document::Closing;

/// One generated document: its template and the file name users see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentSpec {
    /// Stable id used on the command line (`--only`) and in templates' file names.
    pub id: &'static str,
    /// File stem of the output, in Chinese as applicants expect.
    pub file_stem: &'static str,
    /// Whether the document gets a cover page and a table of contents.
    pub cover: bool,
    /// How it closes.
    pub closing: Closing,
}

impl DocumentSpec {
    pub fn template_name(&self) -> String {
        format!("{}.md.tera", self.id)
    }
}

pub const DOCUMENTS: [DocumentSpec; 8] = [
    DocumentSpec {
        id: "business_plan",
        file_stem: "业务发展和实施计划",
        cover: true,
        closing: Closing::Company,
    },
    DocumentSpec {
        id: "security_measures",
        file_stem: "网络与信息安全保障措施",
        cover: true,
        closing: Closing::Company,
    },
    DocumentSpec {
        id: "technical_plan",
        file_stem: "技术方案",
        cover: true,
        closing: Closing::Company,
    },
    DocumentSpec {
        id: "service_quality",
        file_stem: "为用户提供长期服务和质量保障的措施",
        cover: true,
        closing: Closing::Company,
    },
    DocumentSpec {
        id: "company_overview",
        file_stem: "公司概况",
        cover: false,
        closing: Closing::Company,
    },
    DocumentSpec {
        id: "commitment",
        file_stem: "依法经营电信业务承诺书",
        cover: false,
        closing: Closing::LegalRepresentative,
    },
    DocumentSpec {
        id: "declaration",
        file_stem: "真实性声明",
        cover: false,
        closing: Closing::LegalRepresentative,
    },
    DocumentSpec {
        id: "materials_checklist",
        file_stem: "申请材料清单",
        cover: false,
        closing: Closing::None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_file_names_are_unique_and_have_templates() {
        for (i, a) in DOCUMENTS.iter().enumerate() {
            for b in &DOCUMENTS[i + 1..] {
                assert_ne!(a.id, b.id);
                assert_ne!(a.file_stem, b.file_stem);
            }
            let template = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates/base")
                .join(a.template_name());
            assert!(template.is_file(), "{} has no base template", a.id);
        }
    }
}
