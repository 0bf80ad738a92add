//! Rules on the service and its infrastructure, read with the catalogue: the forms and their
//! 备案, domains, what the features, servers and security products are (and whether the
//! documents can describe them), the EDI kind and payments, prior approvals, hosting sites.

use super::{Checker, MIN_LOG_RETENTION_DAYS};
use crate::catalogue::{FeatureTrait, Publisher, TriggerSeverity};
use crate::profile::ids;
use crate::profile::model::{Licence, ServiceKind, SiteKind};
use crate::variant::find_province;

/// Six months can be 184 days; below this a retention "of six months" may fall short.
const SAFE_SIX_MONTHS_DAYS: u32 = 183;

pub(super) fn check(c: &mut Checker<'_>) {
    check_forms(c);
    check_domains(c);
    check_filing(c);
    check_categories(c);
    check_features(c);
    check_content(c);
    check_edi_and_payments(c);
    check_approvals(c);
    check_sites(c);
    check_servers(c);
    check_security_products(c);
    check_backup_and_logs(c);
}

fn check_forms(c: &mut Checker<'_>) {
    let p = c.profile;
    if p.service_kinds().is_empty() {
        c.error(
            "service-kind",
            "service",
            "the service's form is not given",
            "write `kind: website` (or app, mini_program, or a list), or list `forms:`",
        );
    }
    for kind in p.service_kinds() {
        let listed = p.service.forms.iter().any(|f| f.kind == kind);
        if !listed && kind != ServiceKind::Website {
            c.warning(
                "form-filing",
                "service.kind",
                format!(
                    "the {} has no 备案号: Apps and 小程序 are filed on their own (since 2023), and the online form asks for their names and stores",
                    kind.display_name()
                ),
                "list it under `service.forms:` with `name`, `filing` (…号-2A for an App, …号-3X for a 小程序) and `stores` or `platform`",
            );
        }
    }
    for (i, form) in p.service.forms.iter().enumerate() {
        let base = format!("service.forms[{i}]");
        if let Some(filing) = &form.filing {
            check_filing_number(c, &format!("{base}.filing"), filing);
        } else if form.kind != ServiceKind::Website || p.service.icp_filing.is_none() {
            c.warning(
                "form-filing",
                &base,
                format!(
                    "the {} has no 备案号: every website, App and 小程序 must be filed (App and 小程序 备案 since 2023)",
                    form.kind.display_name()
                ),
                "file it through the hosting provider and add `filing:` (an App's number ends in A, a 小程序's in X, e.g. …号-2A)",
            );
        }
        if form.kind == ServiceKind::Website {
            match &form.domain {
                                Some(domain)
                    if !p.service.domains.iter().any(|d| {
                        domain == &d.domain || domain.ends_with(&format!(".{}", d.domain))
                    }) =>
                {
                    c.error(
                        "form-domain",
                        format!("{base}.domain"),
                        format!("`{domain}` is neither one of `service.domains` nor a subdomain of one"),
                        "list the registered domain with its holder and expiry under `service.domains`",
                    )
                }
                _ => {}
            }
        }
        if form.kind == ServiceKind::App && form.stores.is_empty() {
            c.note(
                "form-app-store",
                &base,
                "the App's stores are not listed",
                "the online form asks where the App is published: add `stores: [华为应用市场, …]`",
            );
        }
    }
}

fn check_domains(c: &mut Checker<'_>) {
    let p = c.profile;
    let date = p.application.date;
    if p.service.domains.is_empty() {
        if c.facts.forms.website {
            c.error(
                "domains",
                "service.domains",
                "no domain is listed for the website",
                "list the domain(s) of the service",
            );
        } else {
            c.warning(
                "domains",
                "service.domains",
                "no domain is listed",
                "the online form asks for the domain an App or 小程序 calls, with its certificate: list it",
            );
        }
    }
    for (i, domain) in p.service.domains.iter().enumerate() {
        let base = format!("service.domains[{i}]");
        if !ids::check_domain(&domain.domain) {
            c.error(
                "domain-format",
                format!("{base}.domain"),
                format!("`{}` is not a domain name", domain.domain),
                "write the bare domain, e.g. example.cn (no https://, no path)",
            );
        }
        check_domain_holder(c, &base, &domain.holder);
        match domain.expires {
            Some(expires) if expires < date => c.error(
                "domain-expired",
                format!("{base}.expires"),
                format!("the domain expired on {expires}"),
                "renew the domain",
            ),
            Some(expires) if expires.unix_seconds() - date.unix_seconds() < 90 * 86_400 => c
                .warning(
                    "domain-expiring",
                    format!("{base}.expires"),
                    format!(
                        "the domain expires on {expires}, within three months of the application"
                    ),
                    "renew it now: the review takes about two months",
                ),
            _ => {}
        }
    }
}

/// The holder must be the applicant, or (where the province does not insist on the applicant)
/// one of its direct shareholders.
fn check_domain_holder(c: &mut Checker<'_>, base: &str, holder: &str) {
    let p = c.profile;
    let holder = holder.trim();
    if holder == p.company.name.trim() {
        return;
    }
    let path = format!("{base}.holder");
    let shareholder = p
        .company
        .shareholders
        .iter()
        .any(|s| s.name.trim() == holder);
    match (&c.variant.data.domain_holder_applicant, shareholder) {
        (None, true) => c.note(
            "domain-holder-shareholder",
            path,
            format!("the domain is held by {holder}, a direct shareholder of the applicant"),
            "the online form accepts a domain held by the company or a direct shareholder: upload the domain certificate with the shareholder's consent to its use; some provinces (Liaoning) ask for the applicant itself; basis: domain notes on the online form (unconfirmed)",
        ),
        (Some(rule), true) => c.error(
            "domain-holder",
            path,
            format!("the domain is held by {holder}, a shareholder; {} asks for the applicant {} itself", c.province.name, p.company.name),
            format!(
                "transfer the domain to the company (registrant = full company name) before applying; basis: {}; source: {} ({})",
                rule.evidence.label(),
                rule.source.trim(),
                if rule.confirmed { "confirmed" } else { "unconfirmed" }
            ),
        ),
        (_, false) => c.error(
            "domain-holder",
            path,
            format!("the domain is held by {holder}, neither the applicant {} nor one of its direct shareholders", p.company.name),
            "transfer the domain to the company (registrant = full company name) before applying",
        ),
    }
}

fn check_filing(c: &mut Checker<'_>) {
    let p = c.profile;
    let filed_forms = p.service.forms.iter().any(|f| f.filing.is_some());
    match &p.service.icp_filing {
        None if filed_forms => {}
        None => c.error(
            "icp-filing-missing",
            "service.icp_filing",
            "no ICP备案号: the service must be filed (备案) and online before applying",
            "file the service through the hosting provider first, then add `icp_filing:`",
        ),
        Some(filing) => check_filing_number(c, "service.icp_filing", filing),
    }
}

fn check_filing_number(c: &mut Checker<'_>, path: &str, filing: &str) {
    match ids::parse_icp_filing(filing) {
        None => c.error(
            "icp-filing-format",
            path,
            format!("`{filing}` is not an ICP备案号"),
            "write it as on the site's footer, e.g. 浙ICP备2021018846号-1",
        ),
        Some(parsed) => {
            if !c.province.icp_prefixes.contains(&parsed.prefix.as_str()) {
                c.error(
                    "icp-filing-province",
                    path,
                    format!("the 备案 was made in {}, not in {}", parsed.prefix, c.province.name),
                    format!(
                        "the 备案 is made in the province of the company's domicile, where it applies for the licence: {} numbers start with {}ICP备; basis: the domain notes on the online form, 令42 (official text seen in a secondary copy) (unconfirmed)",
                        c.province.name,
                        c.province.icp_prefixes.join("/")
                    ),
                );
            }
            if !matches!(parsed.digits, 8 | 10) {
                c.note(
                    "icp-filing-digits",
                    path,
                    "备案 numbers usually have 8 or 10 digits",
                    "check the number on the filing system",
                );
            }
        }
    }
}

fn check_categories(c: &mut Checker<'_>) {
    let p = c.profile;
    if p.service.categories.is_empty() {
        c.error(
            "categories",
            "service.categories",
            "no service category is applied for",
            "list the sub-types of the licence, e.g. 信息发布平台和递送服务",
        );
    }
    let b21 = [
        "交易处理业务",
        "电子数据交换业务",
        "网络/电子设备数据处理业务",
    ];
    let icp = p.application.licence == Licence::Icp;
    for feature in &c.facts.features.list {
        let path = format!("service.features[{}]", feature.index);
        if icp && feature.traits.contains(&FeatureTrait::Merchants) {
            c.warning(
                "feature-needs-edi",
                path,
                format!("`{}` lets other businesses sell on the platform: that is 在线数据处理与交易处理业务 (EDI, B21), which an ICP licence does not cover", feature.name),
                "apply for EDI as well, or describe the feature if no third party sells through it",
            );
            continue;
        }
        for category in &feature.categories {
            let applied = p.service.categories.iter().any(|a| a.trim() == category);
            if applied || icp == b21.contains(&category.as_str()) {
                continue;
            }
            c.note(
                "feature-category",
                &path,
                format!("`{}` is a {category} function, which is not among service.categories", feature.name),
                "reviewers compare the features with the sub-types applied for: add the sub-type, or describe the feature so it reads as what it is",
            );
        }
    }
}

fn check_features(c: &mut Checker<'_>) {
    if c.profile.service.features.is_empty() {
        c.warning(
            "features",
            "service.features",
            "no features are listed",
            "list the service's functions: the technical plan describes them module by module",
        );
    }
    let facts = c.facts;
    for feature in &facts.features.list {
        let path = format!("service.features[{}]", feature.index);
        if let Some(kind) = &feature.unknown_kind {
            c.error(
                "feature-kind",
                format!("{path}.kind"),
                format!("`{kind}` is not a feature kind of the catalogue"),
                "run `icp-docs catalogue` for the kinds, or leave `kind` out and write a `description`",
            );
        } else if !feature.known && !feature.described {
            c.warning(
                "feature-undescribed",
                path,
                format!("the catalogue does not know `{}` and it has no description: the documents name it without saying what it does", feature.name),
                format!("write it as `{{ name: {}, description: 它做什么、为谁、用哪些数据 }}`, or give `kind:` (`icp-docs catalogue`)", feature.name),
            );
        }
    }
}

fn check_content(c: &mut Checker<'_>) {
    let content = &c.facts.content;
    if !content.review_unstated.is_empty() {
        c.note(
            "content-review-mode",
            "security.content_review",
            format!(
                "it is not said whether posts through {} are reviewed before (先审后发) or after (先发后审) they are shown",
                content.review_unstated.join("、")
            ),
            "say 先审后发 or 先发后审 in `security.content_review`, or give `review: before|after` on each feature",
        );
    }
    let publishes = content.user_content || content.interactive;
    if publishes && !c.profile.security.real_name {
        c.error(
            "real-name-required",
            "security.real_name",
            format!("users publish or talk through {}, but are not verified by real name", {
                let mut names = content.user_features.clone();
                names.extend(content.interactive_features.iter().cloned());
                names.dedup();
                names.join("、")
            }),
            "网络安全法 requires real-name verification of users of information-publishing and instant-messaging services: set `real_name: true` and verify them",
        );
    }
    if c.facts.audience.unknown && c.profile.service.audience.is_none() {
        c.note(
            "audience",
            "service.users",
            "who the users are (individuals or organisations) cannot be read from `users`",
            "add `audience: consumers | enterprises | both` under `service`: it decides consumer-protection wording and how users are verified",
        );
    }
    let editors = c
        .facts
        .features
        .list
        .iter()
        .any(|f| f.publisher == Publisher::Platform);
    if editors && c.profile.service.content.as_ref().and_then(|p| p.editorial) == Some(false) {
        c.note(
            "content-editorial",
            "service.content.editorial",
            "features publish the platform's own information, but `editorial: false` says nobody edits it",
            "check the features or the `editorial` setting",
        );
    }
}

fn check_edi_and_payments(c: &mut Checker<'_>) {
    let facts = c.facts;
    if facts.edi.applies && !facts.edi.stated && !facts.edi.unknown {
        let read: Vec<&str> = [
            (facts.edi.ecommerce, "ecommerce (经营类电子商务)"),
            (facts.edi.data_exchange, "data_exchange"),
            (facts.edi.device_data, "device_data"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        c.note(
            "edi-type-read",
            "application",
            format!("the EDI business is read as {} from the categories or features", read.join(", ")),
            "say it with `edi_type:` under `application`: it decides the licence wording and which sections the documents have",
        );
    }
    if facts.edi.unknown {
        c.warning(
            "edi-type",
            "application",
            "the kind of EDI business cannot be told from the categories or features",
            "add `edi_type: ecommerce | data_exchange | device_data | other_transaction` under `application`",
        );
    }
    if c.profile.application.licence == Licence::Icp && c.profile.application.edi_type.is_some() {
        c.note(
            "edi-type-icp",
            "application.edi_type",
            "`edi_type` only applies to EDI applications",
            "remove it, or apply for EDI",
        );
    }
    if facts.payments.required && facts.payments.provider.is_none() {
        let (severity_error, why) = if facts.edi.trading {
            (true, "a trading platform (经营类电子商务 and other 交易处理) must name the licensed payment institution that handles its payments".to_string())
        } else {
            let paying: Vec<&str> = facts
                .features
                .list
                .iter()
                .filter(|f| f.traits.contains(&FeatureTrait::Payment))
                .map(|f| f.name.as_str())
                .collect();
            (
                false,
                format!(
                    "users pay online ({}), but no licensed payment institution is named",
                    paying.join("、")
                ),
            )
        };
        let hint = "add `payment_provider:`; the platform itself must not hold users' funds";
        if severity_error {
            c.error("payment-provider", "service.payment_provider", why, hint);
        } else {
            c.warning("payment-provider", "service.payment_provider", why, hint);
        }
    }
}

fn check_approvals(c: &mut Checker<'_>) {
    let date = c.profile.application.date;
    for (i, approval) in c.profile.service.prior_approvals.iter().enumerate() {
        if let Some(end) = approval.valid_until {
            let path = format!("service.prior_approvals[{i}].valid_until");
            if end < date {
                c.error(
                    "prior-approval-expired",
                    path,
                    format!("{} expired on {end}", approval.name),
                    "renew the approval before applying: reviewers check it is valid",
                );
            } else if end.unix_seconds() - date.unix_seconds() < 365 * 86_400 {
                c.note(
                    "prior-approval-expiring",
                    path,
                    format!("{} expires on {end}, within a year of the application", approval.name),
                    "the telecom licence runs five years: renew the approval in time and report the renewal",
                );
            }
        }
    }
    for trigger in &c.facts.approvals.triggered {
        if trigger.satisfied {
            continue;
        }
        let message = format!(
            "the service may include {} (found: {}), which needs {} from {}",
            trigger.service,
            trigger.found.join("、"),
            trigger.approval,
            trigger.authority
        );
        let hint = format!(
            "basis: {}; list the approval under `service.prior_approvals` (name and number), or reword the feature if the service does not provide this (unconfirmed: checked against national regulations only)",
            trigger.basis
        );
        match trigger.severity {
            TriggerSeverity::Warning => {
                c.warning("prior-approval", "service.prior_approvals", message, hint)
            }
            TriggerSeverity::Note => {
                c.note("prior-approval", "service.prior_approvals", message, hint)
            }
        }
    }
}

fn check_sites(c: &mut Checker<'_>) {
    let p = c.profile;
    let infra = &p.infrastructure;
    if infra.all_sites().next().is_none() {
        c.error(
            "hosting-missing",
            "infrastructure",
            "no hosting site is given",
            "add `hosting:` (provider, licence, location, province), or `sites:` for several",
        );
        return;
    }
    let several = infra.all_sites().count() > 1;
    for (i, site) in infra.all_sites().enumerate() {
        let base = infra.site_path(i);
        if several && site.id.is_none() && !(i == 0 && infra.hosting.is_some()) {
            c.error(
                "site-id",
                &base,
                "with several sites each needs an `id` for servers to name in `site`",
                "add `id: cloud` (any short name) and `site: cloud` on its servers",
            );
        }
        match find_province(&site.province) {
            Err(_) => c.error(
                "hosting-mainland",
                format!("{base}.province"),
                format!("`{}` is not a mainland province", site.province),
                "servers must be hosted in mainland China by a licensed provider; give the province slug, e.g. zhejiang",
            ),
            // Where the province states its own hosting rule, that rule speaks (with its source).
            Ok(hosted)
                if hosted.slug != c.province.slug
                    && c.variant.data.inprovince_hosting.is_none() =>
            {
                c.note(
                    "hosting-province",
                    format!("{base}.province"),
                    format!("the servers are hosted in {}, not in {}", hosted.name, c.province.name),
                    "some authorities expect in-province hosting; be ready to explain the choice",
                )
            }
            Ok(_) => {}
        }
        if !ids::check_licence_number(&site.provider_licence) {
            c.error(
                "hosting-licence",
                format!("{base}.provider_licence"),
                format!("`{}` is not a telecom licence number", site.provider_licence),
                "the hosting or access provider's IDC/ISP licence number looks like 浙B1-20190001 (ask the provider)",
            );
        }
        match site.contract_until {
            // An own room rests on an access agreement, which need not end.
            None if site.kind == Some(SiteKind::OwnRoom) => {}
            None => c.warning(
                "hosting-contract",
                &base,
                "the hosting contract's end date is missing",
                "add `contract_until:`; the hosting agreement is part of the materials",
            ),
            Some(end) if end < p.application.date => c.error(
                "hosting-contract-expired",
                format!("{base}.contract_until"),
                format!("the hosting contract ends on {end}, before the application date"),
                "renew the contract and update `contract_until`",
            ),
            _ => {}
        }
        let fact = &c.facts.sites.list[i];
        if site.kind.is_none() && !fact.kind_derived {
            c.note(
                "site-kind",
                &base,
                "it is not said whether this is a public cloud, a rented IDC rack or the company's own room",
                "add `kind: cloud | idc | own_room`: the technical plan and 图1 describe the site by it",
            );
        }
        if site.kind == Some(SiteKind::OwnRoom) {
            c.note(
                "site-own-room",
                &base,
                "an own machine room: reviewers may inspect it and ask for the access provider's agreement",
                "keep the room's access agreement and the provider's licence ready",
            );
        }
    }
}

fn check_servers(c: &mut Checker<'_>) {
    if c.profile.infrastructure.servers.is_empty() {
        c.error(
            "servers",
            "infrastructure.servers",
            "no servers are listed",
            "the technical plan's equipment list is built from them",
        );
    }
    let facts = c.facts;
    for server in &facts.servers.list {
        let base = format!("infrastructure.servers[{}]", server.index);
        if server.unknown_site {
            c.error(
                "server-site",
                format!("{base}.site"),
                format!(
                    "`{}` names no site",
                    c.profile.infrastructure.servers[server.index]
                        .site
                        .as_deref()
                        .unwrap_or("")
                ),
                "use the `id` of one of `infrastructure.sites`",
            );
        }
        if !server.tier_known {
            c.warning(
                "server-tier",
                &base,
                format!("the tier of `{}` cannot be read from its role: the documents and 图1 place it in the application tier", server.role),
                "add `tier: access | application | data | storage | backup | operations | network`",
            );
        }
        if server.text.is_none() {
            c.warning(
                "server-undescribed",
                &base,
                format!("the catalogue does not know `{}` and it has no purpose: the documents list it without saying what it does", server.role),
                "add `purpose:` (one sentence: what it does here)",
            );
        }
    }
}

fn check_security_products(c: &mut Checker<'_>) {
    let facts = c.facts;
    for product in &facts.security.products {
        if product.text.is_none() {
            c.warning(
                "security-product-unknown",
                format!("infrastructure.security_products[{}]", product.index),
                format!("the catalogue does not know `{}`: the documents name it without saying what it protects", product.name),
                "write it as `{ name: …, kind: firewall | waf | anti_ddos | host_security | ids | ips | bastion | log_audit | db_audit | web_tamper | vuln_scan | encryption | situational_awareness | content_moderation | other, description: … }`",
            );
        }
    }
}

fn check_backup_and_logs(c: &mut Checker<'_>) {
    let p = c.profile;
    if !p.infrastructure.backup.offsite {
        c.warning(
            "backup-offsite",
            "infrastructure.backup.offsite",
            "backups are not kept off-site",
            "keep a copy in another zone or data centre",
        );
    }
    let days = p.infrastructure.log_retention_days;
    if days < MIN_LOG_RETENTION_DAYS {
        c.error(
            "log-retention",
            "infrastructure.log_retention_days",
            format!("logs are kept {days} days; the law requires at least six months"),
            "keep network logs at least six months (网络安全法); 183 days or more is safe",
        );
    } else if days < SAFE_SIX_MONTHS_DAYS {
        c.warning(
            "log-retention-short",
            "infrastructure.log_retention_days",
            format!(
                "logs are kept {days} days, which can fall short of six months (up to 184 days)"
            ),
            "keep network logs at least 183 days; the documents say 不少于六个月",
        );
    }
}
