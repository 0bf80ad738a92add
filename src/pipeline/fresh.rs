//! Recognising a run that would change nothing, before anything is loaded or rendered.
//!
//! Regenerating after every edit is the common case, and most runs find their profile as
//! it was. A complete run records in the folder's manifest a key of everything its files
//! were made from that the folder does not show (the tool binary, the profile's text, the
//! options, `SOURCE_DATE_EPOCH`) and each file's length and modification time, as build
//! tools do. The next run with the same key that finds every file as it was left is done
//! after reading two small files; any doubt (another key, a file touched, a manifest it
//! cannot read) takes the full path, which compares contents.
//!
//! A user's templates folder is code that can read anything: such runs are never skipped
//! (they still rewrite only what changed). Nor are runs of a profile that lists scans: the
//! upload folder copies files the key does not cover, so such a run records no key.

use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use super::generate::{GenerateOptions, GenerateReport};
use super::output_dir;
use crate::check::Report;
use crate::output::manifest::{sha256_of, Loaded, Manifest, Stamp};
use crate::{profile, variant};

/// The key of a run of `options` on a profile holding `profile_text` (newlines
/// normalised); `None` when such a run is never skipped.
pub(super) fn run_key(
    options: &GenerateOptions,
    profile_text: &str,
    templates: Option<&Path>,
) -> Option<String> {
    if options.force || templates.is_some() {
        return None;
    }
    let tool = executable_stamp()?;
    Some(sha256_of(&(
        "icp-docs run 1",
        env!("CARGO_PKG_VERSION"),
        (tool.len, tool.modified_ns),
        profile_text,
        &options.province,
        format!("{:?} {:?}", options.formats, options.style),
        &options.only,
        std::env::var("SOURCE_DATE_EPOCH").ok(),
    )))
}

/// The running program's file: a rebuilt or reinstalled tool may write other bytes.
fn executable_stamp() -> Option<Stamp> {
    static STAMP: OnceLock<Option<Stamp>> = OnceLock::new();
    *STAMP.get_or_init(|| std::env::current_exe().ok().and_then(|p| Stamp::of(&p)))
}

/// The report of a run that would change nothing, when the folder's manifest shows one;
/// `None` means "do the full run".
pub fn unchanged_run(
    options: &GenerateOptions,
    templates: Option<&Path>,
) -> Option<GenerateReport> {
    let text = profile::read_profile_text(&options.profile).ok()?;
    let text = profile::normalize_newlines(&text);
    let key = run_key(options, &text, templates)?;
    let province = match &options.province {
        Some(name) => variant::find_province(name).ok()?,
        None => variant::find_province(&profile_province(&text)?).ok()?,
    };
    let dir = output_dir(&options.out_dir, &options.profile, province);
    let (manifest, Loaded::Read) = Manifest::load(&dir) else {
        return None;
    };
    let last = manifest.last_run?;
    if last.key != key || !last.files_untouched(&dir) {
        return None;
    }
    let mut report = GenerateReport::new(dir.clone(), Report::default());
    report.unchanged = last.files.keys().map(|name| dir.join(name)).collect();
    report.replayed_warnings = Some(last.warnings);
    Some(report)
}

/// `application.province` of a profile, read without checking anything else.
fn profile_province(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Head {
        application: HeadApplication,
    }
    #[derive(Deserialize)]
    struct HeadApplication {
        province: String,
    }
    serde_yaml::from_str::<Head>(text)
        .ok()
        .map(|head| head.application.province)
}
