//! The rules a reviewer applies before reading the prose: identifiers, licence prerequisites,
//! internal consistency, generic text, and what the catalogue makes of the business. Every
//! finding names the YAML path it is about, so it can be shown at its line.

mod facts;
mod form;
pub mod input;
mod province;
pub mod report;
mod rules;

pub(crate) use rules::names_an_organisation;

use serde::Serialize;

use crate::catalogue::{Catalogue, Facts};
use crate::profile::model::Profile;
use crate::variant::{Province, Variant};

pub use report::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable identifier of the rule, e.g. `credit-code-check`.
    pub rule: &'static str,
    /// YAML path of the value concerned (`company.shareholders[1].share`).
    pub path: String,
    pub message: String,
    pub hint: String,
}

/// Minimum registered capital for a one-province licence (令42 第六条), in yuan.
pub const MIN_REGISTERED_CAPITAL: u64 = 1_000_000;
/// Network logs are kept at least six months (网络安全法).
pub const MIN_LOG_RETENTION_DAYS: u32 = 180;
/// Employees with social insurance that reviewers expect (practice, see the applicant guide).
pub const MIN_INSURED_STAFF: u32 = 3;

pub(crate) struct Checker<'a> {
    pub(crate) profile: &'a Profile,
    pub(crate) province: &'a Province,
    pub(crate) variant: &'a Variant,
    pub(crate) facts: &'a Facts,
    pub(crate) findings: Vec<Finding>,
}
impl Checker<'_> {
    fn push(
        &mut self,
        severity: Severity,
        rule: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.findings.push(Finding {
            severity,
            rule,
            path: path.into(),
            message: message.into(),
            hint: hint.into(),
        });
    }

    fn error(
        &mut self,
        rule: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Error, rule, path, message, hint);
    }

    fn warning(
        &mut self,
        rule: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Warning, rule, path, message, hint);
    }

    fn note(
        &mut self,
        rule: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Note, rule, path, message, hint);
    }
}

/// Checks `profile` for an application under `variant` (its province and that province's own
/// rules). Findings come sorted by severity.
pub fn check_profile(profile: &Profile, variant: &Variant) -> Vec<Finding> {
    match Catalogue::builtin() {
        Ok(catalogue) => check_profile_with(profile, variant, &catalogue.facts(profile)),
        Err(err) => vec![Finding {
            severity: Severity::Error,
            rule: "catalogue",
            path: String::new(),
            message: err.to_string(),
            hint: "the built-in catalogue is broken: report this".to_string(),
        }],
    }
}

/// [`check_profile`] with the profile already classified.
pub fn check_profile_with(profile: &Profile, variant: &Variant, facts: &Facts) -> Vec<Finding> {
    let mut c = Checker {
        profile,
        province: &variant.province,
        variant,
        facts,
        findings: Vec::new(),
    };
    rules::check(&mut c);
    facts::check(&mut c);
    form::check(&mut c);
    let mut findings = c.findings;
    findings.sort_by_key(|f| f.severity);
    findings
}
