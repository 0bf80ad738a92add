//! Profile bytes → load and check, as `icp-docs check` does, with the report rendered as
//! text and JSON. Any panic, hang or runaway allocation is a bug; refusing is not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static icp_docs::Pipeline {
    static PIPELINE: std::sync::OnceLock<icp_docs::Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| icp_docs::Pipeline::new(None).expect("the built-in templates load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.yaml");
    if let Ok(checked) = pipeline().check_source(path, text.to_string(), None) {
        let _ = checked.report.render(false);
        let _ = checked.report.to_json();
    }
    // The province from the command line takes another path through the checks.
    let _ = pipeline().check_source(path, text.to_string(), Some("guangdong"));
});
