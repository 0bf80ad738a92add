//! Rules on the profile's own facts: identifiers, capital and shareholders, the company,
//! staff, plan and security people, generic text, placeholders and the province's rules.

use super::Checker;
use crate::profile::ids::{self, CreditCodeError, IdNumberError};
use crate::profile::model::{is_chinese_nationality, Profile, ShareholderKind, Tenure};

pub(super) use super::{MIN_INSURED_STAFF, MIN_REGISTERED_CAPITAL};

const EXAMPLE_PROFILE: &str = include_str!("../../profiles/example.yaml");

pub(super) fn check(c: &mut Checker<'_>) {
    check_version(c);
    check_identifiers(c);
    check_capital_and_shareholders(c);
    check_company(c);
    check_staff(c);
    check_plan(c);
    check_security(c);
    check_generic_text(c);
    check_placeholders(c);
    check_variant_rules(c);
}

fn check_version(c: &mut Checker<'_>) {
    if c.profile.version != 1 {
        c.error(
            "version",
            "version",
            format!(
                "profile format version {} is not supported",
                c.profile.version
            ),
            "this tool reads format version 1: write `version: 1`",
        );
    }
}

fn check_credit_code(c: &mut Checker<'_>, path: &str, code: &str, is_applicant: bool) {
    match ids::check_credit_code(code) {
        Err(CreditCodeError::Format) => c.error(
            "credit-code-format",
            path,
            format!("`{code}` is not a 统一社会信用代码: 18 characters of 0-9 and A-Y without I, O, S, V, Z expected"),
            "copy the code from the business licence (营业执照)",
        ),
        Err(CreditCodeError::CheckCharacter { expected }) => c.error(
            "credit-code-check",
            path,
            format!("the check character of `{code}` is wrong: by GB 32100-2015 it should be `{expected}`"),
            "a digit was probably mistyped; compare with the business licence",
        ),
        Ok(()) if is_applicant => {
            if !code.starts_with("91") {
                c.error(
                    "credit-code-company",
                    path,
                    format!("`{code}` does not start with 91, so it is not a company's code"),
                    "only a company (企业, code 91…) can hold a telecom licence; individuals and 个体户 cannot apply",
                );
            } else if code.get(2..4) != Some(c.province.code)
                // Registered here by its address, the company moved; otherwise
                // `registration-province` speaks.
                && crate::form::address_province(&c.profile.company.registered_address)
                    .is_some_and(|p| p.slug == c.province.slug)
            {
                c.warning(
                    "credit-code-region",
                    path,
                    format!(
                        "the code was issued outside {} (region {}, expected {})",
                        c.province.name,
                        code.get(2..4).unwrap_or("?"),
                        c.province.code
                    ),
                    "a provincial licence is issued where the company is registered; ignore this if the company moved after registration",
                );
            }
        }
        Ok(()) => {}
    }
}

fn check_id_number(c: &mut Checker<'_>, path: &str, id: &str) {
    let today = c.profile.application.date;
    match ids::check_id_number(id, today) {
        Ok(()) => {}
        Err(IdNumberError::Format) => c.error(
            "id-number-format",
            path,
            format!("`{id}` is not an 18-digit 居民身份证号码"),
            "write the 18 characters of the ID card, the last may be X; quote it in YAML",
        ),
        Err(IdNumberError::BirthDate) => c.error(
            "id-number-birth-date",
            path,
            format!("`{id}` contains no valid birth date (characters 7–14)"),
            "compare with the ID card",
        ),
        Err(IdNumberError::CheckDigit { expected }) => c.error(
            "id-number-check",
            path,
            format!(
                "the check digit of `{id}` is wrong: by GB 11643-1999 it should be `{expected}`"
            ),
            "a digit was probably mistyped; compare with the ID card",
        ),
    }
}

fn check_mobile(c: &mut Checker<'_>, path: &str, mobile: &str) {
    if !ids::check_mobile(mobile) {
        c.error(
            "mobile",
            path,
            format!("`{mobile}` is not a mainland mobile number"),
            "11 digits starting with 13–19, without spaces or +86; quote it in YAML",
        );
    }
}

fn check_email(c: &mut Checker<'_>, path: &str, email: &str) {
    if !ids::check_email(email) {
        c.error(
            "email",
            path,
            format!("`{email}` is not an e-mail address"),
            "write it as name@example.cn",
        );
    }
}

fn check_identifiers(c: &mut Checker<'_>) {
    let p = c.profile;
    check_credit_code(c, "company.credit_code", &p.company.credit_code, true);
    check_id_number(
        c,
        "company.legal_representative.id_number",
        &p.company.legal_representative.id_number,
    );
    check_mobile(
        c,
        "company.legal_representative.mobile",
        &p.company.legal_representative.mobile,
    );
    check_mobile(c, "company.contact.mobile", &p.company.contact.mobile);
    check_email(c, "company.email", &p.company.email);
    if let Some(email) = &p.company.contact.email {
        check_email(c, "company.contact.email", email);
    }
    for (i, person) in p.company.staff.key_people.iter().enumerate() {
        if let Some(mobile) = &person.mobile {
            check_mobile(c, &format!("company.staff.key_people[{i}].mobile"), mobile);
        }
        if let Some(email) = &person.email {
            check_email(c, &format!("company.staff.key_people[{i}].email"), email);
        }
    }
    for (i, holder) in p.company.shareholders.iter().enumerate() {
        let base = format!("company.shareholders[{i}]");
        match holder.kind {
            ShareholderKind::Person => match &holder.id_number {
                Some(id) if is_chinese_nationality(&holder.nationality) => {
                    check_id_number(c, &format!("{base}.id_number"), id)
                }
                Some(_) => {}
                None => c.warning(
                    "shareholder-id",
                    &base,
                    format!("shareholder {} has no `id_number`", holder.name),
                    "the shareholding proof needs each natural person's ID number",
                ),
            },
            ShareholderKind::Company => match &holder.credit_code {
                Some(code) => check_credit_code(c, &format!("{base}.credit_code"), code, false),
                None => c.error(
                    "shareholder-credit-code",
                    &base,
                    format!("company shareholder {} has no `credit_code`", holder.name),
                    "add the shareholder's 统一社会信用代码",
                ),
            },
        }
    }
}

fn check_capital_and_shareholders(c: &mut Checker<'_>) {
    let p = c.profile;
    if p.company.registered_capital < MIN_REGISTERED_CAPITAL {
        c.error(
            "capital-minimum",
            "company.registered_capital",
            format!(
                "registered capital {}万元 is below the 100万元 a one-province licence requires (令42 第六条)",
                crate::zh::numerals::wan(p.company.registered_capital)
            ),
            "increase the registered capital (subscribed capital counts) before applying",
        );
    }
    if let Some(paid) = p.company.paid_in_capital {
        if paid > p.company.registered_capital {
            c.error(
                "capital-paid-in",
                "company.paid_in_capital",
                "paid-in capital exceeds the registered capital",
                "paid-in (实缴) capital is at most the registered (注册) capital",
            );
        }
    }
    if p.company.shareholders.is_empty() {
        c.error(
            "shareholders-empty",
            "company.shareholders",
            "no shareholders are listed",
            "list every shareholder as on the business registration",
        );
        return;
    }
    let share_sum: f64 = p.company.shareholders.iter().map(|s| s.share).sum();
    if (share_sum - 100.0).abs() > 0.01 {
        c.error(
            "shares-sum",
            "company.shareholders",
            format!("the shares add up to {share_sum}%, not 100%"),
            "correct the `share` of each shareholder so that they total 100",
        );
    }
    let contribution_sum: u64 = p.company.shareholders.iter().map(|s| s.contribution).sum();
    if contribution_sum != p.company.registered_capital {
        c.error(
            "contributions-sum",
            "company.shareholders",
            format!(
                "the contributions add up to {} yuan, but the registered capital is {} yuan",
                contribution_sum, p.company.registered_capital
            ),
            "the shareholders' 出资额 must total the 注册资本; reviewers compare them across documents",
        );
    }
    for (i, holder) in p.company.shareholders.iter().enumerate() {
        let base = format!("company.shareholders[{i}]");
        if !is_chinese_nationality(&holder.nationality) {
            c.error(
                "foreign-shareholder",
                format!("{base}.nationality"),
                format!("shareholder {} is not Chinese: the company is foreign-invested", holder.name),
                "a foreign-invested company applies to MIIT (工业和信息化部), not to the provincial authority, under the 外商投资电信企业管理规定; this tool prepares provincial applications only",
            );
        }
        if holder.kind == ShareholderKind::Company {
            if holder.ultimate_owners.is_empty() {
                c.error(
                    "ultimate-owners",
                    &base,
                    format!("company shareholder {} is not traced to natural persons", holder.name),
                    "add `ultimate_owners:` with the natural persons behind it (name, nationality, share)",
                );
            }
            for (j, owner) in holder.ultimate_owners.iter().enumerate() {
                if names_an_organisation(&owner.name) {
                    c.warning(
                        "ultimate-owner-person",
                        format!("{base}.ultimate_owners[{j}].name"),
                        format!("{} is an organisation, not a natural person", owner.name),
                        "trace it further: list the natural persons (or the state-owned or listed company) behind it, as the 股权结构 materials require",
                    );
                }
            }
            for (j, owner) in holder.ultimate_owners.iter().enumerate() {
                if !is_chinese_nationality(&owner.nationality) {
                    c.error(
                        "foreign-owner",
                        format!("{base}.ultimate_owners[{j}].nationality"),
                        format!("ultimate owner {} is not Chinese: the company is foreign-invested", owner.name),
                        "a company with any foreign ultimate owner applies to MIIT (工业和信息化部), not to the provincial authority",
                    );
                }
            }
            let owners_sum: f64 = holder.ultimate_owners.iter().map(|o| o.share).sum();
            if !holder.ultimate_owners.is_empty() && (owners_sum - 100.0).abs() > 0.01 {
                c.warning(
                    "ultimate-owners-sum",
                    format!("{base}.ultimate_owners"),
                    format!(
                        "the ultimate owners of {} hold {owners_sum}% of it, not 100%",
                        holder.name
                    ),
                    "list every natural person behind the shareholder",
                );
            }
        }
    }
}

fn check_company(c: &mut Checker<'_>) {
    let p = c.profile;
    let date = p.application.date;
    if !p.company.business_scope.contains("增值电信") {
        c.error(
            "business-scope",
            "company.business_scope",
            "the business scope does not mention 增值电信业务",
            "amend the registered business scope to include 第二类增值电信业务 before applying",
        );
    }
    if p.company.established > date {
        c.error(
            "established",
            "company.established",
            "the company is established after the application date",
            "check both dates",
        );
    }
    let office = &p.company.office;
    if office.address.trim().chars().count() < 8 {
        c.error(
            "office-address",
            "company.office.address",
            "the office address is missing or incomplete",
            "give the full address (province, city, district, street, number, room): the authority may inspect it",
        );
    }
    match (office.tenure, office.lease_until) {
        (Tenure::Leased, None) => c.warning(
            "lease-end",
            "company.office",
            "a leased office without `lease_until`",
            "add the lease's end date; the lease is part of the office proof",
        ),
        (Tenure::Leased, Some(end)) if end < date => c.error(
            "lease-expired",
            "company.office.lease_until",
            format!("the office lease ends on {end}, before the application date {date}"),
            "renew the lease and update `lease_until`",
        ),
        _ => {}
    }
}

fn check_staff(c: &mut Checker<'_>) {
    let p = c.profile;
    let staff = &p.company.staff;
    if staff.technical > staff.total || staff.with_social_security > staff.total {
        c.error(
            "staff-counts",
            "company.staff",
            "technical or insured staff exceed the total headcount",
            "`total` counts every employee, `technical` and `with_social_security` are parts of it",
        );
    }
    if staff.with_social_security < MIN_INSURED_STAFF {
        c.error(
            "staff-insured",
            "company.staff.with_social_security",
            format!("{} employees with social insurance; reviewers expect at least {MIN_INSURED_STAFF}", staff.with_social_security),
            "the contact, the security officer and the customer-service lead should be insured by the company (社保)",
        );
    }
    if staff.technical == 0 {
        c.error(
            "staff-technical",
            "company.staff.technical",
            "no technical staff",
            "reviewers expect technical staff who run the service",
        );
    }
    for (role, needle, hint) in [
        (
            "技术负责人",
            "技术",
            "add the person responsible for systems and development",
        ),
        (
            "信息安全负责人",
            "安全",
            "add the person responsible for information security",
        ),
        (
            "客服负责人",
            "客服",
            "add the person responsible for customer service and complaints",
        ),
    ] {
        // 客户服务 is how many companies spell 客服.
        let matches =
            |role: &str| role.contains(needle) || (needle == "客服" && role.contains("客户服务"));
        if !staff.key_people.iter().any(|k| matches(&k.role)) {
            c.error(
                "key-role",
                "company.staff.key_people",
                format!("no key person has the role {role}"),
                hint,
            );
        }
    }
}

fn check_plan(c: &mut Checker<'_>) {
    let p = c.profile;
    let years = &p.plan.years;
    if years.len() < 3 {
        c.warning(
            "plan-years",
            "plan.years",
            format!(
                "the plan covers {} year(s); reviewers expect three",
                years.len()
            ),
            "add a row per year for three years",
        );
    }
    if let Some(first) = years.first() {
        if first.year < p.application.date.year {
            c.error(
                "plan-start",
                "plan.years[0].year",
                format!(
                    "the plan starts in {}, before the application year {}",
                    first.year, p.application.date.year
                ),
                "start the plan in the application year or the year after",
            );
        }
    }
    for (i, pair) in years.windows(2).enumerate() {
        if pair[1].year != pair[0].year + 1 {
            c.error(
                "plan-consecutive",
                format!("plan.years[{}].year", i + 1),
                format!("{} does not follow {}", pair[1].year, pair[0].year),
                "the plan's years must be consecutive",
            );
        }
    }
}

fn check_security(c: &mut Checker<'_>) {
    let p = c.profile;
    let people = &p.company.staff.key_people;
    for (field, role) in [
        ("officer", "information security officer"),
        ("liaison", "security liaison"),
    ] {
        let name = if field == "officer" {
            &p.security.officer
        } else {
            &p.security.liaison
        };
        if !people.iter().any(|k| &k.name == name) {
            c.error(
                "security-person",
                format!("security.{field}"),
                format!("the {role} {name} is not one of company.staff.key_people"),
                "add them to key_people with role, mobile and e-mail, or name an existing key person",
            );
        }
    }
    // Where users publish or talk, `check_content` makes this an error; elsewhere it is
    // advice, since reviewers ask how users are identified.
    let publishes = c.facts.content.user_content || c.facts.content.interactive;
    if !p.security.real_name && !publishes {
        c.note(
            "real-name",
            "security.real_name",
            "users are not verified by real name",
            "no feature lets users publish or talk to each other, so the law does not require it; say how accounts are identified if reviewers ask",
        );
    }
}

/// Whether a name is a company's or a partnership's rather than a person's.
pub(crate) fn names_an_organisation(name: &str) -> bool {
    const MARKS: [&str; 8] = [
        "公司",
        "企业",
        "合伙",
        "集团",
        "中心",
        "基金",
        "事务所",
        "研究院",
    ];
    MARKS.iter().any(|m| name.contains(m))
}

/// Narrative fields that must describe the real business.
fn narrative_fields(p: &Profile) -> Vec<(&'static str, &str, usize)> {
    vec![
        ("service.summary", p.service.summary.as_str(), 30),
        ("service.users", p.service.users.as_str(), 6),
        ("plan.market", p.plan.market.as_str(), 40),
        ("plan.funding", p.plan.funding.as_str(), 4),
        (
            "security.content_review",
            p.security.content_review.as_str(),
            6,
        ),
        (
            "infrastructure.backup.strategy",
            p.infrastructure.backup.strategy.as_str(),
            10,
        ),
    ]
}

fn check_generic_text(c: &mut Checker<'_>) {
    // Parsed once per process: batches check many profiles.
    static EXAMPLE: std::sync::OnceLock<Option<Profile>> = std::sync::OnceLock::new();
    let example = EXAMPLE.get_or_init(|| serde_yaml::from_str(EXAMPLE_PROFILE).ok());
    let is_example = example
        .as_ref()
        .is_some_and(|e| e.company.name == c.profile.company.name);
    let example_fields = example.as_ref().map(narrative_fields).unwrap_or_default();
    for (path, text, min_chars) in narrative_fields(c.profile) {
        let length = text.trim().chars().count();
        if length == 0 {
            c.warning(
                "text-empty",
                path,
                "this text is empty",
                "reviewers reject generic plans; describe your real business",
            );
        } else if length < min_chars {
            c.warning(
                "text-short",
                path,
                format!("this text has {length} characters: too short to be specific"),
                "reviewers reject generic plans; describe your real business",
            );
        } else if !is_example
            && example_fields
                .iter()
                .any(|(p, t, _)| *p == path && normalise(t) == normalise(text))
        {
            c.warning(
                "text-copied",
                path,
                "this text is the example profile's",
                "reviewers reject generic plans; describe your real business",
            );
        }
    }
}

fn normalise(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The placeholder `icp-docs init` writes for every fact the user must supply.
pub const PLACEHOLDER: &str = "待填写";

/// Every value still holding the starter's placeholder is an error at its own line.
fn check_placeholders(c: &mut Checker<'_>) {
    fn walk(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) if text.contains(PLACEHOLDER) => {
                out.push(path.to_string())
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(item, &child, out);
                }
            }
            _ => {}
        }
    }
    let Ok(value) = serde_json::to_value(c.profile) else {
        return;
    };
    let mut paths = Vec::new();
    walk(&value, "", &mut paths);
    for path in paths {
        c.error(
            "placeholder",
            path,
            format!("`{PLACEHOLDER}` is still here"),
            "replace the placeholder with your company's real information",
        );
    }
}

/// The province's own (mostly unconfirmed) expectations, with their basis as the hint.
fn check_variant_rules(c: &mut Checker<'_>) {
    let findings = super::province::advise(c.profile, c.variant);
    c.findings.extend(findings);
}
