//! Thin entry point: parse the command line, call the library, report errors once.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use icp_docs::check::report::{escape_for_terminal, escape_json_for_terminal};
use icp_docs::context::documents::DOCUMENTS;
use icp_docs::style::StyleName;
use icp_docs::{Format, GenerateOptions, Pipeline};

use cli::{Cli, Command, FormatArg, LicenceArg, ReportFormat, StyleArg};

/// Exit status: 0 success, 1 warnings with `--deny-warnings`, 2 errors.
fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(icp_docs::Error::Findings(report)) => {
            eprintln!("{}", report.to_text(use_color()));
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("error: {}", escape_for_terminal(&err.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Colour for text going to `stream` (stderr unless said): only on a terminal, never with
/// NO_COLOR set.
fn use_color_on(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn use_color() -> bool {
    use_color_on(&std::io::stderr())
}

fn run(cli: Cli) -> Result<ExitCode, icp_docs::Error> {
    match cli.command {
        Command::Check(args) => return check(&args),
        Command::Generate(args) => return generate(args),
        Command::Render(args) => {
            let formats = formats(&args.to, false);
            let rendered =
                icp_docs::render_file(&args.input, &formats, &args.out, style_name(args.style))?;
            for key in &rendered.ignored_keys {
                let key = escape_for_terminal(key);
                eprintln!("warning: metadata key `{key}` is not used by icp-docs (ignored)");
            }
            let mut out = std::io::stdout().lock();
            for path in &rendered.written {
                let _ = writeln!(
                    out,
                    "wrote {}",
                    escape_for_terminal(&path.display().to_string())
                );
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
                let _ = writeln!(
                    out,
                    "wrote {}",
                    escape_for_terminal(&path.display().to_string())
                );
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
        Command::Catalogue => {
            let listing = icp_docs::catalogue::Catalogue::builtin()?.listing();
            let _ = std::io::stdout().lock().write_all(listing.as_bytes());
        }
        Command::Documents => {
            let mut out = std::io::stdout().lock();
            for d in &DOCUMENTS {
                let line = format!("{:<22}{}", d.id, d.file_stem);
                let _ = match d.when.describe() {
                    "" => writeln!(out, "{line}"),
                    when => writeln!(out, "{line} ({when})"),
                };
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `check`: the report as text or JSON. With `--format json` the output is JSON whatever
/// happens, also when the profile cannot be read at all.
fn check(args: &cli::CheckArgs) -> Result<ExitCode, icp_docs::Error> {
    let result = Pipeline::new(args.templates.as_deref())
        .and_then(|pipeline| pipeline.check(&args.profile, args.province.as_deref()));
    let mut out = std::io::stdout().lock();
    let checked = match (result, args.format) {
        (Ok(checked), _) => checked,
        (Err(err), ReportFormat::Json) => {
            let json = icp_docs::check::report::Report::error_json(
                &args.profile,
                err.rule(),
                &err.to_string(),
                err.hint(),
            );
            let _ = writeln!(out, "{}", escape_json_for_terminal(&format!("{json:#}")));
            return Ok(ExitCode::from(2));
        }
        (Err(err), ReportFormat::Human) => return Err(err),
    };
    let report = &checked.report;
    // The checklist of the province applied to (none when the profile got no further).
    let materials = match (&checked.profile, &checked.facts, checked.variant()) {
        (Some(profile), Some(facts), Some(variant)) => {
            let mut list = icp_docs::context::materials::checklist(profile, facts, variant);
            icp_docs::context::materials::apply_scans(&mut list, &checked.scans);
            Some(list)
        }
        _ => None,
    };
    let _ = match args.format {
        ReportFormat::Human => {
            let color = use_color_on(&std::io::stdout());
            let table = materials
                .as_deref()
                .map(icp_docs::context::materials::terminal_table)
                .unwrap_or_default();
            writeln!(
                out,
                "{}\n\n{}",
                report.to_text(color),
                escape_for_terminal(&table)
            )
        }
        ReportFormat::Json => {
            let mut json = report.to_json();
            json["materials"] = serde_json::json!(materials);
            writeln!(out, "{}", escape_json_for_terminal(&format!("{json:#}")))
        }
    };
    Ok(if report.has_errors() {
        ExitCode::from(2)
    } else if args.deny_warnings && report.count(icp_docs::check::Severity::Warning) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The formats asked for, in the order files are written; `markdown` adds the templates'
/// Markdown.
fn formats(asked: &[FormatArg], markdown: bool) -> Vec<Format> {
    let mut formats = Vec::new();
    if asked.contains(&FormatArg::Pdf) {
        formats.push(Format::Pdf);
    }
    if asked.contains(&FormatArg::Docx) {
        formats.push(Format::Docx);
    }
    if markdown {
        formats.push(Format::Markdown);
    }
    formats
}

fn style_name(style: StyleArg) -> StyleName {
    match style {
        StyleArg::Formal => StyleName::Formal,
        StyleArg::FormalTwoSided => StyleName::FormalTwoSided,
        StyleArg::Compact => StyleName::Compact,
    }
}

/// `generate`: one profile, a batch in parallel, or a watch loop.
fn generate(args: cli::GenerateArgs) -> Result<ExitCode, icp_docs::Error> {
    let jobs: Vec<GenerateOptions> = args
        .profiles
        .iter()
        .map(|profile| GenerateOptions {
            profile: profile.clone(),
            province: args.province.clone(),
            out_dir: args.out.clone(),
            formats: formats(&args.format, args.markdown),
            style: style_name(args.style),
            only: args.only.clone(),
            force: args.force,
        })
        .collect();
    // A run that would change nothing is seen before the templates are loaded.
    let looked_for_unchanged = jobs.len() == 1 && !args.watch;
    if let [job] = jobs.as_slice() {
        if looked_for_unchanged {
            if let Some(report) = icp_docs::unchanged_run(job, args.templates.as_deref()) {
                print_report(&report, true);
                return Ok(RunStatus::Complete.exit_code());
            }
        }
    }
    let pipeline = Pipeline::new(args.templates.as_deref())?;
    let status = run_jobs(&pipeline, &jobs, looked_for_unchanged);
    if !args.watch {
        return Ok(status.exit_code());
    }
    eprintln!("watching for changes (Ctrl-C to stop) / 正在监视文件变化");
    let spec = icp_docs::pipeline::watch::WatchSpec {
        files: args.profiles.clone(),
        dirs: args.templates.iter().cloned().collect(),
        // Our own writes must not trigger another run (`--templates .` with the output
        // inside).
        ignore: vec![args.out.clone()],
    };
    icp_docs::pipeline::watch::watch(
        &spec,
        || {
            // Templates may have changed: reload them for each run.
            match Pipeline::new(args.templates.as_deref()) {
                Ok(pipeline) => {
                    run_jobs(&pipeline, &jobs, false);
                }
                Err(err) => eprintln!("error: {}", escape_for_terminal(&err.to_string())),
            }
            true
        },
        |notice| eprintln!("note: {}", escape_for_terminal(&notice.to_string())),
    )
    .map_err(icp_docs::Error::Watch)?;
    Ok(ExitCode::SUCCESS)
}

/// A run allocates and frees the compressors' buffers (a few hundred kilobytes each)
/// hundreds of times; glibc gives blocks that large back to the system at once, so each
/// came back as fresh pages to fault in: a sixth of a cold run's processor time. A
/// short-lived process can keep them.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets allocator parameters; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

/// How a generate run ended, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RunStatus {
    /// A profile failed: nothing or not everything was generated.
    Failed,
    /// Generated, but some files on disk are not what the profile gives (kept).
    Kept,
    Complete,
}

impl RunStatus {
    /// 2 for a failure, 1 when files were kept, 0 when the folder matches the profile.
    fn exit_code(self) -> ExitCode {
        match self {
            RunStatus::Failed => ExitCode::from(2),
            RunStatus::Kept => ExitCode::from(1),
            RunStatus::Complete => ExitCode::SUCCESS,
        }
    }
}

/// An error of one job, naming its profile once.
fn job_error(job: &GenerateOptions, err: &icp_docs::Error) -> String {
    let text = err.to_string();
    let profile = job.profile.display().to_string();
    if text.contains(&profile) {
        text
    } else {
        format!("{profile}: {text}")
    }
}

/// What one profile's run did; `single` when it was the only one (then warnings and
/// every file written are shown).
fn print_report(report: &icp_docs::GenerateReport, single: bool) {
    if let Some(warnings) = report.warnings(use_color()).filter(|_| single) {
        eprintln!("{warnings}");
    }
    for note in &report.notes {
        let note = format!("{}: {note}", report.dir.display());
        eprintln!("note: {}", escape_for_terminal(&note));
    }
    let mut out = std::io::stdout().lock();
    // Output may go to a pipe that closes early (`| head`): ignore write errors.
    let _ = writeln!(out, "{}", escape_for_terminal(&report.summary()));
    if single {
        for path in &report.written {
            let path = path.display().to_string();
            let _ = writeln!(out, "  wrote {}", escape_for_terminal(&path));
        }
    }
}

/// Runs the jobs and prints what happened; `looked_for_unchanged` when the caller already
/// found that a single job's run would change something.
fn run_jobs(
    pipeline: &Pipeline,
    jobs: &[GenerateOptions],
    looked_for_unchanged: bool,
) -> RunStatus {
    let print = |job: &GenerateOptions,
                 result: &Result<icp_docs::GenerateReport, icp_docs::Error>| {
        match result {
            Ok(report) => print_report(report, jobs.len() == 1),
            Err(icp_docs::Error::Findings(report)) => {
                eprintln!("{}", report.to_text(use_color()));
            }
            Err(err) => eprintln!("error: {}", escape_for_terminal(&job_error(job, err))),
        }
    };
    let status = |result: &Result<icp_docs::GenerateReport, icp_docs::Error>| match result {
        Ok(report) if report.complete() => RunStatus::Complete,
        Ok(_) => RunStatus::Kept,
        Err(_) => RunStatus::Failed,
    };
    if jobs.len() == 1 {
        let result = if looked_for_unchanged {
            pipeline.generate_in_full(&jobs[0])
        } else {
            pipeline.generate(&jobs[0])
        };
        print(&jobs[0], &result);
        return status(&result);
    }
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} profiles {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let results = icp_docs::generate_batch(pipeline, jobs, |job, result| match &bar {
        Some(bar) => {
            bar.suspend(|| {
                if result.is_err() {
                    print(job, result)
                }
            });
            bar.inc(1);
        }
        None => print(job, result),
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let failed = results.iter().filter(|r| r.is_err()).count();
    let kept = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|r| !r.complete()))
        .count();
    let mut summary = format!(
        "{} profile(s): {} generated, {failed} failed",
        jobs.len(),
        jobs.len() - failed
    );
    if kept > 0 {
        summary.push_str(&format!(", {kept} with files kept (--force replaces them)"));
    }
    eprintln!("{summary}");
    results
        .iter()
        .map(status)
        .min()
        .unwrap_or(RunStatus::Complete)
}
