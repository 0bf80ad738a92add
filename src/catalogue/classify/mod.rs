//! A profile read with the catalogue: every feature, server and security product classified,
//! and the facts that guard the documents' claims (a website, consumers, editors, a
//! firewall, redundancy, payments …), computed once and shared by checks, templates and the
//! topology figure.

mod approvals;
mod business;
mod features;
mod infrastructure;
mod people;
mod security;
mod service;

use std::collections::BTreeMap;

use serde::Serialize;

use super::Catalogue;
use crate::profile::model::Profile;

pub use approvals::*;
pub use business::*;
pub use features::*;
pub use infrastructure::*;
pub use people::*;
pub use security::*;
pub use service::*;

/// Items that share one description are listed together, so no sentence is given to two
/// items as if each had its own.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    pub names: Vec<String>,
    /// `names` joined with 、 for the documents.
    pub label: String,
    pub text: String,
    /// Where the text comes from: `profile` (the user's words) or `catalogue`.
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Profile,
    Catalogue,
}

/// One classified item before grouping: its name, its text and the catalogue key the text
/// came from (items with the same key share the text).
struct Described<'a> {
    name: &'a str,
    text: Option<String>,
    key: Option<String>,
    source: Source,
}

/// Groups described items: a catalogue text is given once, to every item it describes; a
/// profile text belongs to its item alone. Items without a text are returned by name.
fn group(items: Vec<Described<'_>>) -> (Vec<Group>, Vec<String>) {
    let mut groups: Vec<(Option<String>, Group)> = Vec::new();
    let mut named_only = Vec::new();
    for item in items {
        let Some(text) = item.text else {
            named_only.push(item.name.to_string());
            continue;
        };
        let shared = item.key.as_ref().and_then(|key| {
            groups
                .iter_mut()
                .find(|(k, _)| k.as_ref() == Some(key))
                .map(|(_, g)| g)
        });
        match shared {
            Some(existing) => {
                if !existing.names.iter().any(|n| n == item.name) {
                    existing.names.push(item.name.to_string());
                    existing.label = existing.names.join("、");
                }
            }
            None => groups.push((
                item.key,
                Group {
                    names: vec![item.name.to_string()],
                    label: item.name.to_string(),
                    text,
                    source: item.source,
                },
            )),
        }
    }
    (groups.into_iter().map(|(_, g)| g).collect(), named_only)
}

/// Trims the full stop a profile's sentence may end with; templates add their own.
fn sentence(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(['。', '；', ';', '.']).trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Everything the catalogue makes of a profile.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    pub forms: Forms,
    pub audience: AudienceFacts,
    pub edi: EdiFacts,
    pub features: FeatureFacts,
    pub content: ContentFacts,
    pub revenue: RevenueFacts,
    pub payments: PaymentFacts,
    pub approvals: ApprovalFacts,
    pub data_sources: DataSourceFacts,
    pub sites: SiteFacts,
    pub servers: ServerFacts,
    pub security: SecurityFacts,
    /// The network's security zones with their contents, top to bottom.
    pub zones: Vec<ZoneFact>,
    /// Key people by name: their titles and certificates told apart.
    pub people: BTreeMap<String, PersonFacts>,
}

impl Catalogue {
    /// Classifies `profile`.
    pub fn facts(&self, profile: &Profile) -> Facts {
        let features = features::features(self, profile);
        let audience = service::audience(self, profile);
        let edi = service::edi(profile, &features, &audience);
        let content = features::content(self, profile, &features);
        let revenue = business::revenue(self, profile, &features);
        let payments = business::payments(profile, &features, &edi);
        let approvals = approvals::approvals(self, profile, &features);
        let sites = infrastructure::sites(self, profile);
        let servers = infrastructure::servers(self, profile, &sites);
        let security = security::security(self, profile, &servers);
        let zones = infrastructure::zones(self, &servers, &security);
        Facts {
            forms: service::forms(profile),
            audience,
            edi,
            features,
            content,
            revenue,
            payments,
            approvals,
            data_sources: business::data_sources(profile),
            sites,
            servers,
            security,
            zones,
            people: people::people(self, profile),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_catalogue_text_is_shared_by_the_items_it_describes() {
        let items = vec![
            Described {
                name: "主数据库",
                text: Some("存储数据".into()),
                key: Some("database".into()),
                source: Source::Catalogue,
            },
            Described {
                name: "只读库",
                text: Some("存储数据".into()),
                key: Some("database".into()),
                source: Source::Catalogue,
            },
            Described {
                name: "推荐引擎",
                text: None,
                key: None,
                source: Source::Catalogue,
            },
            Described {
                name: "短信网关",
                text: Some("发送验证码短信".into()),
                key: None,
                source: Source::Profile,
            },
        ];
        let (groups, named) = group(items);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].label, "主数据库、只读库");
        assert_eq!(groups[1].source, Source::Profile);
        assert_eq!(named, ["推荐引擎"]);
    }
}
