//! Thin entry point: parse the command line, call the library, report errors once.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use icp_docs::style::StyleName;
use icp_docs::{documents::DOCUMENTS, Formats, GenerateOptions};

use cli::{Cli, Command, FormatArg, LicenceArg, ReportFormat, StyleArg};

/// Exit status: 0 success, 1 warnings with `--deny-warnings`, 2 errors.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(icp_docs::Error::Findings(report)) => {
            eprintln!("{}", report.render(use_color()));
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn use_color() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("NO_COLOR").is_none()
}

fn run(cli: Cli) -> Result<ExitCode, icp_docs::Error> {
    match cli.command {
        Command::Check(args) => {
            let (profile, report) = icp_docs::check(&args.profile, args.province.as_deref())?;
            let materials = profile.as_ref().map(icp_docs::materials::checklist);
            let mut out = std::io::stdout().lock();
            let _ = match args.format {
                ReportFormat::Human => {
                    let color = std::io::IsTerminal::is_terminal(&std::io::stdout())
                        && std::env::var_os("NO_COLOR").is_none();
                    let table = materials
                        .as_deref()
                        .map(icp_docs::materials::render_table)
                        .unwrap_or_default();
                    writeln!(out, "{}\n\n{table}", report.render(color))
                }
                ReportFormat::Json => {
                    let mut json = report.to_json();
                    json["materials"] = serde_json::json!(materials);
                    writeln!(out, "{json:#}")
                }
            };
            return Ok(if report.has_errors() {
                ExitCode::from(2)
            } else if args.deny_warnings
                && report.count(icp_docs::profile::check::Severity::Warning) > 0
            {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
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
                style: style_name(args.style),
                markdown: args.markdown,
                only: args.only,
            };
            let report = icp_docs::generate(&options)?;
            if !report.findings.diagnostics.is_empty() {
                eprintln!("{}", report.findings.render(use_color()));
            }
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
        Command::Render(args) => {
            let formats = Formats {
                docx: args.to.contains(&FormatArg::Docx),
                pdf: args.to.contains(&FormatArg::Pdf),
            };
            let written =
                icp_docs::render_file(&args.input, formats, &args.out, style_name(args.style))?;
            let mut out = std::io::stdout().lock();
            for path in &written {
                let _ = writeln!(out, "wrote {}", path.display());
            }
        }
        Command::Schema => {
            let _ = writeln!(std::io::stdout().lock(), "{:#}", icp_docs::profile_schema());
        }
        Command::Init(args) => {
            let licence = match args.licence {
                LicenceArg::Icp => icp_docs::profile::model::Licence::Icp,
                LicenceArg::Edi => icp_docs::profile::model::Licence::Edi,
            };
            let written = icp_docs::init(&args.path, &args.province, licence)?;
            let mut out = std::io::stdout().lock();
            for path in &written {
                let _ = writeln!(out, "wrote {}", path.display());
            }
            let _ = writeln!(
                out,
                "next: replace every 待填写 and 0 with your facts, then `icp-docs check {}`",
                args.path.display()
            );
        }
        Command::Provinces => {
            let listing = icp_docs::variant::provinces_listing()?;
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
    Ok(ExitCode::SUCCESS)
}

fn style_name(style: StyleArg) -> StyleName {
    match style {
        StyleArg::Formal => StyleName::Formal,
        StyleArg::Compact => StyleName::Compact,
    }
}
