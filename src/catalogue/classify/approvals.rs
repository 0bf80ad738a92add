//! The prior approvals (前置审批) the service's content calls for, found by the catalogue's
//! keywords in what the profile says the service does.

use serde::Serialize;

use super::features::FeatureFacts;
use crate::catalogue::{normalise, ApprovalTrigger, Catalogue, TriggerSeverity};
use crate::profile::model::{PriorApproval, Profile};

/// A prior approval the profile's content calls for.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalFact {
    pub id: String,
    pub service: String,
    pub approval: String,
    pub authority: String,
    pub basis: String,
    /// The catalogue's severity where a feature, the categories or the service's name call
    /// for the approval; a note where only the summary mentions its words (it may describe
    /// the customers' trade rather than the service).
    pub severity: TriggerSeverity,
    /// The words that triggered it and where: `短视频（功能“探店短视频”）`.
    pub found: Vec<String>,
    /// The profile's approvals that satisfy it.
    pub held: Vec<PriorApproval>,
    pub satisfied: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApprovalFacts {
    /// Every trigger found, satisfied or not.
    pub triggered: Vec<ApprovalFact>,
    /// Warning-level triggers the profile holds no approval for.
    pub missing: Vec<ApprovalFact>,
    /// The approvals the profile lists.
    pub held: Vec<PriorApproval>,
}

/// Words that deny what follows in the same clause: 平台不提供问诊、开方.
const NEGATIONS: [&str; 10] = [
    "不提供",
    "不开展",
    "不涉及",
    "不包括",
    "不含",
    "不从事",
    "不进行",
    "不向",
    "没有",
    "并非",
];

/// Where a text comes from, and whether a mention there names what the service provides.
struct Place<'a> {
    label: String,
    text: &'a str,
    names_service: bool,
    /// Approvals the feature's own kinds rule out (直播预告 is not 直播).
    cleared: Vec<String>,
}

/// The clauses of `text` that do not deny what they mention.
fn affirmed_clauses(text: &str) -> Vec<&str> {
    text.split(['，', '。', '；', ';', ',', '！', '？', '!', '?', '\n'])
        .filter(|clause| !NEGATIONS.iter().any(|n| clause.contains(n)))
        .collect()
}

pub(super) fn approvals(
    catalogue: &Catalogue,
    profile: &Profile,
    features: &FeatureFacts,
) -> ApprovalFacts {
    let service = &profile.service;
    let mut places: Vec<Place<'_>> = vec![
        Place {
            label: "业务简介".to_string(),
            text: &service.summary,
            names_service: false,
            cleared: Vec::new(),
        },
        Place {
            label: "服务名称".to_string(),
            text: &service.name,
            names_service: true,
            cleared: Vec::new(),
        },
    ];
    for category in &service.categories {
        places.push(Place {
            label: "申请的业务类别".to_string(),
            text: category,
            names_service: true,
            cleared: Vec::new(),
        });
    }
    for (feature, fact) in service.features.iter().zip(&features.list) {
        let label = format!("功能“{}”", feature.name.trim());
        let cleared: Vec<String> = fact
            .kinds
            .iter()
            .filter_map(|id| catalogue.feature_kind(id))
            .flat_map(|k| k.clears.iter().cloned())
            .collect();
        places.push(Place {
            label: label.clone(),
            text: &feature.name,
            names_service: true,
            cleared: cleared.clone(),
        });
        if let Some(description) = &feature.description {
            places.push(Place {
                label,
                text: description,
                names_service: true,
                cleared,
            });
        }
    }
    let mut triggered: Vec<ApprovalFact> = Vec::new();
    let mut provided: Vec<String> = Vec::new();
    for place in &places {
        for clause in affirmed_clauses(place.text) {
            for (keyword, trigger) in catalogue.approvals_in(clause) {
                if place.cleared.contains(&trigger.id) {
                    continue;
                }
                if place.names_service && !provided.contains(&trigger.id) {
                    provided.push(trigger.id.clone());
                }
                record(
                    &mut triggered,
                    trigger,
                    &service.prior_approvals,
                    format!("{keyword}（{}）", place.label),
                );
            }
        }
    }
    for trigger in &mut triggered {
        if !provided.contains(&trigger.id) {
            trigger.severity = TriggerSeverity::Note;
        }
    }
    // The catalogue's order, so documents list approvals the same way for every profile.
    triggered.sort_by_key(|t| catalogue.approvals.iter().position(|a| a.id == t.id));
    let missing = triggered
        .iter()
        .filter(|t| !t.satisfied && t.severity == TriggerSeverity::Warning)
        .cloned()
        .collect();
    ApprovalFacts {
        triggered,
        missing,
        held: service.prior_approvals.clone(),
    }
}

/// Adds `found` to the trigger's entry, creating it with the approvals that satisfy it.
fn record(
    triggered: &mut Vec<ApprovalFact>,
    trigger: &ApprovalTrigger,
    held: &[PriorApproval],
    found: String,
) {
    if let Some(existing) = triggered.iter_mut().find(|t| t.id == trigger.id) {
        if !existing.found.contains(&found) {
            existing.found.push(found);
        }
        return;
    }
    let held: Vec<PriorApproval> = held
        .iter()
        .filter(|a| {
            let name = normalise(&a.name);
            trigger.held_as.iter().any(|h| name.contains(&normalise(h)))
        })
        .cloned()
        .collect();
    triggered.push(ApprovalFact {
        id: trigger.id.clone(),
        service: trigger.service.clone(),
        approval: trigger.approval.clone(),
        authority: trigger.authority.clone(),
        basis: trigger.basis.clone(),
        severity: trigger.severity,
        found: vec![found],
        satisfied: !held.is_empty(),
        held,
    });
}
