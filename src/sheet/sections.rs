//! The forms of the sheet, one function each, in the system's order (ONLINE-FORM §1):
//! 专用表格, 申请表, 公司及人员情况表, 网络与信息安全保障措施, 股东追溯, 依法经营电信业务承诺书,
//! 其他材料.

use super::{EdiKind, Field, Inputs, Options, Section, Tick, Upload};
use crate::context::documents::{When, DOCUMENTS};
use crate::form::Role;
use crate::profile::model::{ServiceKind, ShareholderKind};
use crate::zh::numerals::{hundredths, percent_of_hundredths, wan};

/// What the sheet says of a value it derived rather than read.
const DERIVED: &str = "档案未直接载明，由档案推定，请核对";
const SCAN: &str = "由公司提供扫描件";

/// A generated document's upload line, by its id.
fn generated(id: &str, signed: bool) -> Upload {
    let spec = DOCUMENTS.iter().find(|d| d.id == id);
    let stem = spec.map(|d| d.file_stem).unwrap_or(id);
    Upload {
        name: format!("《{stem}》"),
        source: if signed {
            format!("已生成 {stem}.pdf，法定代表人签字并加盖公章后扫描上传")
        } else {
            format!("已生成 {stem}.pdf")
        },
        scans: None,
    }
}

/// A scan of the company's; `key` names it under `attachments` (the sheet then says whether
/// the profile's files are there).
fn scan(key: &'static str, name: &str) -> Upload {
    Upload {
        name: name.to_string(),
        source: SCAN.to_string(),
        scans: Some(key),
    }
}

fn note_if(derived: bool) -> &'static str {
    if derived {
        DERIVED
    } else {
        ""
    }
}

fn count_note(text: &str) -> String {
    format!("共{}字", text.trim().chars().count())
}

/// 业务发展和实施计划及技术方案专用表格.
pub(super) fn business(inputs: &Inputs<'_>, options: &Options) -> Section {
    let profile = inputs.profile;
    let service = &profile.service;
    let facts = inputs.facts;
    let mut fields = vec![Field::text("业务种类", inputs.licence.name, "")];
    let edi = facts.edi.ecommerce
        || facts.edi.data_exchange
        || facts.edi.device_data
        || facts.edi.other_transaction;
    if inputs.licence.kind == "EDI" {
        let ticked: Vec<&str> = options
            .edi_items
            .iter()
            .filter(|item| match item.when {
                EdiKind::DataExchange => facts.edi.data_exchange,
                EdiKind::Transaction => facts.edi.ecommerce || facts.edi.other_transaction,
                EdiKind::DeviceData => facts.edi.device_data,
            })
            .map(|item| item.label.as_str())
            .collect();
        let labels: Vec<String> = options.edi_items.iter().map(|i| i.label.clone()).collect();
        fields.push(ticks("拟开展服务项目", &labels, &ticked, note_if(!edi)));
    } else {
        let ticked: Vec<&str> = service.categories.iter().map(|c| c.trim()).collect();
        let unknown: Vec<&str> = ticked
            .iter()
            .copied()
            .filter(|c| !options.icp_items.iter().any(|o| o == c))
            .collect();
        let note = if unknown.is_empty() {
            String::new()
        } else {
            format!("档案所列“{}”不在系统选项中，请核对", unknown.join("、"))
        };
        fields.push(ticks("拟开展服务项目", &options.icp_items, &ticked, &note));
    }
    fields.push(Field::text(
        "服务项目说明",
        service.summary.trim(),
        count_note(&service.summary),
    ));
    fields.push(Field::text(
        "目标用户",
        facts.audience.label,
        note_if(!facts.audience.stated),
    ));
    fields.push(Field::text(
        "目标用户说明",
        service.users.trim(),
        count_note(&service.users),
    ));
    let profit = inputs.form.profit_model.as_ref();
    fields.push(Field::choice(
        "盈利模式",
        &options.profit_models,
        profit.map(|p| p.value.as_str()),
        match profit {
            Some(p) => note_if(!p.stated),
            None => "档案未载明收费方式，请在档案中注明盈利模式",
        },
    ));
    let revenue: Vec<String> = service
        .revenue
        .iter()
        .map(|r| format!("{}（{}）", r.item.trim(), r.price.trim()))
        .collect();
    fields.push(Field::optional(
        "收费项目及标准",
        Some(&revenue.join("；")),
        "档案未载明收费项目",
    ));
    fields.push(approvals(inputs));
    fields.extend(sites(inputs));
    let mut uploads = vec![scan("domain_certificates", "公司域名证书（必传）")];
    if !profile.company.trademarks.is_empty() {
        uploads.push(scan("trademark_certificates", "商标证书（选传）"));
    }
    if !facts.approvals.held.is_empty() {
        uploads.push(scan("prior_approvals", "前置审批文件"));
    }
    // Users pay online: the agreement with the licensed payment institution (Hunan asks
    // EDI applicants for it).
    if facts.payments.required {
        uploads.push(scan("payment_agreement", "支付服务协议"));
    }
    uploads.push(generated("business_plan", false));
    uploads.push(generated("technical_plan", false));
    Section {
        title: "业务发展和实施计划及技术方案专用表格".to_string(),
        note:
            "说明栏可粘贴下列文字；篇幅较长的内容以上传的《业务发展和实施计划》《技术方案》为准。"
                .to_string(),
        fields,
        uploads,
        ticks: Vec::new(),
    }
}

/// Several ticks of one field (the form lets several items be chosen).
fn ticks(label: &str, options: &[String], ticked: &[&str], note: &str) -> Field {
    let mut field = Field::choice(label, options, None, note);
    for option in &mut field.options {
        option.chosen = ticked.contains(&option.label.as_str());
    }
    field.value = field
        .options
        .iter()
        .filter(|o| o.chosen)
        .map(|o| o.label.clone())
        .collect::<Vec<_>>()
        .join("、");
    field
}

fn approvals(inputs: &Inputs<'_>) -> Field {
    let approvals = &inputs.facts.approvals;
    let held: Vec<String> = approvals
        .held
        .iter()
        .map(|a| match &a.number {
            Some(number) => format!("{}（{}）", a.name.trim(), number.trim()),
            None => a.name.trim().to_string(),
        })
        .collect();
    if !held.is_empty() {
        return Field::text("需专项审批的项目", held.join("；"), "上传审批文件");
    }
    if approvals.missing.is_empty() {
        return Field::text("需专项审批的项目", "无", "档案未载明需前置审批的项目");
    }
    let missing: Vec<String> = approvals
        .missing
        .iter()
        .map(|a| a.approval.clone())
        .collect();
    Field::text(
        "需专项审批的项目",
        "",
        format!("服务内容可能需要{}，请核实", missing.join("、")),
    )
}

/// 网站或APP情况.
fn sites(inputs: &Inputs<'_>) -> Vec<Field> {
    let service = &inputs.profile.service;
    let mut fields = Vec::new();
    if inputs.facts.forms.website {
        let name = service
            .forms
            .iter()
            .find(|f| f.kind == ServiceKind::Website)
            .and_then(|f| f.name.as_deref())
            .unwrap_or(&service.name);
        fields.push(Field::text("网站名称", name.trim(), ""));
    }
    let domains: Vec<&str> = service.domains.iter().map(|d| d.domain.trim()).collect();
    fields.push(Field::optional(
        "域名",
        Some(&domains.join("、")),
        "档案未载明域名",
    ));
    fields.push(Field::optional(
        "ICP备案号",
        service.icp_filing.as_deref(),
        "档案未载明备案号",
    ));
    for app in &inputs.form.apps {
        fields.push(Field::text("APP名称", app.name.trim(), ""));
        fields.push(Field::optional(
            "APP的域名",
            app.domain.as_deref(),
            "档案未载明",
        ));
        fields.push(Field::text(
            "APP服务器放置地",
            app.server_location.trim(),
            "",
        ));
        fields.push(Field::optional(
            "应用商店",
            Some(&app.stores.join("、")),
            "档案未载明上架的应用商店",
        ));
        fields.push(Field::optional(
            "APP备案号",
            app.filing.as_deref(),
            "档案未载明App备案号",
        ));
    }
    fields
}

/// 电信业务经营许可证申请表.
pub(super) fn licence_form(inputs: &Inputs<'_>, options: &Options) -> Section {
    let company = &inputs.profile.company;
    let form = inputs.form;
    let legal = &company.legal_representative;
    let investors = &form.investors;
    let mut fields = vec![
        Field::text("业务种类", inputs.licence.name, ""),
        Field::text("业务覆盖范围", inputs.variant.province.name, ""),
        Field::text("公司名称", company.name.trim(), ""),
        Field::text("统一社会信用代码", company.credit_code.trim(), ""),
        Field::text("注册资本（万元）", wan(company.registered_capital), ""),
        Field::text("法定代表人姓名", legal.name.trim(), ""),
        Field::text("法定代表人证件号码", legal.id_number.trim(), "居民身份证"),
        Field::text("法定代表人手机", legal.mobile.trim(), ""),
        Field::optional(
            "法定代表人邮箱",
            legal.email.as_deref(),
            "档案未载明法定代表人邮箱",
        ),
        registration_field(form),
        Field::text(
            "住所（详细地址）",
            company.registered_address.trim(),
            "与营业执照一致",
        ),
        Field::optional("住所邮编", company.postcode.as_deref(), "档案未载明"),
        Field::text(
            "邮寄地址",
            form.mailing.address.trim(),
            if form.mailing.stated {
                ""
            } else {
                "档案未载明邮寄地址，取办公地址，请核对"
            },
        ),
        Field::optional(
            "邮寄地址邮编",
            form.mailing.postcode.as_deref(),
            "档案未载明邮寄地址的邮编",
        ),
        Field::text(
            "收件人",
            form.mailing.recipient.trim(),
            if company
                .mailing
                .as_ref()
                .is_some_and(|m| m.recipient.is_some())
            {
                ""
            } else {
                "档案未载明收件人，取许可负责人，请核对"
            },
        ),
        Field::text(
            "公司性质",
            form.nature.value.trim(),
            note_if(!form.nature.stated),
        ),
        Field::choice(
            "是否上市（含新三板）",
            &options.listings,
            Some(&form.listed.value),
            if form.listed.stated {
                ""
            } else {
                "档案未载明，按未上市填写"
            },
        ),
        Field::text("股东人数", investors.count.to_string(), ""),
        Field::text(
            "境内自然人出资额（万元）",
            wan(investors.domestic_persons),
            "",
        ),
        Field::text(
            "境内法人出资额（万元）",
            wan(investors.domestic_companies),
            "",
        ),
        Field::text(
            "境外自然人出资额（万元）",
            wan(investors.foreign_persons),
            "",
        ),
        Field::text(
            "境外法人出资额（万元）",
            wan(investors.foreign_companies),
            "",
        ),
    ];
    let contact = &company.contact;
    fields.push(Field::text("联系人姓名", contact.name.trim(), ""));
    fields.push(Field::text("联系人手机", contact.mobile.trim(), ""));
    fields.push(Field::text(
        "联系人固话",
        company.phone.trim(),
        "档案所载公司电话",
    ));
    fields.push(Field::optional(
        "联系人邮箱",
        contact.email.as_deref(),
        "档案未载明",
    ));
    fields.push(Field::text("通信地址", form.mailing.address.trim(), ""));
    Section {
        title: "电信业务经营许可证申请表".to_string(),
        note: "住所按营业执照填写，将印在许可证上。".to_string(),
        fields,
        uploads: vec![
            Upload {
                name: "声明条款".to_string(),
                source: "系统内文本，法定代表人签字、注明日期并加盖公章后扫描上传".to_string(),
                scans: None,
            },
            generated("declaration", true),
        ],
        ticks: Vec::new(),
    }
}

/// 住所's province, as the registered address (or, when it names none, the credit code)
/// shows it; the city is left to the user.
fn registration_field(form: &crate::form::Form<'_>) -> Field {
    use crate::form::RegisteredBy;
    match &form.registration {
        Some(r) => Field::text(
            "住所（省）",
            r.name,
            match r.by {
                RegisteredBy::Address => "取自住所",
                RegisteredBy::CreditCode => "住所未写省份，由统一社会信用代码推定，请核对",
            },
        ),
        None => Field::text("住所（省）", "", "档案未能确定住所所在省份"),
    }
}

/// 公司及人员情况表.
pub(super) fn company_and_people(inputs: &Inputs<'_>, options: &Options) -> Section {
    let form = inputs.form;
    let mut fields = vec![
        match &form.industry {
            Some(industry) => Field::text(
                "主营业务所属行业",
                industry.value.trim(),
                note_if(!industry.stated),
            ),
            None => Field::text(
                "主营业务所属行业",
                "",
                "档案未载明，请在档案中注明所属国民经济行业门类",
            ),
        },
        Field::choice(
            "公司现有人员规模",
            &options.staff_scales,
            Some(form.staff_scale),
            "按档案所载员工总数",
        ),
        Field::choice(
            "公司经营规模",
            &options.revenue_scales,
            form.revenue_scale,
            if form.revenue_scale.is_some() {
                "按档案所载上年营业收入"
            } else {
                "档案未载明上年营业收入"
            },
        ),
    ];
    for person in &form.people {
        let label = person.label;
        let insured = person
            .insured_since
            .map(|d| format!("自{}年{}月起由本公司缴纳社保", d.year, d.month))
            .unwrap_or_default();
        fields.push(Field::text(
            format!("{label}姓名"),
            person.name.trim(),
            if person.name.is_empty() {
                "档案未载明".to_string()
            } else {
                insured
            },
        ));
        fields.push(Field::optional(
            &format!("{label}手机"),
            person.mobile,
            "档案未载明",
        ));
        fields.push(Field::optional(
            &format!("{label}邮箱"),
            person.email,
            "档案未载明",
        ));
    }
    let mut uploads = vec![scan(
        "social_insurance",
        "许可负责人、客服负责人、安全负责人的社会保险缴纳证明",
    )];
    if form.insurance_pending {
        uploads.push(generated("insurance_commitment", true));
    }
    Section {
        title: "公司及人员情况表".to_string(),
        note: "三位负责人各填一人；社保证明须为一个月内开具、由本公司缴纳。".to_string(),
        fields,
        uploads,
        ticks: Vec::new(),
    }
}

/// 网络与信息安全保障措施.
pub(super) fn security(inputs: &Inputs<'_>, options: &Options) -> Section {
    let profile = inputs.profile;
    let officer = inputs.form.people.iter().find(|p| p.role == Role::Security);
    let fields = vec![
        Field::text(
            "网络与信息安全第一责任人",
            profile.company.legal_representative.name.trim(),
            "法定代表人",
        ),
        Field::optional(
            "网络与信息安全责任人",
            officer.map(|p| p.name.as_str()),
            "档案未载明安全负责人",
        ),
        Field::optional("责任人手机", officer.and_then(|p| p.mobile), "档案未载明"),
    ];
    Section {
        title: "网络与信息安全保障措施".to_string(),
        note: "部分省份改为勾选承诺项；各项文字见《网络与信息安全保障措施》的对应章节。"
            .to_string(),
        fields,
        uploads: vec![generated("security_measures", false)],
        ticks: options
            .security_ticks
            .iter()
            .map(|t| Tick {
                label: t.tick.clone(),
                refer: if t.sections.is_empty() {
                    "《网络与信息安全保障措施》未单设章节，请按实际情况勾选".to_string()
                } else {
                    let names: Vec<String> = t.sections.iter().map(|s| format!("“{s}”")).collect();
                    // Quoted titles in a row take no 顿号 between them (GB/T 15834).
                    format!("见《网络与信息安全保障措施》{}", names.concat())
                },
            })
            .collect(),
    }
}

/// 股东追溯及其相关证明材料.
pub(super) fn shareholders(inputs: &Inputs<'_>, options: &Options) -> Section {
    let profile = inputs.profile;
    let foreign = profile.has_foreign_shareholding();
    let mut fields = vec![Field::choice(
        "是否涉及外资",
        &options.foreign_capital,
        Some(if foreign { "是" } else { "否" }),
        "按档案所载股东及其出资人",
    )];
    for (i, holder) in profile.company.shareholders.iter().enumerate() {
        let n = i + 1;
        let (kind, id) = match holder.kind {
            ShareholderKind::Person => ("自然人", holder.id_number.as_deref()),
            ShareholderKind::Company => ("企业股东", holder.credit_code.as_deref()),
        };
        fields.push(Field::text(
            format!("股东{n}名称"),
            holder.name.trim(),
            kind,
        ));
        fields.push(Field::text(
            format!("股东{n}持股比例"),
            percent_of_hundredths(hundredths(holder.share)),
            "",
        ));
        fields.push(Field::optional(
            &format!("股东{n}证照号码"),
            id,
            "档案未载明",
        ));
        fields.push(Field::text(
            format!("股东{n}出资额（万元）"),
            wan(holder.contribution),
            "",
        ));
    }
    let mut uploads = vec![scan(
        "registry_screenshots",
        "国家企业信用信息公示系统截图（营业执照信息、股东及出资信息，全部页面）",
    )];
    uploads.push(generated("ownership_chart", true));
    if !foreign {
        uploads.push(generated("no_foreign_capital", true));
    }
    Section {
        title: "股东追溯及其相关证明材料".to_string(),
        note: "一级股东逐一填写；企业股东须追溯至自然人。".to_string(),
        fields,
        uploads,
        ticks: Vec::new(),
    }
}

/// 依法经营电信业务承诺书.
pub(super) fn commitment(inputs: &Inputs<'_>) -> Section {
    Section {
        title: "依法经营电信业务承诺书".to_string(),
        note: "承诺书抬头须为受理机关的名称。".to_string(),
        fields: vec![Field::text("抬头", inputs.variant.province.authority(), "")],
        uploads: vec![generated("commitment", true)],
        ticks: Vec::new(),
    }
}

/// 其他材料: the commitments the profile calls for.
pub(super) fn other_materials(inputs: &Inputs<'_>) -> Section {
    let form = inputs.form;
    let mut uploads = vec![Upload {
        name: format!("《{}》", form.wording.notify_commitment_title),
        source: generated("notify_commitment", true).source,
        scans: None,
    }];
    for spec in DOCUMENTS.iter() {
        let triggered = matches!(spec.when, When::SpecialBusiness | When::RecentPenalty);
        if triggered && form.applies(spec.when) {
            uploads.push(generated(spec.id, true));
        }
    }
    Section {
        title: "其他材料".to_string(),
        note: "按下列顺序上传。".to_string(),
        fields: Vec::new(),
        uploads,
        ticks: Vec::new(),
    }
}
