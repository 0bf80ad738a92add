//! Province variants.
//!
//! Every province has an entry in the national table (`provinces`): its authority and prefixes,
//! enough for the national templates to address it. A province whose practice is known to
//! differ also has a folder `templates/<slug>/` holding a small data file `variant.yaml` (the
//! rules and wording switches, `data`) and only the templates that differ. Because no official
//! provincial template could be obtained, every provincial rule carries whether it is confirmed
//! and its source; the documents only ever state facts from the profile, and `check` turns the
//! rules into warnings for the applicant instead of hard errors.

pub mod contacts;
mod data;
mod listing;
mod provinces;

pub(crate) use data::{address_matches, hosting_in_province};
pub use data::{
    load_variant, load_variant_with, Evidence, FtzRoute, InProvinceHosting, InsuredStaff,
    MonthsRule, Note, PersonsRule, PilotArea, Required, Sentence, Titled, Variant, VariantData,
    VariantError,
};
pub use listing::provinces_listing;
pub use provinces::{find_province, Province, UnknownProvince, PROVINCES};
