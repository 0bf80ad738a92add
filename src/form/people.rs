//! The three people the form names (许可负责人, 客服负责人, 安全负责人), resolved to the
//! profile's records so that their phones, e-mails and social insurance can be shown and
//! checked.

use serde::Serialize;

use crate::profile::model::Profile;
use crate::zh::date::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Licence,
    CustomerService,
    Security,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Licence, Role::CustomerService, Role::Security];

    /// The form's name of the role.
    pub fn label(self) -> &'static str {
        match self {
            Role::Licence => "许可负责人",
            Role::CustomerService => "客服负责人",
            Role::Security => "安全负责人",
        }
    }

    /// The key under `company.responsible_persons`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Licence => "licence",
            Role::CustomerService => "customer_service",
            Role::Security => "security",
        }
    }
}

/// One of the three, as far as the profile knows them.
#[derive(Debug, Clone, Serialize)]
pub struct Person<'a> {
    pub role: Role,
    /// 许可负责人 …
    pub label: &'static str,
    /// Empty when the profile names nobody for the role.
    pub name: String,
    pub mobile: Option<&'a str>,
    pub email: Option<&'a str>,
    pub insured_since: Option<Date>,
    /// Named in `company.responsible_persons` (else read from the profile).
    pub stated: bool,
    /// The name is that of a key person, the contact or the legal representative.
    pub found: bool,
    /// YAML path the name comes from.
    pub name_path: String,
    /// YAML path of the person's record (where mobile, e-mail and insurance are), or the
    /// name's path when there is none.
    pub record_path: String,
}

/// The three, in the form's order.
pub fn responsible_persons(profile: &Profile) -> Vec<Person<'_>> {
    let company = &profile.company;
    let stated = company.responsible_persons.clone().unwrap_or_default();
    Role::ALL
        .iter()
        .map(|&role| {
            let given = match role {
                Role::Licence => stated.licence.as_deref(),
                Role::CustomerService => stated.customer_service.as_deref(),
                Role::Security => stated.security.as_deref(),
            };
            let (name, name_path) = match given {
                Some(name) => (
                    Some(name.trim().to_string()),
                    format!("company.responsible_persons.{}", role.key()),
                ),
                None => default_name(profile, role),
            };
            resolve(profile, role, name, name_path, given.is_some())
        })
        .collect()
}

/// The person the profile implies for a role, and where that comes from.
fn default_name(profile: &Profile, role: Role) -> (Option<String>, String) {
    let company = &profile.company;
    match role {
        Role::Licence => (
            Some(company.contact.name.trim().to_string()),
            "company.contact.name".to_string(),
        ),
        Role::Security => (
            Some(profile.security.officer.trim().to_string()),
            "security.officer".to_string(),
        ),
        Role::CustomerService => company
            .staff
            .key_people
            .iter()
            .enumerate()
            .find(|(_, k)| k.role.contains("客服") || k.role.contains("客户服务"))
            .map(|(i, k)| {
                (
                    Some(k.name.trim().to_string()),
                    format!("company.staff.key_people[{i}].name"),
                )
            })
            .unwrap_or((None, "company.staff.key_people".to_string())),
    }
}

fn resolve(
    profile: &Profile,
    role: Role,
    name: Option<String>,
    name_path: String,
    stated: bool,
) -> Person<'_> {
    let company = &profile.company;
    let name = name.unwrap_or_default();
    let mut person = Person {
        role,
        label: role.label(),
        name: name.clone(),
        mobile: None,
        email: None,
        insured_since: None,
        stated,
        found: false,
        record_path: name_path.clone(),
        name_path,
    };
    if name.is_empty() {
        return person;
    }
    let contact = &company.contact;
    let is_contact = contact.name.trim() == name;
    if let Some((i, k)) = company
        .staff
        .key_people
        .iter()
        .enumerate()
        .find(|(_, k)| k.name.trim() == name)
    {
        person.found = true;
        person.record_path = format!("company.staff.key_people[{i}]");
        person.mobile = k.mobile.as_deref();
        person.email = k.email.as_deref();
        person.insured_since = k.insured_since;
    } else if is_contact {
        person.found = true;
        person.record_path = "company.contact".to_string();
    } else if company.legal_representative.name.trim() == name {
        let legal = &company.legal_representative;
        person.found = true;
        person.record_path = "company.legal_representative".to_string();
        person.mobile = Some(legal.mobile.as_str());
        person.email = legal.email.as_deref();
    }
    // The contact's record fills what a key person of the same name leaves out.
    if is_contact {
        person.mobile = person.mobile.or(Some(contact.mobile.as_str()));
        person.email = person.email.or(contact.email.as_deref());
        person.insured_since = person.insured_since.or(contact.insured_since);
    }
    person
}
