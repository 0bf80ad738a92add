//! What calls for the commitments only some applicants sign: words in the company's or the
//! service's name or in the business scope (特定电信业务), and recent penalties (守法诚信).

use serde::Serialize;

use super::vocabulary::{SpecialGroup, Vocabulary, Where};
use crate::profile::model::{Penalty, Profile};

/// One word found, and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecialTrigger {
    pub group: SpecialGroup,
    pub word: String,
    /// 名称, 所运营服务的名称 or 经营范围: what of the company holds it, as the commitment
    /// says it (本公司名称含有…).
    pub field: &'static str,
    /// YAML path of the value holding the word.
    pub path: String,
}

/// The words of the special-business list found in the profile, in the list's order.
pub fn special_business(profile: &Profile, vocabulary: &Vocabulary) -> Vec<SpecialTrigger> {
    let mut names: Vec<(&'static str, String, &str)> = vec![
        ("名称", "company.name".to_string(), &profile.company.name),
        (
            "所运营服务的名称",
            "service.name".to_string(),
            &profile.service.name,
        ),
    ];
    for (i, form) in profile.service.forms.iter().enumerate() {
        if let Some(name) = &form.name {
            names.push(("所运营服务的名称", format!("service.forms[{i}].name"), name));
        }
    }
    let scope = (
        "经营范围",
        "company.business_scope".to_string(),
        profile.company.business_scope.as_str(),
    );
    let mut found: Vec<SpecialTrigger> = Vec::new();
    for list in &vocabulary.special_business {
        let fields: Vec<&(&'static str, String, &str)> = match list.within {
            Where::Name => names.iter().collect(),
            Where::NameOrScope => names.iter().chain(std::iter::once(&scope)).collect(),
        };
        for word in &list.words {
            if let Some((field, path, _)) = fields
                .iter()
                .find(|(_, _, text)| text.contains(word.as_str()))
            {
                found.push(SpecialTrigger {
                    group: list.group,
                    word: word.clone(),
                    field,
                    path: path.clone(),
                });
            }
        }
    }
    found
}

/// How far back a penalty calls for the 守法诚信 commitment (in days: three years).
const PENALTY_YEARS_DAYS: i64 = 3 * 365 + 1;

/// Penalties decided within three years before the application date.
pub fn recent_penalties(profile: &Profile) -> Vec<&Penalty> {
    let date = profile.application.date;
    profile
        .company
        .penalties
        .iter()
        .filter(|p| {
            let age = (date.unix_seconds() - p.date.unix_seconds()) / 86_400;
            (0..=PENALTY_YEARS_DAYS).contains(&age)
        })
        .collect()
}
