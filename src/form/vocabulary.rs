//! The online form's vocabulary (`templates/catalogue/form.yaml`): the choices read from the
//! profile's words, and the words that call for the special-business commitment.

use std::sync::OnceLock;

use serde::Deserialize;

const FORM_VOCABULARY: &str = include_str!("../../templates/catalogue/form.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub natures: Vec<Nature>,
    pub industries: Vec<Industry>,
    pub special_business: Vec<SpecialWords>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nature {
    pub nature: String,
    pub words: Vec<String>,
}

/// A section (门类) of GB/T 4754-2017.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    pub code: String,
    pub name: String,
    pub words: Vec<String>,
}

/// Which commitment a trigger word calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialGroup {
    /// Financial words in the name (交易所, 支付, 基金 …).
    Finance,
    /// 约车 in the name.
    RideHailing,
    /// A company from a 线下传统行业.
    OfflineIndustry,
}

/// Where the words are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Where {
    /// The company's and the service's names.
    Name,
    /// The names and the business scope.
    NameOrScope,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialWords {
    pub group: SpecialGroup,
    #[serde(rename = "where")]
    pub within: Where,
    pub words: Vec<String>,
}

/// The built-in vocabulary, parsed once. The file is part of the binary, so a parse error
/// is a defect of this build (a test parses it).
pub fn vocabulary() -> Result<&'static Vocabulary, String> {
    static PARSED: OnceLock<Result<Vocabulary, String>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            serde_yaml::from_str(FORM_VOCABULARY)
                .map_err(|e| format!("templates/catalogue/form.yaml: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_parses() {
        let v = vocabulary().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.industries.len(), 19);
        assert!(v.industries.iter().any(|i| i.code == "I"));
        assert!(!v.special_business.is_empty());
    }
}
