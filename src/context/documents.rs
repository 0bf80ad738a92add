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
    /// Which profiles it is written for.
    pub when: When,
    /// Also written as a self-contained HTML page (the fill-in sheet).
    pub html: bool,
}

/// Which profiles a document is written for: most for every one, a few commitments only
/// where the profile calls for them (`crate::form` reads the triggers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// A word of the special-business list in the company's or service's name or scope.
    SpecialBusiness,
    /// A penalty by a telecom authority within three years.
    RecentPenalty,
    /// `company.staff.insurance_pending`.
    InsurancePending,
}

impl When {
    /// What a document of this kind is written for, as `icp-docs documents` says it.
    pub fn describe(self) -> &'static str {
        match self {
            When::Always => "",
            When::SpecialBusiness => "when the name or scope holds a special-business word",
            When::RecentPenalty => {
                "when a telecom authority penalised the company within three years"
            }
            When::InsurancePending => "when company.staff.insurance_pending is true",
        }
    }
}

impl DocumentSpec {
    pub fn template_name(&self) -> String {
        format!("{}.md.tera", self.id)
    }
}

pub const DOCUMENTS: [DocumentSpec; 15] = [
    DocumentSpec {
        id: "business_plan",
        file_stem: "业务发展和实施计划",
        cover: true,
        closing: Closing::Company,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "security_measures",
        file_stem: "网络与信息安全保障措施",
        cover: true,
        closing: Closing::Company,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "technical_plan",
        file_stem: "技术方案",
        cover: true,
        closing: Closing::Company,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "service_quality",
        file_stem: "为用户提供长期服务和质量保障的措施",
        cover: true,
        closing: Closing::Company,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "company_overview",
        file_stem: "公司概况",
        cover: false,
        closing: Closing::Company,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "commitment",
        file_stem: "依法经营电信业务承诺书",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "declaration",
        file_stem: "真实性声明",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "notify_commitment",
        file_stem: "告知承诺书",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "ownership_chart",
        file_stem: "股权结构图",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "no_foreign_capital",
        file_stem: "股东追溯不涉及外资承诺书",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::Always,
        html: false,
    },
    DocumentSpec {
        id: "special_commitment",
        file_stem: "依法经营特定电信业务承诺书",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::SpecialBusiness,
        html: false,
    },
    DocumentSpec {
        id: "integrity_commitment",
        file_stem: "守法诚信经营特别承诺书",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::RecentPenalty,
        html: false,
    },
    DocumentSpec {
        id: "insurance_commitment",
        file_stem: "社会保险缴纳证明容缺受理承诺书",
        cover: false,
        closing: Closing::LegalRepresentative,
        when: When::InsurancePending,
        html: false,
    },
    DocumentSpec {
        id: "fill_in_sheet",
        file_stem: "在线填报信息表",
        cover: false,
        closing: Closing::None,
        when: When::Always,
        html: true,
    },
    DocumentSpec {
        id: "materials_checklist",
        file_stem: "申请材料清单",
        cover: false,
        closing: Closing::None,
        when: When::Always,
        html: false,
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
