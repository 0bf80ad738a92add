//! Rules of the online form and of the reviewers who return it (补正): where the company
//! applies, the three responsible persons and their social insurance, the wording of the
//! business scope, the form's own fields, and the commitments some applicants must add.
//! Every hint names its basis and whether the tool treats it as confirmed.

use super::Checker;
use crate::form::{self, Form, RegisteredBy, SpecialGroup};
use crate::profile::ids;
use crate::variant::Evidence;
use crate::zh::date::Date;

pub(super) fn check(c: &mut Checker<'_>) {
    let form = form::form(c.profile, c.facts, c.variant);
    check_registration(c, &form);
    check_people(c, &form);
    check_insurance(c, &form);
    check_scope_wording(c);
    check_form_fields(c, &form);
    check_triggers(c, &form);
    check_filing_link(c);
}

/// `basis: …; confirmed|unconfirmed` for a hint.
fn basis(text: &str, confirmed: bool) -> String {
    let status = if confirmed {
        "confirmed"
    } else {
        "unconfirmed"
    };
    format!("basis: {text} ({status})")
}

/// The basis of a variant rule, from its data.
fn rule_basis(confirmed: bool, evidence: Evidence, source: &str) -> String {
    basis(
        &format!("{}; source: {}", evidence.label(), source.trim()),
        confirmed,
    )
}

fn check_registration(c: &mut Checker<'_>, form: &Form<'_>) {
    let Some(registered) = &form.registration else {
        return;
    };
    if registered.slug == c.province.slug {
        return;
    }
    let (path, read) = match registered.by {
        RegisteredBy::Address => ("company.registered_address", "its registered address"),
        RegisteredBy::CreditCode => (
            "company.credit_code",
            "its credit code (the registered address names no province)",
        ),
    };
    let authority = format!("{}通信管理局", registered.name);
    c.error(
        "registration-province",
        path,
        format!(
            "the company is registered in {} (by {read}), but the licence is applied for in {}",
            registered.name, c.province.name
        ),
        format!(
            "a one-province licence is applied for at the authority where the company is registered: apply to {authority} (`--province {}`), or correct the registered address if the company moved; {}",
            registered.slug,
            basis("令42, 向所在地省、自治区、直辖市通信管理局提出申请 (official text seen in a secondary copy)", false)
        ),
    );
}

fn check_people(c: &mut Checker<'_>, form: &Form<'_>) {
    let form_basis = basis(
        "the online form's 公司及人员情况表 names exactly three people with 姓名、手机、邮箱 (provincial guide pages of Hebei, Hunan, Gansu, Guizhou, Yunnan, Guangxi)",
        true,
    );
    for person in &form.people {
        if person.name.is_empty() {
            // No key person for the role: `key-role` reports it.
            continue;
        }
        if !person.found {
            c.error(
                "responsible-person-unknown",
                &person.name_path,
                format!(
                    "the {} {} is neither a key person, the contact nor the legal representative",
                    person.label, person.name
                ),
                format!("add them to company.staff.key_people with mobile and e-mail, or name one who is; {form_basis}"),
            );
            continue;
        }
        let missing: Vec<&str> = [("mobile", person.mobile), ("email", person.email)]
            .into_iter()
            .filter_map(|(field, value)| value.is_none().then_some(field))
            .collect();
        if !missing.is_empty() {
            c.warning(
                "responsible-person-contact",
                &person.record_path,
                format!(
                    "the {} {} has no {}: the form asks for it",
                    person.label,
                    person.name,
                    missing.join(" and ")
                ),
                format!(
                    "add `{}` to their entry; {form_basis}",
                    missing.join("` and `")
                ),
            );
        }
    }
    let Some(rule) = &c.variant.data.responsible_persons else {
        return;
    };
    if rule.distinct && !form.distinct_people {
        let names: Vec<String> = form
            .people
            .iter()
            .map(|p| format!("{} {}", p.label, p.name))
            .collect();
        let message = format!(
            "{} asks for three different people as 许可负责人, 客服负责人 and 安全负责人; the profile gives {}",
            c.province.name,
            names.join(", ")
        );
        let hint = format!(
            "name three different people under `company.responsible_persons` (the legal representative may be one of them); {}",
            rule_basis(rule.confirmed, rule.evidence, &rule.source)
        );
        // At the name that repeats an earlier one, where the profile says it.
        let path = form
            .people
            .iter()
            .enumerate()
            .find(|(i, p)| form.people[..*i].iter().any(|q| q.name == p.name))
            .map(|(_, p)| p.name_path.clone())
            .unwrap_or_else(|| "company.responsible_persons".to_string());
        if rule.confirmed {
            c.error("responsible-persons-distinct", path, message, hint);
        } else {
            c.warning("responsible-persons-distinct", path, message, hint);
        }
    }
}

/// Full calendar months from `since` (a month counts only from its first day) to the start
/// of the month of `date`.
pub(crate) fn full_months(since: Date, date: Date) -> i64 {
    let index = |year: u16, month: u8| i64::from(year) * 12 + i64::from(month) - 1;
    let first = index(since.year, since.month) + i64::from(since.day != 1);
    index(date.year, date.month) - first
}

fn check_insurance(c: &mut Checker<'_>, form: &Form<'_>) {
    let date = c.profile.application.date;
    let pending = form.insurance_pending;
    let proof_basis = basis(
        "the proof is issued within one month, paid by the applicant itself and names the person (Guangxi guide page)",
        true,
    );
    let mut unstated: Vec<&str> = Vec::new();
    for person in form.people.iter().filter(|p| p.found) {
        let Some(since) = person.insured_since else {
            if !unstated.contains(&person.name.as_str()) {
                unstated.push(&person.name);
            }
            continue;
        };
        let path = format!("{}.insured_since", person.record_path);
        if since > date {
            c.error(
                "responsible-person-insured",
                &path,
                format!(
                    "the {} {} is insured by the company only from {since}, after the application date",
                    person.label, person.name
                ),
                format!("the social insurance of the three must be paid by the applicant when it applies; {proof_basis}"),
            );
            continue;
        }
        let Some(rule) = &c.variant.data.responsible_persons else {
            continue;
        };
        let Some(months) = rule.insured_months else {
            continue;
        };
        let full = full_months(since, date);
        if full < i64::from(months) {
            let message = format!(
                "the {} {} has {} full month(s) of social insurance paid by the company before the application month; {} asks for {months}",
                person.label,
                person.name,
                full.max(0),
                c.province.name
            );
            let hint = format!(
                "apply later, or set `company.staff.insurance_pending: true` and hand in the proof when it is due (容缺受理); {}",
                rule_basis(rule.confirmed, rule.evidence, &rule.source)
            );
            if pending {
                c.note("responsible-person-insured", &path, message, hint);
            } else {
                c.warning("responsible-person-insured", &path, message, hint);
            }
        }
    }
    if !unstated.is_empty() {
        c.note(
            "responsible-person-insured",
            "company.staff.key_people",
            format!(
                "it is not said since when the company pays the social insurance of {}",
                unstated.join("、")
            ),
            format!("add `insured_since:` to their entries so that the period can be checked; {proof_basis}"),
        );
    }
    if pending {
        c.note(
            "insurance-pending",
            "company.staff.insurance_pending",
            "the social-insurance proof follows later: a 容缺受理 commitment is generated",
            format!(
                "upload the signed commitment under 其他材料 and hand in the proof before the licence is issued; {}",
                basis("工信部政法函〔2020〕99号 item 三 (official text) and the Guangxi guide page", true)
            ),
        );
    }
}

/// Names of the business types the scope may state.
const SCOPE_TYPES: [&str; 5] = [
    "第二类增值电信业务",
    "信息服务业务",
    "互联网信息服务",
    "在线数据处理与交易处理",
    "经营电信业务",
];

fn check_scope_wording(c: &mut Checker<'_>) {
    let scope = &c.profile.company.business_scope;
    if !scope.contains("增值电信") || SCOPE_TYPES.iter().any(|t| scope.contains(t)) {
        // Without 增值电信 `business-scope` already refuses it.
        return;
    }
    let message = "the business scope mentions 增值电信 but neither 第二类增值电信业务 nor the business type (信息服务业务, 在线数据处理与交易处理业务)";
    let hint = "reviewers in some provinces return a scope without 经营电信业务 or the business types: have the scope registered as 第二类增值电信业务";
    match &c.variant.data.business_scope_types {
        Some(rule) => c.warning(
            "business-scope-wording",
            "company.business_scope",
            message,
            format!(
                "{hint}; {}",
                rule_basis(rule.confirmed, rule.evidence, &rule.source)
            ),
        ),
        None => c.note(
            "business-scope-wording",
            "company.business_scope",
            message,
            format!("{hint}; {}", basis("Guizhou and Yunnan guide pages", true)),
        ),
    }
}

fn check_form_fields(c: &mut Checker<'_>, form: &Form<'_>) {
    let p = c.profile;
    let form_basis = basis(
        "the online form's 电信业务经营许可证申请表 and 公司及人员情况表 (Guangxi guide page, field lists taken from the live forms)",
        false,
    );
    match &p.company.legal_representative.email {
        Some(email) if !ids::check_email(email) => c.error(
            "email",
            "company.legal_representative.email",
            format!("`{email}` is not an e-mail address"),
            "write it as name@example.cn",
        ),
        Some(_) => {}
        None => c.note(
            "form-field",
            "company.legal_representative",
            "the legal representative's e-mail is not given: the form asks for it",
            format!("add `email:` under `legal_representative`; {form_basis}"),
        ),
    }
    if p.company.listed.is_none() {
        c.note(
            "form-field",
            "company",
            "是否上市（含新三板） is not stated: the fill-in sheet answers 否",
            format!("add `listed: no | domestic | neeq | overseas` under `company` (新三板 companies also upload a 证券持有人名册); {form_basis}"),
        );
    }
    if form.revenue_scale.is_none() {
        c.note(
            "form-field",
            "company",
            "last year's revenue is not given: the sheet cannot choose the 公司经营规模 (无营收 / 百万级 / 千万级 / 过亿)",
            format!("add `annual_revenue_yuan:` under `company` (0 when there is none yet); {form_basis}"),
        );
    }
    if form.industry.is_none() {
        c.note(
            "form-field",
            "company.business_scope",
            "the 主营业务所属行业 cannot be read from the business scope",
            format!(
                "add `industry:` under `company` with the GB/T 4754 section, e.g. I; {form_basis}"
            ),
        );
    }
    if form.mailing.postcode.is_none() {
        c.note(
            "form-field",
            "company",
            "the postcode of the mailing address is not known",
            format!("add `mailing: {{ address, postcode }}` under `company` (the licence is mailed there); {form_basis}"),
        );
    }
    if form.profit_model.is_none() {
        c.note(
            "form-field",
            "service.revenue",
            "the 盈利模式 (前向用户收费 / 后向平台服务收费 / 混合) cannot be read from the revenue items",
            format!("add `profit_model: front | back | mixed` under `service`; {form_basis}"),
        );
    }
    for (i, form_entry) in p.service.forms.iter().enumerate() {
        let suffix = match form_entry.kind {
            crate::profile::model::ServiceKind::App => 'A',
            crate::profile::model::ServiceKind::MiniProgram => 'X',
            crate::profile::model::ServiceKind::Website => continue,
        };
        if let Some(filing) = &form_entry.filing {
            if ids::parse_icp_filing(filing).is_some() && !filing.ends_with(suffix) {
                c.warning(
                    "form-filing-suffix",
                    format!("service.forms[{i}].filing"),
                    format!(
                        "`{filing}` does not end in {suffix}, as the 备案号 of the {} does",
                        form_entry.kind.display_name()
                    ),
                    format!(
                        "Apps and 小程序 are filed on their own since 2023 (…号-2A, …号-3X); give the number of the App or 小程序 itself, not the website's; {}",
                        basis("工信部 notice of 2023-08-04 on App 备案, existing Apps by 2024-03-31 (official text seen in a secondary copy)", false)
                    ),
                );
            }
        }
    }
}

fn check_triggers(c: &mut Checker<'_>, form: &Form<'_>) {
    if let Some(first) = form.special.first() {
        let found: Vec<String> = form
            .special
            .iter()
            .map(|t| format!("`{}` holds “{}”", t.path, t.word))
            .collect();
        let groups: Vec<&str> = [
            (SpecialGroup::Finance, "financial business"),
            (SpecialGroup::RideHailing, "ride hailing"),
            (
                SpecialGroup::OfflineIndustry,
                "an offline traditional industry",
            ),
        ]
        .into_iter()
        .filter(|(g, _)| form.special.iter().any(|t| t.group == *g))
        .map(|(_, name)| name)
        .collect();
        c.note(
            "special-business",
            &first.path,
            format!(
                "{} ({}): a 《依法经营特定电信业务承诺书》 is generated",
                found.join(", "),
                groups.join(", ")
            ),
            format!(
                "sign it and upload it under 其他材料; {}",
                basis("Hunan guide page of 2022-07-06 and the Guangxi guide page; other provinces were not seen to ask", true)
            ),
        );
    }
    if !form.penalties.is_empty() {
        c.note(
            "integrity-commitment",
            "company.penalties",
            format!(
                "{} penalty(ies) by a telecom authority within three years: a 《守法诚信经营特别承诺书》 is generated",
                form.penalties.len()
            ),
            format!(
                "sign it and upload it under 其他材料; {}",
                basis("provincial guide pages (其他材料: punished by a telecom authority in the last three years)", true)
            ),
        );
    }
}

fn check_filing_link(c: &mut Checker<'_>) {
    let p = c.profile;
    let website = p
        .service
        .forms
        .iter()
        .enumerate()
        .find(|(_, f)| f.kind == crate::profile::model::ServiceKind::Website);
    let (filing, path) = match website.and_then(|(i, f)| f.filing.as_ref().map(|x| (i, x))) {
        Some((i, filing)) => (filing, format!("service.forms[{i}].filing")),
        None if c.facts.forms.website => match &p.service.icp_filing {
            Some(filing) => (filing, "service.icp_filing".to_string()),
            None => return,
        },
        None => return,
    };
    c.note(
        "filing-link",
        path,
        format!("the home page must show {filing} at its bottom, linked to https://beian.miit.gov.cn"),
        format!(
            "check the footer of the site before applying, and keep a screenshot of the home page for the upload; {}",
            basis("Guangxi guide page", true)
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap_or_else(|| panic!("{y}-{m}-{day}"))
    }

    #[test]
    fn months_count_from_the_first_full_month() {
        assert_eq!(full_months(d(2026, 11, 1), d(2026, 12, 8)), 1);
        assert_eq!(full_months(d(2026, 11, 2), d(2026, 12, 8)), 0);
        assert_eq!(full_months(d(2026, 9, 1), d(2026, 12, 1)), 3);
        assert_eq!(full_months(d(2025, 12, 15), d(2026, 3, 31)), 2);
    }
}
