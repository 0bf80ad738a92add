//! `icp-docs catalogue`: what the documents know, for users choosing a `kind:` or wondering
//! why an item was not described.

use std::fmt::Write;

use super::{security_kind_key, tier_key, Catalogue, TriggerSeverity};

/// At most this many aliases per entry, so the listing stays readable.
const ALIASES_SHOWN: usize = 8;

fn aliases(list: &[String]) -> String {
    let mut shown: Vec<&str> = list
        .iter()
        .take(ALIASES_SHOWN)
        .map(String::as_str)
        .collect();
    if list.len() > ALIASES_SHOWN {
        shown.push("…");
    }
    shown.join(", ")
}

impl Catalogue {
    /// The catalogue as plain text: every kind with its id, name and the words that find it.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Feature kinds (service.features[].kind) — a feature is matched by these words in its name"
        );
        for kind in &self.features {
            let _ = writeln!(
                out,
                "  {:<24}{}  [{}]",
                kind.id,
                kind.name,
                aliases(&kind.aliases)
            );
        }
        let _ = writeln!(out, "\nServer tiers (infrastructure.servers[].tier)");
        for tier in &self.tiers {
            let _ = writeln!(
                out,
                "  {:<24}{}（{}）",
                tier_key(tier.id),
                tier.name,
                tier.zone
            );
        }
        let _ = writeln!(out, "\nServer kinds (read from role, software or model)");
        for kind in &self.servers {
            let _ = writeln!(
                out,
                "  {:<24}{} → {}  [{}]",
                kind.id,
                kind.name,
                tier_key(kind.tier),
                aliases(&kind.aliases)
            );
        }
        let _ = writeln!(
            out,
            "\nSecurity-product kinds (infrastructure.security_products[].kind)"
        );
        for info in &self.security_kinds {
            let words: Vec<String> = self
                .security_entries
                .iter()
                .filter(|e| e.kind == info.kind)
                .flat_map(|e| e.aliases.iter().cloned())
                .collect();
            let _ = writeln!(
                out,
                "  {:<24}{}  [{}]",
                security_kind_key(info.kind),
                info.name,
                aliases(&words)
            );
        }
        let _ = writeln!(
            out,
            "\nPrior approvals looked for in the service's features and summary"
        );
        for trigger in &self.approvals {
            let level = match trigger.severity {
                TriggerSeverity::Warning => "warning",
                TriggerSeverity::Note => "note",
            };
            let _ = writeln!(
                out,
                "  {:<24}{} → {} ({level}; {})  [{}]",
                trigger.id,
                trigger.service,
                trigger.approval,
                trigger.basis,
                aliases(&trigger.keywords)
            );
        }
        let _ = writeln!(out, "\nRevenue kinds (service.revenue[].kind)");
        for kind in &self.revenue {
            let _ = writeln!(
                out,
                "  {:<24}{}  [{}]",
                kind.id,
                kind.name,
                aliases(&kind.aliases)
            );
        }
        out
    }
}
