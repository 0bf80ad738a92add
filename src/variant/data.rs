//! The data file of a variant folder, `templates/<slug>/variant.yaml`: the province's rules and
//! wording switches.
//!
//! Every rule states whether it is confirmed and where it comes from, because the provincial
//! rules known today rest on secondary copies, agency claims or old checklists. Parsing refuses
//! a rule that claims to be confirmed on weaker evidence, so a data file cannot quietly promote
//! a rumour to a rule.

use serde::{Deserialize, Serialize};

use super::provinces::{find_province, Province};
use crate::profile::model::{Licence, Profile};

/// How strong the evidence for a rule is (the confidence tags of the domain research).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// A regulation or official text was seen.
    Official,
    /// An official document seen only through a secondary copy; wording may be paraphrased.
    OfficialSecondary,
    /// Claimed only by licence agencies or cloud vendors: practice, not law.
    Agency,
    /// From an old provincial checklist; may no longer apply.
    Historical,
}

impl Evidence {
    /// Short English label for messages.
    pub fn label(self) -> &'static str {
        match self {
            Evidence::Official => "official text",
            Evidence::OfficialSecondary => "official text seen only in a secondary copy",
            Evidence::Agency => "agency practice",
            Evidence::Historical => "historical checklist",
        }
    }
}

/// The free-trade-zone 告知承诺 route: a company registered in the zone may be licensed on its
/// written promise, with checks afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FtzRoute {
    /// Official name of the zone, e.g. `中国（浙江）自由贸易试验区`.
    pub zone: String,
    /// Texts whose presence in the registered address places the company in the zone.
    pub markers: Vec<String>,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// The expectation that the servers are hosted, and the access agreement signed, in the province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InProvinceHosting {
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// A minimum number of management and technical staff with social insurance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsuredStaff {
    pub count: u32,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// An area of the province in the 2024 pilot that lifts foreign-equity caps for some services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PilotArea {
    /// e.g. `深圳市`.
    pub area: String,
    /// Texts whose presence in the registered address places the company in the area.
    pub markers: Vec<String>,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// A minimum number of months a registration (e.g. a domain) must still be valid on the
/// application date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthsRule {
    pub months: u32,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// A material or wording the province asks for, with nothing to configure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Required {
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// The title a province gives one of the letters (e.g. 申请承诺书 for the 告知承诺书).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titled {
    pub title: String,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// A sentence the province asks a document to carry verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    pub sentence: String,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// What the province asks of the form's three responsible persons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonsRule {
    /// The three must be three different people.
    #[serde(default)]
    pub distinct: bool,
    /// Full calendar months each must have been insured by the company.
    #[serde(default)]
    pub insured_months: Option<u32>,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// Advice for the applicant that is not a checkable rule (e.g. extra materials agencies ask for).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// One sentence in English; Chinese terms as the authority writes them.
    pub text: String,
    /// Only for this licence type; both when absent.
    #[serde(default)]
    pub licence: Option<Licence>,
    pub confirmed: bool,
    pub evidence: Evidence,
    pub source: String,
}

/// What every rule and note carries: whether it is confirmed, by what kind of evidence, and
/// where it comes from.
trait Basis {
    fn basis(&self) -> (bool, Evidence, &str);
}

macro_rules! impl_basis {
    ($($rule:ty),*) => {
        $(impl Basis for $rule {
            fn basis(&self) -> (bool, Evidence, &str) {
                (self.confirmed, self.evidence, self.source.as_str())
            }
        })*
    };
}

impl_basis!(
    FtzRoute,
    InProvinceHosting,
    InsuredStaff,
    PilotArea,
    MonthsRule,
    Note,
    Required,
    Titled,
    Sentence,
    PersonsRule
);

/// The content of `variant.yaml`. Every key is optional: an absent rule means the national
/// templates apply unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantData {
    #[serde(default)]
    pub ftz_notify_commit: Option<FtzRoute>,
    #[serde(default)]
    pub inprovince_hosting: Option<InProvinceHosting>,
    #[serde(default)]
    pub min_insured_staff: Option<InsuredStaff>,
    #[serde(default)]
    pub foreign_investment_pilot: Option<PilotArea>,
    /// For ICP备案 in the province: how long the domain must still be registered.
    #[serde(default)]
    pub domain_validity: Option<MonthsRule>,
    /// The province's title of the 证明事项告知承诺书.
    #[serde(default)]
    pub notify_commitment: Option<Titled>,
    /// A signed 《股东追溯不涉及外资承诺书》 is an upload of its own.
    #[serde(default)]
    pub foreign_capital_statement: Option<Required>,
    /// The sentence the signed 股权结构图 must carry.
    #[serde(default)]
    pub ownership_chart: Option<Sentence>,
    /// What the three responsible persons must meet.
    #[serde(default)]
    pub responsible_persons: Option<PersonsRule>,
    /// The domain's registrant must be the applicant itself (not a shareholder).
    #[serde(default)]
    pub domain_holder_applicant: Option<Required>,
    /// The business scope must name 经营电信业务 or the business types.
    #[serde(default)]
    pub business_scope_types: Option<Required>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

impl VariantData {
    /// (key, confirmed, evidence, source) of every rule and note, for validation and listing.
    pub fn rules(&self) -> Vec<(String, bool, Evidence, &str)> {
        let named: [(&str, Option<&dyn Basis>); 11] = [
            (
                "ftz_notify_commit",
                self.ftz_notify_commit.as_ref().map(|r| r as &dyn Basis),
            ),
            (
                "inprovince_hosting",
                self.inprovince_hosting.as_ref().map(|r| r as &dyn Basis),
            ),
            (
                "min_insured_staff",
                self.min_insured_staff.as_ref().map(|r| r as &dyn Basis),
            ),
            (
                "foreign_investment_pilot",
                self.foreign_investment_pilot
                    .as_ref()
                    .map(|r| r as &dyn Basis),
            ),
            (
                "domain_validity",
                self.domain_validity.as_ref().map(|r| r as &dyn Basis),
            ),
            (
                "notify_commitment",
                self.notify_commitment.as_ref().map(|r| r as &dyn Basis),
            ),
            (
                "foreign_capital_statement",
                self.foreign_capital_statement
                    .as_ref()
                    .map(|r| r as &dyn Basis),
            ),
            (
                "ownership_chart",
                self.ownership_chart.as_ref().map(|r| r as &dyn Basis),
            ),
            (
                "responsible_persons",
                self.responsible_persons.as_ref().map(|r| r as &dyn Basis),
            ),
            (
                "domain_holder_applicant",
                self.domain_holder_applicant
                    .as_ref()
                    .map(|r| r as &dyn Basis),
            ),
            (
                "business_scope_types",
                self.business_scope_types.as_ref().map(|r| r as &dyn Basis),
            ),
        ];
        let mut out: Vec<(String, bool, Evidence, &str)> = named
            .into_iter()
            .filter_map(|(key, rule)| {
                rule.map(|r| {
                    let (confirmed, evidence, source) = r.basis();
                    (key.to_string(), confirmed, evidence, source)
                })
            })
            .collect();
        for (i, note) in self.notes.iter().enumerate() {
            let (confirmed, evidence, source) = note.basis();
            out.push((format!("notes[{i}]"), confirmed, evidence, source));
        }
        out
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VariantError {
    /// `file` names the file that was read: the built-in `templates/<slug>/variant.yaml`
    /// or the user's, under `--templates`.
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}: `{key}`: {message}")]
    Invalid {
        file: String,
        key: String,
        message: String,
    },
}

/// A province with what its folder adds.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub province: Province,
    /// The rules of `variant.yaml`; empty (national) when the province has no data file.
    pub data: VariantData,
    /// Whether `templates/<slug>/variant.yaml` exists.
    pub has_data: bool,
    /// Whether `templates/<slug>/` holds templates of its own.
    pub has_templates: bool,
}

/// Loads the built-in variant of `province` (the national one when it has no folder).
pub fn load_variant(province: &Province) -> Result<Variant, VariantError> {
    load_variant_with(province, None)
}

/// Like [`load_variant`], but a `<slug>/variant.yaml` in the user's templates folder replaces
/// the built-in one (the same lookup order as the templates themselves).
pub fn load_variant_with(
    province: &Province,
    user_dir: Option<&std::path::Path>,
) -> Result<Variant, VariantError> {
    let user_file = user_dir.map(|dir| dir.join(province.slug).join("variant.yaml"));
    let user_text = match user_file.as_deref() {
        Some(path) => read_user_file(path)?,
        None => None,
    };
    let builtin = crate::templates::builtin_file(&format!("{}/variant.yaml", province.slug));
    let text = user_text.as_deref().or(builtin);
    let data = match (&user_text, user_file.as_deref(), text) {
        (Some(text), Some(path), _) => parse_variant_file(&path.display().to_string(), text)?,
        (_, _, Some(text)) => parse_variant_data(province.slug, text)?,
        _ => VariantData::default(),
    };
    Ok(Variant {
        province: province.clone(),
        data,
        has_data: text.is_some(),
        has_templates: crate::templates::builtin_has_templates(province.slug),
    })
}

/// A variant file is a few kilobytes; anything larger is not one.
const MAX_VARIANT_BYTES: u64 = 1024 * 1024;

/// The text of the user's `variant.yaml`, `None` when there is none. Only a regular file
/// of reasonable size is read; anything else under that name is an error naming it.
fn read_user_file(path: &std::path::Path) -> Result<Option<String>, VariantError> {
    use crate::files::{read_limited, Follow, ReadError};
    let fail = |message: String| VariantError::Syntax {
        file: path.display().to_string(),
        message,
    };
    match read_limited(path, MAX_VARIANT_BYTES, Follow::Symlinks) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| fail("the file is not UTF-8 text".to_string())),
        Err(ReadError::NotFound) => Ok(None),
        Err(err) => Err(fail(format!("the file {err}"))),
    }
}

/// Parses and validates a built-in `variant.yaml`; `slug` only names the file in errors.
pub fn parse_variant_data(slug: &str, text: &str) -> Result<VariantData, VariantError> {
    parse_variant_file(&format!("templates/{slug}/variant.yaml"), text)
}

/// Parses and validates a `variant.yaml`; `file` names it in errors.
pub fn parse_variant_file(file: &str, text: &str) -> Result<VariantData, VariantError> {
    let data: VariantData = serde_yaml::from_str(text).map_err(|e| VariantError::Syntax {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let invalid = |key: &str, message: &str| VariantError::Invalid {
        file: file.to_string(),
        key: key.to_string(),
        message: message.to_string(),
    };
    for (key, confirmed, evidence, source) in data.rules() {
        if source.trim().is_empty() {
            return Err(invalid(&key, "every rule needs a `source`"));
        }
        if confirmed && evidence != Evidence::Official {
            return Err(invalid(
                &key,
                "only a rule resting on official text may be `confirmed: true`",
            ));
        }
    }
    let empty_markers = |markers: &[String]| markers.iter().all(|m| m.trim().is_empty());
    if let Some(r) = &data.ftz_notify_commit {
        if empty_markers(&r.markers) {
            return Err(invalid(
                "ftz_notify_commit.markers",
                "give at least one marker",
            ));
        }
    }
    if let Some(r) = &data.foreign_investment_pilot {
        if empty_markers(&r.markers) {
            return Err(invalid(
                "foreign_investment_pilot.markers",
                "give at least one marker",
            ));
        }
    }
    if data
        .notify_commitment
        .as_ref()
        .is_some_and(|r| r.title.trim().is_empty())
    {
        return Err(invalid("notify_commitment.title", "give the title"));
    }
    if data
        .ownership_chart
        .as_ref()
        .is_some_and(|r| r.sentence.trim().is_empty())
    {
        return Err(invalid("ownership_chart.sentence", "give the sentence"));
    }
    Ok(data)
}

/// Whether `address` contains one of `markers`, ignoring spaces and the width of brackets
/// (addresses are written both `中国（浙江）` and `中国(浙江)`).
pub(crate) fn address_matches(address: &str, markers: &[String]) -> bool {
    let normal = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                other => other,
            })
            .collect()
    };
    let address = normal(address);
    markers
        .iter()
        .map(|m| normal(m))
        .any(|m| !m.is_empty() && address.contains(&m))
}

/// Whether the data centre named in the profile lies in the variant's province (an unknown
/// province name counts as outside).
pub(crate) fn hosting_in_province(profile: &Profile, variant: &Variant) -> bool {
    let mut sites = profile.infrastructure.all_sites().peekable();
    sites.peek().is_some()
        && sites.all(|site| {
            find_province(&site.province).is_ok_and(|p| p.slug == variant.province.slug)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variant::find_province;

    const RULE: &str = "confirmed: false\n  evidence: historical\n  source: an old checklist";

    #[test]
    fn empty_file_is_the_national_variant() {
        assert_eq!(parse_variant_data("x", "{}"), Ok(VariantData::default()));
    }

    #[test]
    fn reads_rules_with_their_basis() {
        let text =
            format!("min_insured_staff:\n  count: 5\n  {RULE}\ninprovince_hosting:\n  {RULE}\n");
        let data = parse_variant_data("x", &text).map_err(|e| e.to_string());
        let data = data
            .as_ref()
            .map(|d| d.min_insured_staff.as_ref().map(|r| r.count));
        assert_eq!(data, Ok(Some(5)));
    }

    #[test]
    fn refuses_unknown_keys() {
        let err = parse_variant_data("guangdong", "inprovince_hostng:\n  confirmed: false\n");
        let message = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.starts_with("templates/guangdong/variant.yaml:"),
            "{message}"
        );
        assert!(message.contains("inprovince_hostng"), "{message}");
    }

    #[test]
    fn refuses_confirmed_rules_on_weak_evidence() {
        let text = "inprovince_hosting:\n  confirmed: true\n  evidence: agency\n  source: a blog\n";
        assert!(matches!(
            parse_variant_data("x", text),
            Err(VariantError::Invalid { key, .. }) if key == "inprovince_hosting"
        ));
    }

    #[test]
    fn refuses_rules_without_a_source() {
        let text =
            "notes:\n  - text: t\n    confirmed: false\n    evidence: agency\n    source: ' '\n";
        assert!(matches!(
            parse_variant_data("x", text),
            Err(VariantError::Invalid { key, .. }) if key == "notes[0]"
        ));
    }

    #[test]
    fn built_in_data_files_parse_and_mark_unconfirmed_rules() {
        for province in &crate::variant::PROVINCES {
            let variant = load_variant(province).map_err(|e| e.to_string());
            let Ok(variant) = variant else {
                panic!("{variant:?}");
            };
            for (key, confirmed, evidence, _) in variant.data.rules() {
                assert!(
                    !confirmed || evidence == Evidence::Official,
                    "{}: {key}",
                    province.slug
                );
            }
        }
    }

    #[test]
    fn zhejiang_and_guangdong_have_folders() {
        let load = |slug: &str| find_province(slug).ok().and_then(|p| load_variant(p).ok());
        let zhejiang = load("zhejiang").map(|v| (v.has_data, v.data.ftz_notify_commit.is_some()));
        assert_eq!(zhejiang, Some((true, true)));
        let guangdong = load("guangdong").map(|v| (v.has_data, v.has_templates));
        assert_eq!(guangdong, Some((true, true)));
        let jiangsu = load("jiangsu").map(|v| (v.has_data, v.has_templates));
        assert_eq!(jiangsu, Some((false, false)));
    }
}
