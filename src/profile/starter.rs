//! `icp-docs init`: a commented starter profile for a province and licence type.
//!
//! The starter parses, so editors and `check` work on it at once; its placeholders are
//! obviously not facts (zeros, `待填写`); `check` reports each `待填写` at its line, and the
//! zeros through the rules they break (capital, staff, identifiers).

use crate::profile::model::Licence;
use crate::variant::Province;

const STARTER: &str = include_str!("../../profiles/starter.yaml.in");

/// The starter profile text for `province` and `licence`.
pub fn starter_profile(province: &Province, licence: Licence) -> String {
    let (licence_code, categories, edi_type) = match licence {
        Licence::Icp => ("ICP", "[信息发布平台和递送服务]", ""),
        Licence::Edi => (
            "EDI",
            "[交易处理业务]",
            "  edi_type: ecommerce            # ecommerce (经营类电子商务) | data_exchange | device_data | other_transaction\n",
        ),
    };
    STARTER
        .replace("{licence}", licence_code)
        .replace("{province}", province.slug)
        .replace("{province_name}", province.name)
        .replace(
            "{icp_prefix}",
            province.icp_prefixes.first().copied().unwrap_or(""),
        )
        .replace("{categories}", categories)
        .replace("{edi_type}", edi_type)
}
