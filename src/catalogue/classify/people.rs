//! Key people's qualifications: a 职称 is held (具有…职称), a certificate is carried
//! (持有…证书), a degree is earned (获得…学位) — profiles often put all three under `title`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalogue::{Catalogue, Qualification};
use crate::profile::model::Profile;

#[derive(Debug, Clone, Serialize)]
pub struct PersonFacts {
    /// 专业技术职称 (and any `title` the catalogue cannot place).
    pub titles: Vec<String>,
    pub certificates: Vec<String>,
    pub degree: Option<String>,
    pub education: Option<String>,
    /// One cell for tables: 高级工程师；CISP；计算机科学与技术硕士 (or empty).
    pub summary: String,
    /// A clause for the text: 具有高级工程师职称，持有CISP证书，获得计算机科学与技术硕士学位.
    pub clause: String,
}

pub(super) fn people(catalogue: &Catalogue, profile: &Profile) -> BTreeMap<String, PersonFacts> {
    let mut out = BTreeMap::new();
    for person in &profile.company.staff.key_people {
        let mut titles = Vec::new();
        let mut certificates: Vec<String> = Vec::new();
        if let Some(title) = &person.title {
            for part in title.split(['、', '，', ',', '；', ';', '/']) {
                let part = part.trim();
                if part.is_empty() {
                    continue;
                }
                match catalogue.qualification(part) {
                    Qualification::Certificate => certificates.push(part.to_string()),
                    Qualification::Title | Qualification::Unknown => titles.push(part.to_string()),
                }
            }
        }
        for certificate in &person.certificates {
            let certificate = certificate.trim();
            if !certificate.is_empty() && !certificates.iter().any(|c| c == certificate) {
                certificates.push(certificate.to_string());
            }
        }
        let degree = person
            .degree
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let education = person
            .education
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        let mut cells: Vec<String> = titles.clone();
        cells.extend(certificates.iter().cloned());
        cells.extend(degree.map(str::to_string));
        if degree.is_none() {
            cells.extend(education.map(str::to_string));
        }
        let mut clause = Vec::new();
        if !titles.is_empty() {
            clause.push(format!("具有{}职称", titles.join("、")));
        }
        if !certificates.is_empty() {
            clause.push(format!("持有{}证书", certificates.join("、")));
        }
        match (education, degree) {
            (Some(education), Some(degree)) => {
                clause.push(format!("{education}学历，获得{degree}学位"))
            }
            (None, Some(degree)) => clause.push(format!("获得{degree}学位")),
            (Some(education), None) => clause.push(format!("{education}学历")),
            (None, None) => {}
        }
        out.insert(
            person.name.clone(),
            PersonFacts {
                titles,
                certificates,
                degree: degree.map(str::to_string),
                education: education.map(str::to_string),
                summary: cells.join("；"),
                clause: clause.join("，"),
            },
        );
    }
    out
}
