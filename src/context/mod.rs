//! The template context, one typed value: the profile under its own keys, plus the
//! variant, the licence wording, the classified facts, the materials checklist, the
//! ownership overview and a few values derived once here so that templates stay free of
//! logic.

pub mod documents;
pub mod materials;
pub mod overview;

use serde::Serialize;

use crate::catalogue::{EdiFacts, Facts};
use crate::profile::model::{KeyPerson, Licence, Profile};
use crate::variant::{address_matches, hosting_in_province, FtzRoute, Note, PilotArea, Variant};
use crate::zh::date::DateStyle;

/// The context variable holding the profile's date style (`arabic` or `chinese`), which the
/// date filters read.
pub const DATE_STYLE_VAR: &str = "date_style";

#[derive(Debug, thiserror::Error)]
#[error("cannot build the template context: {0}")]
pub struct ContextError(String);

/// Everything a template sees, under these names.
#[derive(Serialize)]
pub struct TemplateContext<'a> {
    /// `company`, `application`, `service`, … as in the profile.
    #[serde(flatten)]
    profile: &'a Profile,
    variant: VariantContext<'a>,
    licence: LicenceContext,
    derived: Derived<'a>,
    facts: &'a Facts,
    materials: Vec<materials::Material>,
    overview: overview::Overview<'a>,
    /// What the online form asks, read from the profile (`crate::form`).
    form: crate::form::Form<'a>,
    /// The fill-in sheet (`crate::sheet`), also written as an HTML page.
    sheet: crate::sheet::Sheet,
    /// The authority's contacts, each with its source and date.
    contacts: Vec<crate::variant::contacts::ContactLine>,
    #[serde(rename = "date_style")]
    date_style: &'static str,
}

impl TemplateContext<'_> {
    /// The context as Tera takes it.
    pub fn to_tera(&self) -> Result<tera::Context, ContextError> {
        tera::Context::from_serialize(self).map_err(|e| ContextError(e.to_string()))
    }

    /// What the online form asks, as the profile answers it.
    pub fn form(&self) -> &crate::form::Form<'_> {
        &self.form
    }

    /// The fill-in sheet.
    pub fn sheet(&self) -> &crate::sheet::Sheet {
        &self.sheet
    }
}

/// `variant.*`: the authority and prefixes of the national table plus the rules of the
/// variant's `variant.yaml` (absent rules are `none`/`false`, i.e. the national templates).
#[derive(Serialize)]
struct VariantContext<'a> {
    slug: &'a str,
    province: &'a str,
    short_name: &'a str,
    code: &'a str,
    authority: String,
    licence_prefix: &'a str,
    icp_prefixes: &'a [&'a str],
    has_data: bool,
    has_templates: bool,
    ftz_notify_commit: Option<&'a FtzRoute>,
    requires_inprovince_hosting: bool,
    min_insured_staff: Option<u32>,
    foreign_investment_pilot: Option<&'a PilotArea>,
    notes: &'a [Note],
}

#[derive(Serialize)]
pub struct LicenceContext {
    pub code: &'static str,
    pub kind: &'static str,
    /// The licence's wording as it is printed on covers, letters and the checklist.
    pub name: &'static str,
    pub category: &'static str,
}

/// The licence wording used on covers, headings and in the text. An EDI licence is limited
/// to 经营类电子商务 only for an e-commerce platform; other EDI businesses (data exchange,
/// device data) apply for the plain B21 wording and name their sub-types in the text.
pub fn licence_context(licence: Licence, edi: &EdiFacts) -> LicenceContext {
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
            name: if edi.ecommerce
                && !edi.data_exchange
                && !edi.device_data
                && !edi.other_transaction
            {
                "在线数据处理与交易处理业务（仅限经营类电子商务）"
            } else {
                "在线数据处理与交易处理业务"
            },
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
    /// The registered address lies in the variant's free-trade zone (false without one).
    in_ftz: bool,
    /// The registered address lies in the variant's foreign-investment pilot area.
    in_foreign_pilot_area: bool,
    /// Every hosting site is in the licensing province.
    hosting_in_province: bool,
    /// The one complaint address of every document.
    complaint_email: &'a str,
}

/// The context of `profile` under `loaded` (the variant, with the user's `variant.yaml` if
/// any), classified as `facts`.
pub fn template_context<'a>(
    profile: &'a Profile,
    loaded: &'a Variant,
    facts: &'a Facts,
    scans: &[crate::attachments::Scan],
) -> Result<TemplateContext<'a>, ContextError> {
    let province = &loaded.province;
    let rules = &loaded.data;
    let address = &profile.company.registered_address;
    let people = &profile.company.staff.key_people;
    let by_name = |name: &str| people.iter().find(|p| p.name == name);
    let by_role = |needle: &str| people.iter().find(|p| p.role.contains(needle));
    let derived = Derived {
        service_kinds: facts.forms.names.clone(),
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
        foreign_shareholding: profile.has_foreign_shareholding(),
        in_ftz: rules
            .ftz_notify_commit
            .as_ref()
            .is_some_and(|r| address_matches(address, &r.markers)),
        in_foreign_pilot_area: rules
            .foreign_investment_pilot
            .as_ref()
            .is_some_and(|r| address_matches(address, &r.markers)),
        hosting_in_province: hosting_in_province(profile, loaded),
        complaint_email: profile
            .plan
            .service_quality
            .complaint_email
            .as_deref()
            .unwrap_or(&profile.company.email),
    };
    let variant = VariantContext {
        slug: province.slug,
        province: province.name,
        short_name: province.short_name,
        code: province.code,
        authority: province.authority(),
        licence_prefix: province.licence_prefix,
        icp_prefixes: province.icp_prefixes,
        has_data: loaded.has_data,
        has_templates: loaded.has_templates,
        ftz_notify_commit: rules.ftz_notify_commit.as_ref(),
        requires_inprovince_hosting: rules.inprovince_hosting.is_some(),
        min_insured_staff: rules.min_insured_staff.as_ref().map(|r| r.count),
        foreign_investment_pilot: rules.foreign_investment_pilot.as_ref(),
        notes: &rules.notes,
    };

    let licence = licence_context(profile.application.licence, &facts.edi);
    let form = crate::form::form(profile, facts, loaded);
    let mut materials = materials::checklist(profile, facts, loaded);
    materials::apply_scans(&mut materials, scans);
    let sheet = crate::sheet::sheet(&crate::sheet::Inputs {
        profile,
        facts,
        variant: loaded,
        form: &form,
        licence: &licence,
        materials: &materials,
    })
    .map_err(|e| ContextError(e.to_string()))?;
    let contacts = crate::variant::contacts::contact_lines(province.slug)
        .map_err(|e| ContextError(e.to_string()))?;
    Ok(TemplateContext {
        profile,
        variant,
        licence,
        derived,
        facts,
        materials,
        overview: overview::overview(profile),
        form,
        sheet,
        contacts,
        date_style: match profile.application.date_style {
            DateStyle::Arabic => "arabic",
            DateStyle::Chinese => "chinese",
        },
    })
}
