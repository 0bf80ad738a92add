//! The Tera context: the profile under its own keys, plus the variant, the licence wording and
//! a few values derived once here so that templates stay free of logic.

use serde::Serialize;

use super::filters::DATE_STYLE_VAR;
use super::RenderError;
use crate::date::DateStyle;
use crate::profile::model::{KeyPerson, Licence, Profile};
use crate::variant::Province;

#[derive(Serialize)]
struct VariantContext<'a> {
    slug: &'a str,
    province: &'a str,
    authority: String,
    licence_prefix: &'a str,
    icp_prefixes: &'a [&'a str],
}

#[derive(Serialize)]
pub struct LicenceContext {
    pub code: &'static str,
    pub kind: &'static str,
    pub name: &'static str,
    pub category: &'static str,
}

/// The licence wording used on covers, headings and in the text.
pub fn licence_context(licence: Licence) -> LicenceContext {
    match licence {
        Licence::Icp => LicenceContext {
            code: "B25",
            kind: "ICP",
            name: "信息服务业务（仅限互联网信息服务）",
            category: "第二类增值电信业务中的信息服务业务",
        },
        Licence::Edi => LicenceContext {
            code: "B21",
            kind: "EDI",
            name: "在线数据处理与交易处理业务（仅限经营类电子商务）",
            category: "第二类增值电信业务中的在线数据处理与交易处理业务",
        },
    }
}

#[derive(Serialize)]
struct Derived<'a> {
    service_kinds: Vec<&'static str>,
    domains: Vec<&'a str>,
    security_officer: Option<&'a KeyPerson>,
    liaison: Option<&'a KeyPerson>,
    tech_lead: Option<&'a KeyPerson>,
    service_lead: Option<&'a KeyPerson>,
    server_count: u64,
    plan_investment_total: u64,
    plan_revenue_total: u64,
    foreign_shareholding: bool,
}

/// Builds the context for `profile` licensed in `province`.
pub fn build_context(profile: &Profile, province: &Province) -> Result<tera::Context, RenderError> {
    let people = &profile.company.staff.key_people;
    let by_name = |name: &str| people.iter().find(|p| p.name == name);
    let by_role = |needle: &str| people.iter().find(|p| p.role.contains(needle));
    let chinese = |nationality: &Option<String>| {
        nationality
            .as_deref()
            .is_none_or(|n| matches!(n.trim(), "中国" | "中华人民共和国" | "CN" | "China"))
    };
    let derived = Derived {
        service_kinds: profile
            .service
            .kind
            .to_vec()
            .into_iter()
            .map(|k| k.display_name())
            .collect(),
        domains: profile
            .service
            .domains
            .iter()
            .map(|d| d.domain.as_str())
            .collect(),
        security_officer: by_name(&profile.security.officer),
        liaison: by_name(&profile.security.liaison),
        tech_lead: by_role("技术"),
        service_lead: by_role("客服"),
        server_count: profile
            .infrastructure
            .servers
            .iter()
            .map(|s| u64::from(s.count))
            .sum(),
        plan_investment_total: profile.plan.years.iter().map(|y| y.investment).sum(),
        plan_revenue_total: profile.plan.years.iter().map(|y| y.revenue).sum(),
        foreign_shareholding: profile.company.shareholders.iter().any(|s| {
            !chinese(&s.nationality) || s.ultimate_owners.iter().any(|o| !chinese(&o.nationality))
        }),
    };
    let variant = VariantContext {
        slug: province.slug,
        province: province.name,
        authority: province.authority(),
        licence_prefix: province.licence_prefix,
        icp_prefixes: province.icp_prefixes,
    };

    let mut context = tera::Context::new();
    let profile_value =
        serde_json::to_value(profile).map_err(|e| RenderError::Context(e.to_string()))?;
    if let serde_json::Value::Object(map) = profile_value {
        for (key, value) in map {
            context.insert(key, &value);
        }
    }
    context.insert("variant", &variant);
    context.insert("licence", &licence_context(profile.application.licence));
    context.insert("derived", &derived);
    let style = match profile.application.date_style {
        DateStyle::Arabic => "arabic",
        DateStyle::Chinese => "chinese",
    };
    context.insert(DATE_STYLE_VAR, &style);
    Ok(context)
}
