//! The province's own rules (`templates/<slug>/variant.yaml`) applied to a profile:
//! warnings and notes for the applicant, as findings like every other check's.
//!
//! The provincial rules are mostly unconfirmed, so they never stop a run; they say what an
//! old checklist or an agency expects, with the source as the hint, and leave the decision
//! to the applicant.

use super::{Finding, Severity};
use crate::profile::model::Profile;
use crate::variant::{
    address_matches, find_province, Evidence, FtzRoute, InProvinceHosting, InsuredStaff,
    MonthsRule, Note, PilotArea, Variant,
};
use crate::zh::date::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AdviceLevel {
    /// The profile does not meet what the province is said to expect.
    Warning,
    /// Something the applicant should know (a route, a material, an interpretation).
    Note,
}

/// One rule's verdict with its basis, before it becomes a [`Finding`].
#[derive(Debug, Clone, PartialEq)]
struct Advice {
    level: AdviceLevel,
    /// Stable identifier, e.g. `variant-inprovince-hosting`.
    rule: &'static str,
    /// YAML path of the profile value concerned; empty for general notes.
    path: String,
    message: String,
    confirmed: bool,
    #[allow(dead_code)] // recorded with the rule; the hint names the source
    evidence: Evidence,
    source: String,
}

/// The variant's rules applied to `profile`, warnings first, each with its basis (confirmed
/// or not) and source as the hint.
pub(super) fn advise(profile: &Profile, variant: &Variant) -> Vec<Finding> {
    let data = &variant.data;
    let province = variant.province.name;
    let mut out = Vec::new();
    if let Some(rule) = &data.inprovince_hosting {
        out.extend(hosting_outside_province(profile, variant, rule));
    }
    if let Some(rule) = &data.min_insured_staff {
        out.extend(too_few_insured_staff(profile, province, rule));
    }
    if let Some(rule) = &data.domain_validity {
        out.extend(domains_expiring_soon(profile, province, rule));
    }
    if let Some(route) = &data.ftz_notify_commit {
        out.extend(free_trade_zone_route(profile, route));
    }
    if let Some(pilot) = &data.foreign_investment_pilot {
        out.extend(foreign_investment_pilot(profile, pilot));
    }
    out.extend(notes_for_licence(profile, &data.notes));
    out.sort_by_key(|a| a.level);
    out.into_iter().map(Advice::into_finding).collect()
}

impl Advice {
    fn into_finding(self) -> Finding {
        let basis = if self.confirmed {
            "confirmed rule"
        } else {
            "unconfirmed provincial practice"
        };
        Finding {
            severity: match self.level {
                AdviceLevel::Warning => Severity::Warning,
                AdviceLevel::Note => Severity::Note,
            },
            rule: self.rule,
            path: self.path,
            message: self.message,
            hint: format!("{basis}; source: {}", self.source),
        }
    }
}

/// A warning for every site hosted in another (known) province.
fn hosting_outside_province(
    profile: &Profile,
    variant: &Variant,
    rule: &InProvinceHosting,
) -> Vec<Advice> {
    let province = variant.province.name;
    let mut out = Vec::new();
    for (i, site) in profile.infrastructure.all_sites().enumerate() {
        let Ok(hosted) = find_province(&site.province) else {
            continue;
        };
        if hosted.slug != variant.province.slug {
            out.push(Advice {
                level: AdviceLevel::Warning,
                rule: "variant-inprovince-hosting",
                path: format!("{}.province", profile.infrastructure.site_path(i)),
                message: format!(
                    "the servers are hosted in {}, outside {province}: an old {province} checklist asked for an in-province network access agreement ({province}内网络接入协议); host in {province} or ask the authority whether this is still expected",
                    hosted.name
                ),
                confirmed: rule.confirmed,
                evidence: rule.evidence,
                source: rule.source.clone(),
            });
        }
    }
    out
}

/// A warning when fewer staff have social insurance than the province is said to expect.
fn too_few_insured_staff(profile: &Profile, province: &str, rule: &InsuredStaff) -> Option<Advice> {
    let insured = profile.company.staff.with_social_security;
    (insured < rule.count).then(|| Advice {
        level: AdviceLevel::Warning,
        rule: "variant-insured-staff",
        path: "company.staff.with_social_security".to_string(),
        message: format!(
            "{insured} employee(s) have social insurance; {province} has asked for at least {} management and technical staff with social insurance",
            rule.count
        ),
        confirmed: rule.confirmed,
        evidence: rule.evidence,
        source: rule.source.clone(),
    })
}

/// A warning for every domain that expires within the rule's months of the application.
fn domains_expiring_soon(profile: &Profile, province: &str, rule: &MonthsRule) -> Vec<Advice> {
    let limit = add_months(profile.application.date, rule.months);
    let mut out = Vec::new();
    for (i, domain) in profile.service.domains.iter().enumerate() {
        let Some(expires) = domain.expires else {
            continue;
        };
        if expires <= limit {
            out.push(Advice {
                level: AdviceLevel::Warning,
                rule: "variant-domain-validity",
                path: format!("service.domains[{i}].expires"),
                message: format!(
                    "{} expires on {}, within {} months of the application date; {province} is said to require a longer registration for ICP备案: renew it first",
                    domain.domain,
                    expires.format(crate::zh::date::DateStyle::Arabic),
                    rule.months
                ),
                confirmed: rule.confirmed,
                evidence: rule.evidence,
                source: rule.source.clone(),
            });
        }
    }
    out
}

/// A note on the 告知承诺 route when the company is registered in the free trade zone.
fn free_trade_zone_route(profile: &Profile, route: &FtzRoute) -> Option<Advice> {
    let address = &profile.company.registered_address;
    address_matches(address, &route.markers).then(|| Advice {
        level: AdviceLevel::Note,
        rule: "variant-ftz-route",
        path: "company.registered_address".to_string(),
        message: format!(
            "the company is registered in {}: the licence may be applied for through the 告知承诺 route (decision on the company's written promise, checks afterwards), which adds a signed 告知承诺书 to the materials",
            route.zone
        ),
        confirmed: route.confirmed,
        evidence: route.evidence,
        source: route.source.clone(),
    })
}

/// A note on the foreign-equity pilot for a foreign-held company registered in its area.
fn foreign_investment_pilot(profile: &Profile, pilot: &PilotArea) -> Option<Advice> {
    let address = &profile.company.registered_address;
    (profile.has_foreign_shareholding() && address_matches(address, &pilot.markers)).then(|| {
        Advice {
            level: AdviceLevel::Note,
            rule: "variant-foreign-pilot",
            path: "company.shareholders".to_string(),
            message: format!(
                "the company has foreign shareholding and is registered in {}, an area of the 2024 pilot that lifts the foreign-equity cap for some value-added services (among them 在线数据处理与交易处理业务); check the current pilot rules before applying",
                pilot.area
            ),
            confirmed: pilot.confirmed,
            evidence: pilot.evidence,
            source: pilot.source.clone(),
        }
    })
}

/// The variant's general notes, less those for another licence.
fn notes_for_licence(profile: &Profile, notes: &[Note]) -> Vec<Advice> {
    notes
        .iter()
        .filter(|note| {
            !note
                .licence
                .is_some_and(|l| l != profile.application.licence)
        })
        .map(|note| Advice {
            level: AdviceLevel::Note,
            rule: "variant-note",
            path: String::new(),
            message: note.text.trim().to_string(),
            confirmed: note.confirmed,
            evidence: note.evidence,
            source: note.source.clone(),
        })
        .collect()
}

/// `date` plus `months`, clamped to the end of a shorter month.
fn add_months(date: Date, months: u32) -> Date {
    let index = u32::from(date.year) * 12 + u32::from(date.month) - 1 + months;
    let year = u16::try_from(index / 12).unwrap_or(u16::MAX);
    let month = u8::try_from(index % 12 + 1).unwrap_or(12);
    (1..=date.day)
        .rev()
        .find_map(|day| Date::new(year, month, day))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variant::load_variant;

    use crate::profile::example;

    fn variant(slug: &str) -> Variant {
        match find_province(slug).map(load_variant) {
            Ok(Ok(v)) => v,
            other => panic!("{slug}: {other:?}"),
        }
    }

    fn rules(advice: &[Finding]) -> Vec<&'static str> {
        advice.iter().map(|a| a.rule).collect()
    }

    #[test]
    fn adds_months_with_clamping() {
        let d = |y, m, d| {
            Date::new(y, m, d).unwrap_or(Date {
                year: 0,
                month: 1,
                day: 1,
            })
        };
        assert_eq!(add_months(d(2026, 12, 8), 3), d(2027, 3, 8));
        assert_eq!(add_months(d(2026, 11, 30), 3), d(2027, 2, 28));
    }

    #[test]
    fn national_variant_gives_no_advice() {
        assert!(advise(&example(), &variant("jiangsu")).is_empty());
    }

    #[test]
    fn guangdong_warns_about_hosting_outside_the_province() {
        // The example is hosted in Zhejiang.
        let advice = advise(&example(), &variant("guangdong"));
        assert!(
            rules(&advice).contains(&"variant-inprovince-hosting"),
            "{advice:#?}"
        );
        let warning = advice
            .iter()
            .find(|a| a.rule == "variant-inprovince-hosting")
            .map(|a| format!("{} {}", a.message, a.hint))
            .unwrap_or_default();
        assert!(warning.contains("unconfirmed"), "{warning}");
        assert!(warning.contains("广东省内网络接入协议"), "{warning}");
        // Zhejiang has no such rule.
        assert!(!rules(&advise(&example(), &variant("zhejiang")))
            .contains(&"variant-inprovince-hosting"));
    }

    #[test]
    fn guangdong_warns_about_few_insured_staff() {
        let mut profile = example();
        assert!(!rules(&advise(&profile, &variant("guangdong"))).contains(&"variant-insured-staff"));
        profile.company.staff.with_social_security = 3;
        assert!(rules(&advise(&profile, &variant("guangdong"))).contains(&"variant-insured-staff"));
        assert!(!rules(&advise(&profile, &variant("zhejiang"))).contains(&"variant-insured-staff"));
    }

    #[test]
    fn ftz_route_is_noted_only_inside_the_zone() {
        let mut profile = example();
        assert!(!rules(&advise(&profile, &variant("zhejiang"))).contains(&"variant-ftz-route"));
        profile.company.registered_address =
            "中国（浙江）自由贸易试验区杭州片区滨江区某路1号".to_string();
        let advice = advise(&profile, &variant("zhejiang"));
        let note = advice.iter().find(|a| a.rule == "variant-ftz-route");
        assert!(
            note.is_some_and(|n| n.message.contains("中国（浙江）自由贸易试验区")),
            "{advice:#?}"
        );
    }

    #[test]
    fn zhejiang_warns_about_a_domain_about_to_expire() {
        let mut profile = example();
        profile.service.domains[0].expires = Date::new(2027, 2, 1);
        let advice = advise(&profile, &variant("zhejiang"));
        assert!(
            advice
                .iter()
                .any(|a| a.rule == "variant-domain-validity"
                    && a.path == "service.domains[0].expires"),
            "{advice:#?}"
        );
    }

    #[test]
    fn shenzhen_pilot_is_noted_for_foreign_shareholding() {
        let mut profile = example();
        profile.company.registered_address = "深圳市南山区某路1号".to_string();
        assert!(!rules(&advise(&profile, &variant("guangdong"))).contains(&"variant-foreign-pilot"));
        profile.company.shareholders[0].nationality = Some("新加坡".to_string());
        assert!(profile.has_foreign_shareholding());
        assert!(rules(&advise(&profile, &variant("guangdong"))).contains(&"variant-foreign-pilot"));
    }
}
