//! Thin entry point: parse the command line, call the library, report errors once.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use icp_docs::style::StyleName;
use icp_docs::{documents::DOCUMENTS, Formats, GenerateOptions};

use cli::{Cli, Command, FormatArg, StyleArg};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<(), icp_docs::Error> {
    match cli.command {
        Command::Generate(args) => {
            let options = GenerateOptions {
                profile: args.profile,
                province: args.province,
                out_dir: args.out,
                templates: args.templates,
                formats: Formats {
                    docx: args.format.contains(&FormatArg::Docx),
                    pdf: args.format.contains(&FormatArg::Pdf),
                },
                style: match args.style {
                    StyleArg::Formal => StyleName::Formal,
                    StyleArg::Compact => StyleName::Compact,
                },
                markdown: args.markdown,
                only: args.only,
            };
            let report = icp_docs::generate(&options)?;
            // Output may go to a pipe that closes early (`| head`): ignore write errors.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "wrote {} file(s) to {}",
                report.written.len(),
                report.dir.display()
            );
            for path in &report.written {
                let _ = writeln!(out, "  {}", path.display());
            }
        }
        Command::Provinces => {
            let listing = icp_docs::variant::provinces_listing()
                .map_err(|e| icp_docs::Error::Render(icp_docs::render::RenderError::Variant(e)))?;
            // Output may go to a pipe that closes early (`| head`): ignore write errors.
            let _ = std::io::stdout().lock().write_all(listing.as_bytes());
        }
        Command::Documents => {
            let mut out = std::io::stdout().lock();
            for d in &DOCUMENTS {
                let _ = writeln!(out, "{:<20}{}", d.id, d.file_stem);
            }
        }
    }
    Ok(())
}
