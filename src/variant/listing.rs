//! The text of `icp-docs provinces`: the 31 authorities, their prefixes, what each variant
//! folder adds, and the variant rules with their basis.

use super::data::{load_variant, Variant, VariantError};
use super::provinces::PROVINCES;
use crate::text::display_width as width;

fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.push_str(&" ".repeat(columns.saturating_sub(width(text)) + 2));
    out
}

/// What a variant's folder adds, as listed: `national`, `data`, `data + templates`.
fn folder_kind(variant: &Variant) -> &'static str {
    match (variant.has_data, variant.has_templates) {
        (false, false) => "national",
        (true, false) => "data",
        (false, true) => "templates",
        (true, true) => "data + templates",
    }
}

/// The listing printed by `icp-docs provinces`.
pub fn provinces_listing() -> Result<String, VariantError> {
    let variants = PROVINCES
        .iter()
        .map(load_variant)
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = authorities_table(&variants);
    out.push_str(&rules_listing(&variants));
    out.push_str(&contacts_listing().map_err(|e| VariantError::Syntax {
        file: "templates/catalogue/contacts.yaml".to_string(),
        message: e.to_string(),
    })?);
    Ok(out)
}

/// One row per authority, the columns padded to line up in a terminal.
fn authorities_table(variants: &[Variant]) -> String {
    let header = ["slug", "name", "authority", "备案", "licence", "variant"];
    let rows: Vec<[String; 6]> = variants
        .iter()
        .map(|v| {
            let p = &v.province;
            [
                p.slug.to_string(),
                p.name.to_string(),
                p.authority(),
                p.icp_prefixes.join("/"),
                p.licence_prefix.to_string(),
                folder_kind(v).to_string(),
            ]
        })
        .collect();
    let mut columns = header.map(width);
    for row in &rows {
        for (c, cell) in columns.iter_mut().zip(row) {
            *c = (*c).max(width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                text.push_str(cell);
            } else {
                text.push_str(&pad(cell, columns[i]));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &rows {
        line(&row.each_ref().map(String::as_str));
    }
    out
}

/// The rules of the variants that have data, under a heading; empty if none has.
fn rules_listing(variants: &[Variant]) -> String {
    let mut out = String::new();
    let with_rules: Vec<&Variant> = variants.iter().filter(|v| v.has_data).collect();
    if !with_rules.is_empty() {
        out.push_str(
            "\nProvincial rules (unconfirmed ones are marked; sources are in templates/<slug>/variant.yaml):\n",
        );
        for v in with_rules {
            application_rules(v, &mut out);
            document_rules(v, &mut out);
            applicant_rules(v, &mut out);
        }
    }
    out
}

/// Marks a rule whose source has not been confirmed.
fn basis(confirmed: bool) -> &'static str {
    if confirmed {
        ""
    } else {
        " [unconfirmed]"
    }
}

/// The variant's rules on the route, hosting, staff, pilot area and domain age.
fn application_rules(v: &Variant, out: &mut String) {
    let slug = v.province.slug;
    let d = &v.data;
    if let Some(r) = &d.ftz_notify_commit {
        out.push_str(&format!(
            "  {slug}: 告知承诺 route for companies registered in {}{}\n",
            r.zone,
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.inprovince_hosting {
        out.push_str(&format!(
            "  {slug}: servers and access agreement in the province{}\n",
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.min_insured_staff {
        out.push_str(&format!(
            "  {slug}: at least {} management and technical staff with social insurance{}\n",
            r.count,
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.foreign_investment_pilot {
        out.push_str(&format!(
            "  {slug}: foreign-investment pilot in {}{}\n",
            r.area,
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.domain_validity {
        out.push_str(&format!(
            "  {slug}: domain registered for more than {} months for ICP备案{}\n",
            r.months,
            basis(r.confirmed)
        ));
    }
}

/// The variant's rules on the documents: titles, statements, the chart's sentence.
fn document_rules(v: &Variant, out: &mut String) {
    let slug = v.province.slug;
    let d = &v.data;
    if let Some(r) = &d.notify_commitment {
        out.push_str(&format!(
            "  {slug}: the 告知承诺书 is titled 《{}》{}\n",
            r.title,
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.foreign_capital_statement {
        out.push_str(&format!(
            "  {slug}: a signed 《股东追溯不涉及外资承诺书》 is uploaded{}\n",
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.ownership_chart {
        out.push_str(&format!(
            "  {slug}: the signed 股权结构图 states 「{}」{}\n",
            r.sentence,
            basis(r.confirmed)
        ));
    }
}

/// The variant's rules on the responsible persons, the domain holder and the business
/// scope, and how many notes it has.
fn applicant_rules(v: &Variant, out: &mut String) {
    let slug = v.province.slug;
    let d = &v.data;
    if let Some(r) = &d.responsible_persons {
        let mut asks = Vec::new();
        if r.distinct {
            asks.push("three different people".to_string());
        }
        if let Some(months) = r.insured_months {
            asks.push(format!("insured by the company for {months} full month(s)"));
        }
        out.push_str(&format!(
            "  {slug}: the three responsible persons: {}{}\n",
            asks.join(", "),
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.domain_holder_applicant {
        out.push_str(&format!(
            "  {slug}: the domain is held by the applicant itself{}\n",
            basis(r.confirmed)
        ));
    }
    if let Some(r) = &d.business_scope_types {
        out.push_str(&format!(
            "  {slug}: the business scope names 经营电信业务 or the business types{}\n",
            basis(r.confirmed)
        ));
    }
    if !d.notes.is_empty() {
        out.push_str(&format!(
            "  {slug}: {} note(s) for applicants, in variant.yaml\n",
            d.notes.len()
        ));
    }
}

/// The contacts of every authority, each value with its source and date.
fn contacts_listing() -> Result<String, super::contacts::ContactsError> {
    let mut out = String::from(
        "\nContacts as found in public pages (not confirmed by the authorities; each with its \
         source and date; sources in templates/catalogue/contacts.yaml):\n",
    );
    for p in &PROVINCES {
        out.push_str(&format!("  {} {}\n", p.slug, p.authority()));
        for line in super::contacts::contact_lines(p.slug)? {
            if line.label == "全国咨询电话" {
                continue;
            }
            out.push_str(&format!(
                "    {}：{}（{}）\n",
                line.label, line.value, line.source
            ));
        }
    }
    let national: Vec<String> = super::contacts::contact_lines("beijing")?
        .into_iter()
        .filter(|l| l.label == "全国咨询电话")
        .map(|l| format!("    {}（{}）", l.value, l.source))
        .collect();
    out.push_str("  national\n");
    for line in national {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!(
        "    {}\n",
        super::contacts::national_pages()?.join("、")
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_all_provinces_and_the_variant_folders() {
        let text = provinces_listing().unwrap_or_else(|e| panic!("{e}"));
        let table: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
        assert_eq!(table.len(), 32, "{text}");
        let row = |slug: &str| {
            table
                .iter()
                .find(|l| l.starts_with(&format!("{slug} ")))
                .copied()
                .unwrap_or_default()
        };
        assert!(row("guangdong").ends_with("data + templates"), "{text}");
        assert!(row("zhejiang").contains("浙江省通信管理局"), "{text}");
        assert!(row("sichuan").contains("蜀/川"), "{text}");
        assert!(row("jiangsu").ends_with("national"), "{text}");
        assert!(text.contains("[unconfirmed]"), "{text}");
        // Contacts, each with its source and date.
        assert!(
            text.contains("咨询电话：0731-81111266（来源：省通信管理局办事指南页面（页面日期2022-07-06），2026-06-08读取"),
            "{text}"
        );
        assert!(
            text.contains("12381（电信业务市场综合管理信息系统"),
            "{text}"
        );
    }

    #[test]
    fn columns_line_up_in_a_terminal() {
        let text = provinces_listing().unwrap_or_else(|e| panic!("{e}"));
        let starts: Vec<usize> = text
            .lines()
            .take_while(|l| !l.is_empty())
            .map(|l| match l.find("B2-") {
                // The licence cell starts one CJK character (two columns) before `B2-`.
                Some(at) => width(&l[..at]) - 2,
                None => width(&l[..l.find("licence").unwrap_or(0)]),
            })
            .collect();
        assert!(
            starts.windows(2).all(|w| w[0] == w[1]),
            "{starts:?}\n{text}"
        );
    }
}
