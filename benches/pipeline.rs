//! How long the parts take: rendering the documents of the example profile, typesetting
//! them, writing them as DOCX and as PDF, and the whole `generate` into a temporary folder,
//! all through the `Pipeline` as `generate` uses it. Whole-process figures (a fresh process
//! each time, side by side with pandoc) are measured with hyperfine: see README.md.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use icp_docs::style::StyleSheet;
use icp_docs::{Format, GenerateOptions, Pipeline};

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/example.yaml")
}

fn pipeline(c: &mut Criterion) {
    let pipeline = Pipeline::new(None).expect("templates load");
    let application = pipeline
        .prepare(&example(), None)
        .expect("the example checks");
    let style = StyleSheet::formal();

    c.bench_function("render all documents to the model", |b| {
        b.iter(|| pipeline.documents(&application, None).expect("renders"))
    });

    let documents = pipeline.documents(&application, None).expect("renders");
    c.bench_function("typeset all documents", |b| {
        b.iter(|| {
            for d in &documents {
                pipeline.typeset(d, &style).expect("typesets");
            }
        })
    });
    for (name, format) in [
        ("write all DOCX", Format::Docx),
        ("write all PDF", Format::Pdf),
    ] {
        c.bench_function(&format!("{name} (typeset included)"), |b| {
            b.iter(|| {
                for d in &documents {
                    pipeline.write(d, &[format], &style).expect("writes");
                }
            })
        });
    }

    let out = tempfile::tempdir().expect("temp dir");
    let options = GenerateOptions {
        profile: example(),
        province: None,
        out_dir: out.path().to_path_buf(),
        formats: vec![Format::Pdf, Format::Docx],
        style: icp_docs::style::StyleName::Formal,
        only: None,
        force: true,
    };
    c.bench_function("generate: load, check, render, write DOCX + PDF", |b| {
        b.iter(|| pipeline.generate(&options).expect("generates"))
    });
}

/// What the user waits for at the command line: a fresh process each time.
fn command_line(c: &mut Criterion) {
    let binary = env!("CARGO_BIN_EXE_icp-docs");
    let out = tempfile::tempdir().expect("temp dir");
    let generate = |extra: &[&str]| {
        let status = std::process::Command::new(binary)
            .arg("generate")
            .arg(example())
            .arg("--out")
            .arg(out.path())
            .args(extra)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success());
    };
    c.bench_function("cli: full set from a cold process (DOCX + PDF)", |b| {
        b.iter(|| generate(&["--force"]))
    });
    generate(&[]);
    c.bench_function("cli: regenerate with nothing changed", |b| {
        b.iter(|| generate(&[]))
    });

    // 100 distinct profiles in one batch.
    let work = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(example()).expect("example");
    let paths: Vec<std::path::PathBuf> = (0..100)
        .map(|i| {
            let path = work.path().join(format!("company-{i:03}.yaml"));
            let body = text.replacen("青禾学堂", &format!("青禾学堂{i}号"), 1);
            std::fs::write(&path, body).expect("write profile");
            path
        })
        .collect();
    let mut group = c.benchmark_group("cli: batch");
    group.sample_size(10);
    group.bench_function("100 profiles, all documents, DOCX + PDF", |b| {
        b.iter(|| {
            let status = std::process::Command::new(binary)
                .arg("generate")
                .args(&paths)
                .arg("--out")
                .arg(work.path().join("out"))
                .arg("--force")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("runs");
            assert!(status.success());
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pipeline, command_line
}
criterion_main!(benches);
