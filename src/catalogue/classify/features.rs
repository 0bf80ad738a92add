//! The service's features, classified and described, and who publishes information through
//! them and how it is reviewed.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{group, sentence, Described, Group, Source};
use crate::catalogue::{Catalogue, FeatureTrait, Publisher};
use crate::profile::model::{Profile, ReviewMode};

/// One feature of the profile, classified.
#[derive(Debug, Clone, Serialize)]
pub struct FeatureFact {
    /// Position in `service.features`, for findings.
    pub index: usize,
    pub name: String,
    /// Catalogue kinds, one per part of the name (or the one `kind:` names).
    pub kinds: Vec<String>,
    /// Every part of the name is known, or `kind:` names a known kind.
    pub known: bool,
    /// `kind:` names no catalogue kind.
    pub unknown_kind: Option<String>,
    pub described: bool,
    pub publisher: Publisher,
    pub review: Option<ReviewMode>,
    pub traits: Vec<FeatureTrait>,
    /// The sub-types (B25/B21) its kinds belong to.
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeatureFacts {
    pub list: Vec<FeatureFact>,
    /// Described features, one entry per description.
    pub groups: Vec<Group>,
    /// Features with neither a description nor a catalogue kind: named, never described.
    pub named_only: Vec<String>,
    pub names: Vec<String>,
    /// Traits brought by the features, every key present (`facts.features.has.payment`).
    pub has: BTreeMap<&'static str, bool>,
    /// Kinds present, by id.
    pub kind_ids: Vec<String>,
    /// Sub-types (B25/B21) the features belong to.
    pub categories: Vec<String>,
}

pub(super) fn features(catalogue: &Catalogue, profile: &Profile) -> FeatureFacts {
    let mut list = Vec::new();
    let mut described = Vec::new();
    let mut kinds_seen: Vec<String> = Vec::new();
    let mut categories: Vec<String> = Vec::new();
    let mut traits_seen: Vec<FeatureTrait> = Vec::new();
    let mut kind_group: std::collections::HashMap<String, String> =
        std::collections::HashMap::new();
    for (index, feature) in profile.service.features.iter().enumerate() {
        let (kinds, known, unknown_kind) = match &feature.kind {
            Some(id) => match catalogue.feature_kind(id.trim()) {
                Some(kind) => (vec![kind], true, None),
                None => (Vec::new(), false, Some(id.clone())),
            },
            None => {
                let parts = catalogue.feature_parts(&feature.name);
                let known = !parts.is_empty() && parts.iter().all(|(_, k)| k.is_some());
                let mut kinds = Vec::new();
                for kind in parts.into_iter().filter_map(|(_, k)| k) {
                    if !kinds
                        .iter()
                        .any(|k: &&crate::catalogue::FeatureKind| k.id == kind.id)
                    {
                        kinds.push(kind);
                    }
                }
                (kinds, known, None)
            }
        };
        let publisher = kinds
            .iter()
            .map(|k| k.content)
            .find(|p| *p != Publisher::None)
            .unwrap_or_default();
        let mut traits: Vec<FeatureTrait> = kinds.iter().flat_map(|k| k.traits.clone()).collect();
        traits.sort();
        traits.dedup();
        for kind in &kinds {
            if !kinds_seen.contains(&kind.id) {
                kinds_seen.push(kind.id.clone());
            }
            if let Some(category) = &kind.category {
                if !categories.contains(category) {
                    categories.push(category.clone());
                }
            }
        }
        traits_seen.extend(traits.iter().copied());
        let description = feature.description.as_deref().and_then(sentence);
        // A feature gets the wordings of the kinds not described yet; one whose kinds were
        // all described already joins the item that described its first kind.
        let (text, key, source) = match description {
            Some(text) => (Some(text), None, Source::Profile),
            None if known => {
                let fresh: Vec<_> = kinds
                    .iter()
                    .filter(|k| !kind_group.contains_key(k.id.as_str()))
                    .collect();
                if fresh.is_empty() {
                    let key = kinds
                        .first()
                        .and_then(|k| kind_group.get(k.id.as_str()))
                        .cloned();
                    (Some(String::new()), key, Source::Catalogue)
                } else {
                    let key = fresh
                        .iter()
                        .map(|k| k.id.as_str())
                        .collect::<Vec<_>>()
                        .join("+");
                    for kind in &fresh {
                        kind_group.insert(kind.id.clone(), key.clone());
                    }
                    let text = fresh
                        .iter()
                        .map(|k| k.wording.trim().to_string())
                        .collect::<Vec<_>>()
                        .join("；");
                    (Some(text), Some(key), Source::Catalogue)
                }
            }
            None => (None, None, Source::Catalogue),
        };
        described.push(Described {
            name: &feature.name,
            text,
            key,
            source,
        });
        list.push(FeatureFact {
            index,
            name: feature.name.clone(),
            kinds: kinds.iter().map(|k| k.id.clone()).collect(),
            known,
            unknown_kind,
            described: feature.description.as_deref().and_then(sentence).is_some(),
            publisher,
            review: feature.review,
            traits,
            categories: kinds.iter().filter_map(|k| k.category.clone()).collect(),
        });
    }
    let (groups, named_only) = group(described);
    let has = FeatureTrait::ALL
        .iter()
        .map(|t| (t.key(), traits_seen.contains(t)))
        .collect();
    FeatureFacts {
        names: list.iter().map(|f| f.name.clone()).collect(),
        list,
        groups,
        named_only,
        has,
        kind_ids: kinds_seen,
        categories,
    }
}

/// The review mode a clause of `text` gives the feature, when a clause names it (by its
/// name, a part of its name, or a word of its kinds) and says 先审后发 or 先发后审:
/// 景区信息先审后发；游客评价先发后审.
fn review_named_in(catalogue: &Catalogue, text: &str, feature: &FeatureFact) -> Option<ReviewMode> {
    // The name's first two characters usually name the object (作品连载发布 → 作品).
    let mut words: Vec<String> = vec![feature.name.clone(), feature.name.chars().take(2).collect()];
    words.extend(
        catalogue
            .feature_parts(&feature.name)
            .into_iter()
            .map(|(part, _)| part)
            .filter(|p| p.chars().count() >= 2),
    );
    for id in &feature.kinds {
        if let Some(kind) = catalogue.feature_kind(id) {
            words.extend(
                kind.aliases
                    .iter()
                    .filter(|a| a.chars().count() >= 2)
                    .cloned(),
            );
        }
    }
    text.split(['，', '。', '；', ';', ',', '\n'])
        .filter(|clause| words.iter().any(|w| clause.contains(w.as_str())))
        .find_map(|clause| catalogue.review_before_in(clause))
        .map(|before| {
            if before {
                ReviewMode::Before
            } else {
                ReviewMode::After
            }
        })
}

/// Who publishes information, and how each kind of post is reviewed.
#[derive(Debug, Clone, Serialize)]
pub struct ContentFacts {
    /// The company's editors write and publish information.
    pub editorial: bool,
    pub user_content: bool,
    pub merchant_content: bool,
    /// Features through which users publish.
    pub user_features: Vec<String>,
    /// Features through which merchants publish (listings).
    pub merchant_features: Vec<String>,
    /// Users' and merchants' features reviewed before / after they are shown, and those
    /// for which the profile does not say.
    pub reviewed_before: Vec<String>,
    pub reviewed_after: Vec<String>,
    pub review_unstated: Vec<String>,
    /// Users talk to each other in real time (private messages, group chat, live rooms).
    pub interactive: bool,
    pub interactive_features: Vec<String>,
}

pub(super) fn content(
    catalogue: &Catalogue,
    profile: &Profile,
    features: &FeatureFacts,
) -> ContentFacts {
    let policy = profile.service.content.as_ref();
    let default_review = policy.and_then(|p| p.user_review).or_else(|| {
        catalogue
            .review_before_in(&profile.security.content_review)
            .map(|before| {
                if before {
                    ReviewMode::Before
                } else {
                    ReviewMode::After
                }
            })
    });
    let editorial = policy.and_then(|p| p.editorial).unwrap_or_else(|| {
        features
            .list
            .iter()
            .any(|f| f.publisher == Publisher::Platform)
    });
    let names = |publisher: Publisher| -> Vec<String> {
        features
            .list
            .iter()
            .filter(|f| f.publisher == publisher)
            .map(|f| f.name.clone())
            .collect()
    };
    let user_features = names(Publisher::Users);
    let merchant_features = names(Publisher::Merchants);
    let (mut before, mut after, mut unstated) = (Vec::new(), Vec::new(), Vec::new());
    for feature in &features.list {
        // Real-time messages are filtered as they pass, not reviewed before or after.
        let interactive = feature.traits.contains(&FeatureTrait::Interactive);
        if interactive || !matches!(feature.publisher, Publisher::Users | Publisher::Merchants) {
            continue;
        }
        let stated = feature
            .review
            .or_else(|| review_named_in(catalogue, &profile.security.content_review, feature))
            .or(policy.and_then(|p| p.user_review));
        match stated.or(default_review) {
            Some(ReviewMode::Before) => before.push(feature.name.clone()),
            Some(ReviewMode::After) => after.push(feature.name.clone()),
            None => unstated.push(feature.name.clone()),
        }
    }
    let interactive_features: Vec<String> = features
        .list
        .iter()
        .filter(|f| f.traits.contains(&FeatureTrait::Interactive))
        .map(|f| f.name.clone())
        .collect();
    ContentFacts {
        editorial,
        user_content: !user_features.is_empty(),
        merchant_content: !merchant_features.is_empty(),
        user_features,
        merchant_features,
        reviewed_before: before,
        reviewed_after: after,
        review_unstated: unstated,
        interactive: !interactive_features.is_empty(),
        interactive_features,
    }
}
