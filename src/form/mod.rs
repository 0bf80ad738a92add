//! The online form (电信业务市场综合管理信息系统) as the profile answers it: the values the
//! form asks for that the documents do not state directly, each read from the profile and
//! derived where a sound default exists (人员规模 from the headcount, 盈利模式 from the revenue
//! items, 公司性质 from the company's kind), and the triggers of the commitments that only
//! some applicants sign. Templates see it as `form.*`; `check` reads the same values, so the
//! fill-in sheet and the findings cannot disagree.

mod people;
mod triggers;
pub mod vocabulary;

use serde::Serialize;

use crate::catalogue::Facts;
use crate::profile::model::is_chinese_nationality;
use crate::profile::model::{Listing, Penalty, Profile, ServiceKind, ShareholderKind};
use crate::variant::{Province, Variant, PROVINCES};

pub use people::{responsible_persons, Person, Role};
pub use triggers::{recent_penalties, special_business, SpecialTrigger};
pub use vocabulary::SpecialGroup;

/// The national title of the 证明事项告知承诺 letter; some provinces call it 申请承诺书.
pub const NOTIFY_COMMITMENT_TITLE: &str = "电信业务经营许可部分证明事项告知承诺书";

/// Everything `form.*` holds.
#[derive(Debug, Clone, Serialize)]
pub struct Form<'a> {
    /// 许可负责人, 客服负责人, 安全负责人, in the form's order.
    pub people: Vec<Person<'a>>,
    /// The three are three different people.
    pub distinct_people: bool,
    /// 公司性质.
    pub nature: Chosen,
    /// 是否上市（含新三板）.
    pub listed: Chosen,
    /// 主营业务所属行业, when the profile or its business scope says it.
    pub industry: Option<Chosen>,
    /// 公司现有人员规模.
    pub staff_scale: &'static str,
    /// 公司经营规模, when `company.annual_revenue_yuan` is given.
    pub revenue_scale: Option<&'static str>,
    /// 邮寄地址及邮编.
    pub mailing: MailingValue,
    /// 盈利模式, when the profile or its revenue items say it.
    pub profit_model: Option<Chosen>,
    /// The Apps with the form's fields.
    pub apps: Vec<AppValue>,
    /// 股东人数 and the four contribution totals of the 申请表.
    pub investors: Investors,
    /// What calls for the 《依法经营特定电信业务承诺书》.
    pub special: Vec<SpecialTrigger>,
    /// Which commitment groups apply (keys of [`SpecialGroup`]).
    pub special_groups: SpecialGroups,
    /// Penalties by a telecom authority within three years of the application.
    pub penalties: Vec<&'a Penalty>,
    /// The social-insurance proof follows later (容缺受理).
    pub insurance_pending: bool,
    /// What the province asks the letters to say: titles, verbatim sentences.
    pub wording: Wording,
    /// Where the company is registered, as the profile shows it.
    pub registration: Option<Registration>,
}

/// A choice of the form: the option and whether the profile states it (else it is derived).
#[derive(Debug, Clone, Serialize)]
pub struct Chosen {
    pub value: String,
    pub stated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MailingValue {
    pub address: String,
    pub postcode: Option<String>,
    pub recipient: String,
    /// Given as `company.mailing`, not taken from the office.
    pub stated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppValue {
    pub name: String,
    pub domain: Option<String>,
    pub filing: Option<String>,
    pub stores: Vec<String>,
    /// 服务器放置地.
    pub server_location: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Investors {
    pub count: usize,
    /// 境内自然人出资额, yuan.
    pub domestic_persons: u64,
    /// 境内法人出资额, yuan.
    pub domestic_companies: u64,
    /// 境外自然人出资额, yuan.
    pub foreign_persons: u64,
    /// 境外法人出资额, yuan.
    pub foreign_companies: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SpecialGroups {
    pub finance: bool,
    pub ride_hailing: bool,
    pub offline_industry: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Wording {
    /// 电信业务经营许可部分证明事项告知承诺书, or 申请承诺书 where the province calls it so.
    pub notify_commitment_title: String,
    /// The sentence the province asks the signed 股权结构图 to carry verbatim.
    pub ownership_sentence: Option<String>,
}

impl Form<'_> {
    /// Whether a document written `when` is written for this profile.
    pub fn applies(&self, when: crate::context::documents::When) -> bool {
        use crate::context::documents::When;
        match when {
            When::Always => true,
            When::SpecialBusiness => !self.special.is_empty(),
            When::RecentPenalty => !self.penalties.is_empty(),
            When::InsurancePending => self.insurance_pending,
        }
    }
}

/// How the registration province was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisteredBy {
    /// The registered address starts with the province.
    Address,
    /// The address names no province: positions 3–4 of the credit code.
    CreditCode,
}

#[derive(Debug, Clone, Serialize)]
pub struct Registration {
    pub slug: &'static str,
    pub name: &'static str,
    pub by: RegisteredBy,
}

/// The province a registered address starts with (after an optional 中国 and bracket, as in
/// 中国（浙江）自由贸易试验区), by full or short name.
pub fn address_province(address: &str) -> Option<&'static Province> {
    let rest = address.trim_start();
    let rest = rest.strip_prefix("中国").unwrap_or(rest);
    let rest = rest.trim_start_matches(['（', '(', ' ']);
    PROVINCES
        .iter()
        .find(|p| rest.starts_with(p.name) || rest.starts_with(p.short_name))
}

/// Where the company is registered: by its address, else by its credit code.
pub fn registration(profile: &Profile) -> Option<Registration> {
    let company = &profile.company;
    if let Some(p) = address_province(&company.registered_address) {
        return Some(Registration {
            slug: p.slug,
            name: p.name,
            by: RegisteredBy::Address,
        });
    }
    let code = company.credit_code.get(2..4)?;
    PROVINCES
        .iter()
        .find(|p| p.code == code)
        .map(|p| Registration {
            slug: p.slug,
            name: p.name,
            by: RegisteredBy::CreditCode,
        })
}

/// 公司现有人员规模, in the form's buckets.
pub fn staff_scale(total: u32) -> &'static str {
    match total {
        0..=9 => "10人以下",
        10..=299 => "10至300人",
        300..=1999 => "300至2000人",
        _ => "2000人及以上",
    }
}

/// 公司经营规模 from last year's revenue, in the form's buckets.
pub fn revenue_scale(yuan: u64) -> &'static str {
    match yuan {
        0 => "无营收",
        1..=9_999_999 => "百万级",
        10_000_000..=99_999_999 => "千万级",
        _ => "过亿",
    }
}

/// 是否上市（含新三板） as the form prints the answer.
pub fn listing_label(listing: Listing) -> &'static str {
    match listing {
        Listing::No => "否",
        Listing::Domestic => "是（境内上市）",
        Listing::Neeq => "是（新三板挂牌）",
        Listing::Overseas => "是（境外上市）",
    }
}

fn nature(profile: &Profile, vocabulary: &vocabulary::Vocabulary) -> Chosen {
    if let Some(nature) = &profile.company.nature {
        return Chosen {
            value: nature.trim().to_string(),
            stated: true,
        };
    }
    let kind = &profile.company.kind;
    let value = vocabulary
        .natures
        .iter()
        .find(|n| n.words.iter().any(|w| kind.contains(w.as_str())))
        .map(|n| n.nature.clone())
        .unwrap_or_else(|| kind.trim().to_string());
    Chosen {
        value,
        stated: false,
    }
}

/// 主营业务所属行业: `company.industry` (a letter or a name), else the first item of the
/// business scope that holds a section's word.
pub fn industry(profile: &Profile) -> Option<Chosen> {
    let vocabulary = vocabulary::vocabulary().ok()?;
    let label = |i: &vocabulary::Industry| format!("{} {}", i.code, i.name);
    if let Some(given) = &profile.company.industry {
        let given = given.trim();
        let found = vocabulary
            .industries
            .iter()
            .find(|i| i.code.eq_ignore_ascii_case(given) || i.name == given);
        return Some(Chosen {
            value: found.map(label).unwrap_or_else(|| given.to_string()),
            stated: true,
        });
    }
    profile
        .company
        .business_scope
        .split(['；', ';', '，', ',', '、', '。'])
        .find_map(|item| {
            vocabulary
                .industries
                .iter()
                .find(|i| i.words.iter().any(|w| item.contains(w.as_str())))
        })
        .map(|i| Chosen {
            value: label(i),
            stated: false,
        })
}

fn mailing(profile: &Profile, recipient: &str) -> MailingValue {
    let company = &profile.company;
    match &company.mailing {
        Some(m) => MailingValue {
            address: m.address.trim().to_string(),
            postcode: m.postcode.clone(),
            recipient: m.recipient.clone().unwrap_or_else(|| recipient.to_string()),
            stated: true,
        },
        None => MailingValue {
            address: company.office.address.trim().to_string(),
            // The postcode given is the registered address's: it fits the office only
            // where the two are one place.
            postcode: company.postcode.clone().filter(|_| {
                squeeze(&company.office.address) == squeeze(&company.registered_address)
            }),
            recipient: recipient.to_string(),
            stated: false,
        },
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn investors(profile: &Profile) -> Investors {
    let mut out = Investors {
        count: profile.company.shareholders.len(),
        ..Investors::default()
    };
    for s in &profile.company.shareholders {
        let domestic = is_chinese_nationality(&s.nationality);
        let slot = match (s.kind, domestic) {
            (ShareholderKind::Person, true) => &mut out.domestic_persons,
            (ShareholderKind::Company, true) => &mut out.domestic_companies,
            (ShareholderKind::Person, false) => &mut out.foreign_persons,
            (ShareholderKind::Company, false) => &mut out.foreign_companies,
        };
        *slot = slot.saturating_add(s.contribution);
    }
    out
}

fn apps(profile: &Profile, facts: &Facts) -> Vec<AppValue> {
    let hosted = facts
        .sites
        .list
        .iter()
        .map(|s| s.location.trim().to_string())
        .fold(Vec::<String>::new(), |mut all, place| {
            if !all.contains(&place) {
                all.push(place);
            }
            all
        })
        .join("、");
    let forms = profile.service.forms.iter();
    facts
        .forms
        .list
        .iter()
        .filter(|f| f.kind == ServiceKind::App)
        .map(|f| {
            let stated = forms
                .clone()
                .filter(|p| p.kind == ServiceKind::App)
                .find(|p| p.name.as_deref().unwrap_or(&profile.service.name) == f.name)
                .and_then(|p| p.server_location.clone());
            AppValue {
                name: f.name.clone(),
                domain: f.domain.clone(),
                filing: f.filing.clone(),
                stores: f.stores.clone(),
                server_location: stated.unwrap_or_else(|| hosted.clone()),
            }
        })
        .collect()
}

/// The form's values for `profile`, licensed under `variant`, classified as `facts`.
pub fn form<'a>(profile: &'a Profile, facts: &Facts, variant: &Variant) -> Form<'a> {
    // The file is part of the binary and a unit test parses it; should it ever fail, the
    // derived choices are left out rather than invented.
    let empty = vocabulary::Vocabulary {
        natures: Vec::new(),
        industries: Vec::new(),
        special_business: Vec::new(),
    };
    let vocabulary = vocabulary::vocabulary().unwrap_or(&empty);
    let people = responsible_persons(profile);
    let distinct_people = {
        let mut names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len() == people.len()
    };
    let recipient = people
        .first()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| profile.company.contact.name.clone());
    let special = special_business(profile, vocabulary);
    let has = |group: SpecialGroup| special.iter().any(|t| t.group == group);
    let special_groups = SpecialGroups {
        finance: has(SpecialGroup::Finance),
        ride_hailing: has(SpecialGroup::RideHailing),
        offline_industry: has(SpecialGroup::OfflineIndustry),
    };
    Form {
        distinct_people,
        nature: nature(profile, vocabulary),
        listed: Chosen {
            value: listing_label(profile.company.listed.unwrap_or(Listing::No)).to_string(),
            stated: profile.company.listed.is_some(),
        },
        industry: industry(profile),
        staff_scale: staff_scale(profile.company.staff.total),
        revenue_scale: profile.company.annual_revenue_yuan.map(revenue_scale),
        mailing: mailing(profile, &recipient),
        profit_model: match (profile.service.profit_model, facts.revenue.model) {
            (Some(model), _) => Some(Chosen {
                value: model.label().to_string(),
                stated: true,
            }),
            (None, Some(model)) => Some(Chosen {
                value: model.to_string(),
                stated: false,
            }),
            (None, None) => None,
        },
        apps: apps(profile, facts),
        investors: investors(profile),
        special_groups,
        special,
        penalties: recent_penalties(profile),
        insurance_pending: profile.company.staff.insurance_pending,
        wording: Wording {
            notify_commitment_title: variant
                .data
                .notify_commitment
                .as_ref()
                .map(|r| r.title.trim().to_string())
                .unwrap_or_else(|| NOTIFY_COMMITMENT_TITLE.to_string()),
            ownership_sentence: variant
                .data
                .ownership_chart
                .as_ref()
                .map(|r| r.sentence.trim().to_string()),
        },
        registration: registration(profile),
        people,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::profile::example;

    fn form_of(profile: &Profile, slug: &str) -> Form<'static> {
        let profile: &'static Profile = Box::leak(Box::new(profile.clone()));
        let catalogue = crate::catalogue::Catalogue::builtin().unwrap_or_else(|e| panic!("{e}"));
        let facts = catalogue.facts(profile);
        let variant = crate::variant::find_province(slug)
            .map_err(|e| e.to_string())
            .and_then(|p| crate::variant::load_variant(p).map_err(|e| e.to_string()))
            .unwrap_or_else(|e| panic!("{e}"));
        form(profile, &facts, &variant)
    }

    #[test]
    fn the_example_answers_the_form() {
        let f = form_of(&example(), "zhejiang");
        let names: Vec<&str> = f.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["林晓", "赵一帆", "林晓"]);
        assert!(!f.distinct_people);
        assert_eq!(
            (f.nature.value.as_str(), f.nature.stated),
            ("有限责任公司", false)
        );
        assert_eq!((f.listed.value.as_str(), f.listed.stated), ("否", false));
        assert_eq!(
            f.industry.map(|i| i.value),
            Some("I 信息传输、软件和信息技术服务业".to_string())
        );
        assert_eq!(f.staff_scale, "10至300人");
        assert_eq!(f.revenue_scale, None);
        assert_eq!(f.profit_model.map(|m| m.value), Some("混合".to_string()));
        assert_eq!(f.mailing.postcode.as_deref(), Some("310012"));
        assert!(f.mailing.address.starts_with("浙江省杭州市西湖区文三路"));
        assert_eq!(f.investors.count, 2);
        assert_eq!(f.investors.domestic_persons, 600_000);
        assert_eq!(f.investors.domestic_companies, 400_000);
        assert!(f.special.is_empty() && f.penalties.is_empty());
        assert_eq!(f.wording.notify_commitment_title, "申请承诺书");
        assert_eq!(
            f.wording.ownership_sentence.as_deref(),
            Some("本公司向上追溯到任何一级股东都不含外资成分")
        );
        let r = f.registration.map(|r| (r.slug, r.by));
        assert_eq!(r, Some(("zhejiang", RegisteredBy::Address)));
    }

    #[test]
    fn stated_values_win_over_derived_ones() {
        let mut p = example();
        p.company.listed = Some(Listing::Neeq);
        p.company.industry = Some("P".into());
        p.company.annual_revenue_yuan = Some(12_000_000);
        p.service.profit_model = Some(crate::profile::model::ProfitModel::Front);
        p.company.office.address = "浙江省杭州市滨江区某路1号".into();
        let f = form_of(&p, "jiangsu");
        assert_eq!(f.listed.value, "是（新三板挂牌）");
        assert_eq!(f.industry.map(|i| i.value), Some("P 教育".to_string()));
        assert_eq!(f.revenue_scale, Some("千万级"));
        assert_eq!(
            f.profit_model.map(|m| (m.value, m.stated)),
            Some(("前向用户收费".to_string(), true))
        );
        // The registered address's postcode does not follow the mail elsewhere.
        assert_eq!(f.mailing.postcode, None);
        assert_eq!(f.wording.notify_commitment_title, NOTIFY_COMMITMENT_TITLE);
        assert_eq!(f.wording.ownership_sentence, None);
    }

    #[test]
    fn buckets_have_their_edges_where_the_form_puts_them() {
        assert_eq!(staff_scale(9), "10人以下");
        assert_eq!(staff_scale(10), "10至300人");
        assert_eq!(staff_scale(300), "300至2000人");
        assert_eq!(staff_scale(2000), "2000人及以上");
        assert_eq!(revenue_scale(0), "无营收");
        assert_eq!(revenue_scale(9_999_999), "百万级");
        assert_eq!(revenue_scale(10_000_000), "千万级");
        assert_eq!(revenue_scale(100_000_000), "过亿");
    }

    #[test]
    fn registration_is_read_from_the_address_then_the_code() {
        let mut p = example();
        p.company.registered_address = "中国（广东）自由贸易试验区广州南沙片区港前大道88号".into();
        assert_eq!(registration(&p).map(|r| r.slug), Some("guangdong"));
        p.company.registered_address = "杭州市西湖区文三路478号".into();
        let r = registration(&p).map(|r| (r.slug, r.by));
        assert_eq!(r, Some(("zhejiang", RegisteredBy::CreditCode)));
        // A road named after a province is not a province.
        p.company.registered_address = "广州市越秀区北京路1号".into();
        p.company.credit_code = "91440300708461136T".into();
        assert_eq!(registration(&p).map(|r| r.slug), Some("guangdong"));
    }
}
