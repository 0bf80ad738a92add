//! The scans a profile lists and the upload folder: each file checked as the upload system
//! takes it (present, PDF/JPEG/GIF by content, at most 5 MB, no archives), the checklist
//! saying which items are provided, missing or not uploadable, and `上传材料/` holding the
//! generated PDFs and the valid scans in the checklist's order. Nothing is written outside
//! the output folder.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

const ATTACHMENTS: &str = "
attachments:
  business_licence: 扫描件/营业执照副本.pdf
  registry_screenshots: 扫描件/公示系统截图.zip
  domain_certificates:
    - 扫描件/域名证书.jpg
    - 扫描件/域名证书-备用.gif
  hosting_agreements: 扫描件/云服务协议.pdf
  social_insurance: 扫描件/社保缴纳证明.pdf
  others:
    - { name: 网站首页截图（含备案号）, paths: 扫描件/首页截图.png.jpg }
";

/// The header of a JPEG of `w` × `h` pixels (its start-of-frame marker is what is read).
fn tiny_jpeg(w: u16, h: u16) -> Vec<u8> {
    let mut data = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46];
    data.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
    data.extend_from_slice(&h.to_be_bytes());
    data.extend_from_slice(&w.to_be_bytes());
    data.extend_from_slice(&[0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    data.extend_from_slice(&[0xFF, 0xD9]);
    data
}

/// A folder holding the sample profile with its scans: one too large, one missing (the
/// social-insurance proof), one an archive, one a JPEG named as such.
fn applicant() -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(example_profile()).expect("sample");
    let profile = work.path().join("qinghe.yaml");
    std::fs::write(&profile, format!("{text}{ATTACHMENTS}")).expect("profile");
    let scans = work.path().join("扫描件");
    std::fs::create_dir(&scans).expect("scans folder");
    std::fs::write(
        scans.join("营业执照副本.pdf"),
        b"%PDF-1.4\n% licence scan\n%%EOF\n",
    )
    .unwrap();
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(&[0; 64]);
    std::fs::write(scans.join("公示系统截图.zip"), zip).unwrap();
    let jpeg = tiny_jpeg(1240, 1754);
    std::fs::write(scans.join("域名证书.jpg"), &jpeg).unwrap();
    std::fs::write(scans.join("域名证书-备用.gif"), b"GIF89a tiny").unwrap();
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(5_200_000, b' ');
    std::fs::write(scans.join("云服务协议.pdf"), big).unwrap();
    std::fs::write(scans.join("首页截图.png.jpg"), &jpeg).unwrap();
    (work, profile)
}

/// Every file under `dir` (but `skip`) with its bytes.
fn tree(dir: &Path, skip: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path == skip {
            continue;
        }
        if path.is_dir() {
            out.extend(tree(&path, skip));
        } else {
            out.insert(path.clone(), std::fs::read(&path).expect("read"));
        }
    }
    out
}

#[test]
fn check_reports_each_scan_that_cannot_be_uploaded_at_its_line() {
    let (_work, profile) = applicant();
    let output = run(&["check", profile.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json report");
    let findings = json["findings"].as_array().expect("findings");
    let of = |rule: &str| -> Vec<(String, u64)> {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                (
                    f["path"].as_str().unwrap_or_default().to_string(),
                    f["line"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    };
    let lines = std::fs::read_to_string(&profile).unwrap();
    let line_of = |needle: &str| {
        lines
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i as u64 + 1)
            .unwrap_or_default()
    };
    assert_eq!(
        of("attachment-missing"),
        vec![(
            "attachments.social_insurance".to_string(),
            line_of("社保缴纳证明.pdf")
        )]
    );
    let invalid = of("attachment-invalid");
    assert!(invalid.contains(&(
        "attachments.registry_screenshots".to_string(),
        line_of("公示系统截图.zip")
    )));
    assert!(invalid.contains(&(
        "attachments.hosting_agreements".to_string(),
        line_of("云服务协议.pdf")
    )));
    assert_eq!(invalid.len(), 2, "{invalid:?}");
    // Warnings: the documents can still be generated.
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn the_upload_folder_holds_what_can_be_uploaded_in_the_checklists_order() {
    let (work, profile) = applicant();
    let out = work.path().join("out");
    let before = tree(work.path(), &out);
    let output = run(&[
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Nothing outside the output folder changed.
    assert_eq!(tree(work.path(), &out), before);
    let dir = out.join("qinghe/zhejiang");
    let upload = dir.join("上传材料");
    let mut names: Vec<String> = std::fs::read_dir(&upload)
        .expect("the upload folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let expected_in_order = [
        "01-公司概况.pdf",
        "02-营业执照副本.pdf",
        "04-股权结构图.pdf",
        "05-股东追溯不涉及外资承诺书.pdf",
        "06-业务发展和实施计划.pdf",
        "13-域名证书-1.jpg",
        "13-域名证书-2.gif",
    ];
    let mut position = 0;
    for name in expected_in_order {
        let at = names[position..]
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no {name} after {position} in {names:?}"));
        position += at + 1;
    }
    // Not the archive, not the oversized agreement, not the missing proof.
    for absent in ["公示系统截图", "云服务", "社会保险"] {
        assert!(!names.iter().any(|n| n.contains(absent)), "{names:?}");
    }
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("-网站首页截图（含备案号）.jpg")),
        "{names:?}"
    );
    // Copies are byte for byte.
    assert_eq!(
        std::fs::read(upload.join("02-营业执照副本.pdf")).unwrap(),
        std::fs::read(work.path().join("扫描件/营业执照副本.pdf")).unwrap()
    );
    assert_eq!(
        std::fs::read(upload.join("04-股权结构图.pdf")).unwrap(),
        std::fs::read(dir.join("股权结构图.pdf")).unwrap()
    );

    // The checklist says which items are there, missing or not uploadable, and why.
    let cells = docx_paragraphs(&dir.join("申请材料清单.docx"));
    assert_in_order(
        &cells,
        &[
            "营业执照副本",
            "已提供",
            "已提供营业执照副本.pdf",
            "国家企业信用信息公示系统截图",
            "不符合上传要求",
            "压缩包不能上传",
            "域名证书",
            "已提供",
            "已提供域名证书.jpg、域名证书-备用.gif",
            "不符合上传要求",
            "超过5MB",
            "社会保险缴纳证明",
            "缺失",
            "扫描件/社保缴纳证明.pdf不存在",
            "网站首页截图（含备案号）",
            "已提供",
        ],
    );

    // The fill-in sheet says the same beside each form's uploads.
    let sheet = docx_paragraphs(&dir.join("在线填报信息表.docx"));
    assert_in_order(
        &sheet,
        &[
            "公司域名证书（必传）：已提供域名证书.jpg、域名证书-备用.gif",
            "社会保险缴纳证明：缺失：扫描件/社保缴纳证明.pdf不存在",
        ],
    );

    // A second run changes nothing.
    let again = run(&[
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("wrote 0,"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

#[test]
fn a_scan_removed_from_the_profile_leaves_the_upload_folder() {
    let (work, profile) = applicant();
    let out = work.path().join("out");
    let args = [
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(run(&args).status.code(), Some(0));
    let upload = out.join("qinghe/zhejiang/上传材料");
    assert!(upload.join("02-营业执照副本.pdf").is_file());
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(
        &profile,
        text.replace("  business_licence: 扫描件/营业执照副本.pdf\n", ""),
    )
    .unwrap();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!upload.join("02-营业执照副本.pdf").exists());
    // The scan itself is the user's and stays.
    assert!(work.path().join("扫描件/营业执照副本.pdf").is_file());
}

#[test]
fn without_pdfs_the_upload_folder_holds_only_the_scans() {
    let (work, profile) = applicant();
    let out = work.path().join("out");
    let output = run(&[
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let upload = out.join("qinghe/zhejiang/上传材料");
    let names: Vec<String> = std::fs::read_dir(&upload)
        .expect("the upload folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert!(
        names.contains(&"02-营业执照副本.pdf".to_string()),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("公司概况")), "{names:?}");
    // A full run adds the documents; one of a single document leaves the others' copies.
    let args = [
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(run(&args).status.code(), Some(0));
    assert!(upload.join("01-公司概况.pdf").is_file());
    let mut only = args.to_vec();
    only.extend(["--only", "technical_plan"]);
    assert_eq!(run(&only).status.code(), Some(0));
    assert!(upload.join("01-公司概况.pdf").is_file());
    assert!(upload.join("07-技术方案.pdf").is_file());
}

#[test]
fn more_than_ten_images_are_merged_into_one_pdf_per_item() {
    let work = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(example_profile()).expect("sample");
    let scans = work.path().join("scans");
    std::fs::create_dir(&scans).unwrap();
    let mut listed = String::new();
    for i in 1..=11 {
        std::fs::write(scans.join(format!("page-{i}.jpg")), tiny_jpeg(1240, 1754)).unwrap();
        listed.push_str(&format!("    - scans/page-{i}.jpg\n"));
    }
    std::fs::write(scans.join("licence.jpg"), tiny_jpeg(1754, 1240)).unwrap();
    let profile = work.path().join("qinghe.yaml");
    std::fs::write(
        &profile,
        format!("{text}\nattachments:\n  business_licence: scans/licence.jpg\n  registry_screenshots:\n{listed}"),
    )
    .unwrap();
    let check = run(&["check", profile.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let images = json["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "attachment-images"))
        .cloned()
        .expect("a finding on the images");
    assert_eq!(images["severity"], "note", "{images}");
    let out = work.path().join("out");
    let output = run(&[
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let upload = out.join("qinghe/zhejiang/上传材料");
    let merged = upload.join("03-国家企业信用信息公示系统截图（营业执照信息、股东及出资信息）.pdf");
    let pdf = lopdf::Document::load(&merged).expect("a merged PDF");
    assert_eq!(pdf.get_pages().len(), 11);
    assert_eq!(
        lopdf::Document::load(upload.join("02-营业执照副本.pdf"))
            .expect("the licence as a PDF")
            .get_pages()
            .len(),
        1
    );
    let jpgs = std::fs::read_dir(&upload)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "jpg")
        })
        .count();
    assert_eq!(jpgs, 0);
}

#[test]
fn a_changed_scan_is_copied_again_although_the_profile_is_the_same() {
    let (work, profile) = applicant();
    let out = work.path().join("out");
    let args = [
        "generate",
        profile.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(run(&args).status.code(), Some(0));
    let scan = work.path().join("扫描件/营业执照副本.pdf");
    let rescanned = b"%PDF-1.4\n% rescanned in colour\n%%EOF\n";
    std::fs::write(&scan, rescanned).unwrap();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let copy = out.join("qinghe/zhejiang/上传材料/02-营业执照副本.pdf");
    assert_eq!(std::fs::read(copy).unwrap(), rescanned);
}
