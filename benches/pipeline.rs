//! How long the user waits: rendering the documents of the example profile, writing them as
//! DOCX and as PDF (font parsing included, as a fresh process pays it), and the whole
//! `generate` into a temporary folder.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use icp_docs::render::Renderer;
use icp_docs::style::StyleSheet;
use icp_docs::{Formats, GenerateOptions};

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/example.yaml")
}

fn pipeline(c: &mut Criterion) {
    let (profile, _) = icp_docs::profile::load_profile(&example()).expect("example loads");
    let province = icp_docs::resolve_province(&profile, None).expect("province");
    let renderer = Renderer::new(None).expect("templates load");
    let style = StyleSheet::formal();

    c.bench_function("render all documents to the model", |b| {
        b.iter(|| icp_docs::render_documents(&profile, province, &renderer, None).expect("renders"))
    });

    let documents =
        icp_docs::render_documents(&profile, province, &renderer, None).expect("renders");
    c.bench_function("write all DOCX", |b| {
        b.iter(|| {
            for d in &documents {
                icp_docs::docx::write_docx(&d.document, &style, None).expect("docx");
            }
        })
    });
    c.bench_function("write all PDF (fonts parsed)", |b| {
        b.iter(|| {
            let fonts = icp_docs::pdf::PdfFonts::load_embedded().expect("fonts");
            for d in &documents {
                icp_docs::pdf::write_pdf(&d.document, &style, &fonts).expect("pdf");
            }
        })
    });

    let out = tempfile::tempdir().expect("temp dir");
    let options = GenerateOptions {
        profile: example(),
        province: None,
        out_dir: out.path().to_path_buf(),
        templates: None,
        formats: Formats {
            docx: true,
            pdf: true,
        },
        style: icp_docs::style::StyleName::Formal,
        markdown: false,
        only: None,
    };
    c.bench_function("generate: load, check, render, write DOCX + PDF", |b| {
        b.iter(|| icp_docs::generate(&options).expect("generates"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pipeline
}
criterion_main!(benches);
