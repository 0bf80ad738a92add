//! Helpers shared by the integration tests: running the CLI and reading DOCX packages.
#![allow(dead_code)]

pub mod numbering;
pub mod pdf_reader;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The 14 level-1 headings of the security measures, in the order of the MIIT form.
pub const SECURITY_HEADINGS: [&str; 14] = [
    "一、信息安全管理组织机构设置及工作职责",
    "二、网络与信息安全管理人员配备情况及相应资质",
    "三、信息安全管理责任制",
    "四、有害信息发现受理处置机制",
    "五、有害信息投诉受理处置机制",
    "六、重大信息安全事件应急处置和报告制度",
    "七、信息安全管理政策和业务培训制度",
    "八、网络安全管理责任制度",
    "九、网络安全防护制度",
    "十、网络安全事件应急处置和报告制度",
    "十一、有害信息发现和过滤技术手段",
    "十二、用户日志留存所采用的技术手段",
    "十三、网络安全防护技术手段",
    "十四、安全联络员变动承诺",
];

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_icp-docs")
}

pub fn example_profile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/example.yaml")
}

/// The two example profiles and every fixture (companies of other kinds, in other
/// provinces), for checks that should meet more than the examples have.
pub fn all_profiles() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("the fixtures folder")
        .map(|entry| entry.expect("a fixture").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    fixtures.sort();
    let mut profiles = vec![
        root.join("profiles/example.yaml"),
        root.join("profiles/example-guangdong-edi.yaml"),
    ];
    profiles.extend(fixtures);
    profiles
}

pub fn run(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .output()
        .expect("the icp-docs binary runs")
}

/// Runs `command` to the end, reading its output as it comes (a full pipe must not stall
/// it), and fails the test if it takes longer than `limit`. Returns the time it took.
pub fn output_within(
    mut command: Command,
    limit: std::time::Duration,
) -> (Output, std::time::Duration) {
    use std::process::Stdio;
    let start = std::time::Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{command:?} did not finish within {limit:?}; stderr: {}",
                String::from_utf8_lossy(&err.join().unwrap_or_default())
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let output = Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    };
    (output, elapsed)
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Generates the example profile (or `profile`) into a fresh folder; returns the folder of the
/// documents and the temp dir guard.
pub fn generate(profile: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let mut args = vec![
        "generate",
        profile.to_str().expect("utf-8 path"),
        "--out",
        out.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert!(
        output.status.success(),
        "generate failed: {}",
        stderr(&output)
    );
    let stem = profile.file_stem().unwrap().to_string_lossy().into_owned();
    let province_dir = std::fs::read_dir(out.join(stem))
        .expect("profile folder")
        .next()
        .expect("a province folder")
        .expect("entry")
        .path();
    (dir, province_dir)
}

/// One part of a DOCX package as text.
pub fn docx_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).expect("docx opens");
    let mut archive = zip::ZipArchive::new(file).expect("docx is a zip");
    let mut entry = archive.by_name(part).expect("part exists");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8 part");
    text
}

/// The text of each paragraph of `word/document.xml` (table cells are paragraphs too).
pub fn docx_paragraphs(path: &Path) -> Vec<String> {
    docx_paragraphs_of_xml(&docx_part(path, "word/document.xml"))
}

/// The text of each paragraph of a piece of WordprocessingML, without the word joiners
/// and zero-width spaces that tell Word where to break (they print nothing).
pub fn docx_paragraphs_of_xml(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|chunk| {
            let mut text = String::new();
            let mut rest = chunk;
            while let Some(start) = rest.find('<') {
                let after = &rest[start..];
                let Some(open_end) = after.find('>') else {
                    break;
                };
                let tag = &after[..open_end];
                // Only <w:t> and <w:t xml:space=...> hold text (not <w:tab/>, <w:tbl> …).
                if tag == "<w:t" || tag.starts_with("<w:t ") {
                    let body = &after[open_end + 1..];
                    let Some(close) = body.find("</w:t>") else {
                        break;
                    };
                    text.push_str(&unescape(&body[..close]));
                    rest = &body[close..];
                } else {
                    rest = &after[open_end..];
                }
            }
            text.replace(['\u{2060}', '\u{200B}'], "")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Asserts that `needles` occur in `paragraphs` in this order (each in some later paragraph).
pub fn assert_in_order(paragraphs: &[String], needles: &[&str]) {
    let mut position = 0;
    for needle in needles {
        match paragraphs[position..]
            .iter()
            .position(|p| p.contains(needle))
        {
            Some(offset) => position += offset + 1,
            None => panic!(
                "`{needle}` not found after paragraph {position}; paragraphs: {:#?}",
                &paragraphs[position.saturating_sub(3)..]
            ),
        }
    }
}

/// The text of a PDF as poppler's `pdftotext` extracts it (pages separated by form feeds).
/// The tests that call it need poppler-utils: a missing tool fails them instead of letting
/// them pass without looking (`.ci/run` installs it).
pub fn pdftotext(path: &Path, extra: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(extra)
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed by this test: {e}"));
    assert!(
        output.status.success(),
        "pdftotext {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs an external tool the test needs (poppler-utils, qpdf): a missing tool fails the
/// test instead of letting it pass without looking (`.ci/run` installs them).
pub fn tool(name: &str, args: &[&str]) -> Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("`{name}` is needed by this test: {e}"))
}

/// [`pdftotext`] with poppler's default options.
pub fn pdftotext_of(path: &Path) -> String {
    pdftotext(path, &[])
}

/// `text` without any whitespace, so words broken across lines still compare equal.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The composed documents of `profile` in `province` (unchecked, as a tool rendering one
/// profile under every province would), through the pipeline `generate` uses.
pub fn documents(
    pipeline: &icp_docs::Pipeline,
    profile: &icp_docs::profile::Profile,
    province: &'static icp_docs::variant::Province,
    only: Option<&[String]>,
) -> Result<Vec<icp_docs::Composed>, icp_docs::Error> {
    let application = pipeline.application(profile.clone(), province)?;
    pipeline.documents(&application, only)
}

/// The bytes of `composed` in `format` with `style`, typeset as `generate` typesets it.
pub fn write(
    pipeline: &icp_docs::Pipeline,
    composed: &icp_docs::Composed,
    format: icp_docs::Format,
    style: &icp_docs::style::StyleSheet,
) -> Vec<u8> {
    match pipeline.write(composed, &[format], style) {
        Ok(mut files) => files.remove(0).1,
        Err(err) => panic!("{}: {err}", composed.spec.id),
    }
}

/// Converts DOCX files to PDF with LibreOffice (`soffice --headless`), as a user opening
/// them would see them laid out; returns the PDFs in the order given. Each call gets its
/// own LibreOffice profile, so tests converting at the same time do not hand their files
/// to one another's instance. A missing `soffice` fails the test (`.ci/run` installs it).
pub fn libreoffice_pdfs(docx: &[&Path], out: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new("soffice");
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(docx);
    if let Err(e) = Command::new("soffice").arg("--version").output() {
        panic!("`soffice` (LibreOffice) is needed by this test: {e}");
    }
    let (output, _) = output_within(command, std::time::Duration::from_secs(240));
    assert!(output.status.success(), "soffice: {}", stderr(&output));
    docx.iter()
        .map(|path| {
            let stem = path.file_stem().expect("a file name");
            let pdf = out.join(stem).with_extension("pdf");
            assert!(
                pdf.is_file(),
                "LibreOffice did not convert {}: {}",
                path.display(),
                stderr(&output)
            );
            pdf
        })
        .collect()
}

/// The identifiers a profile states (domains, e-mail addresses, phone numbers, 备案号,
/// licence numbers, credit codes): every ASCII token with a dot, `@` or hyphen inside, and
/// every value holding a 备案 or licence number, read from the YAML's string values.
pub fn profile_identifiers(path: &Path) -> std::collections::BTreeSet<String> {
    fn walk(value: &serde_yaml::Value, out: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_yaml::Value::String(s) => {
                if s.contains("ICP备") && s.chars().count() < 30 {
                    out.insert(squeeze(s));
                }
                for token in
                    s.split(|c: char| !(c.is_ascii_graphic()) || "，。（）()、；：,;".contains(c))
                {
                    let token = token.trim_end_matches(['.', ':']);
                    let inner = token.contains(['.', '@', '-']);
                    if inner && token.len() >= 6 && token.chars().any(|c| c.is_ascii_alphanumeric())
                    {
                        out.insert(token.to_string());
                    }
                }
            }
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| walk(v, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut out = std::collections::BTreeSet::new();
    walk(&value, &mut out);
    out
}
