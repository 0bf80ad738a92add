//! Profile bytes → load and check, as `icp-docs check` does, with the report rendered as
//! text and JSON. Any panic, hang or runaway allocation is a bug; refusing is not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.yaml");
    if let Ok((_, report)) = icp_docs::check_source(path, text.to_string(), None, None) {
        let _ = report.render(false);
        let _ = report.to_json();
    }
    // The province from the command line takes another path through the checks.
    let _ = icp_docs::check_source(path, text.to_string(), Some("guangdong"), None);
});
