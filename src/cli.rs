//! Command-line definitions (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "icp-docs",
    version,
    about = "Generate the documents of a value-added telecom licence (ICP/EDI) application from one company profile\n从一份企业信息档案生成增值电信业务经营许可申请材料"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate all documents of a profile as DOCX (and PDF) / 生成申请文档
    Generate(GenerateArgs),
    /// Check a profile for everything that would get the application bounced / 检查企业信息档案
    Check(CheckArgs),
    /// Typeset any Markdown file in the house style / 将 Markdown 文件排版为 PDF 或 DOCX
    Render(RenderArgs),
    /// Print the JSON Schema of the profile format / 输出企业信息档案的 JSON Schema
    Schema,
    /// Write a commented starter profile / 生成企业信息档案模板
    Init(InitArgs),
    /// List the provinces and their authorities / 列出各省通信管理局
    Provinces,
    /// List the documents that can be generated / 列出可生成的文档
    Documents,
    /// List the feature, server and security-product kinds the documents know / 列出可识别的功能、服务器和安全产品类型
    Catalogue,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The company profile(s) (YAML); several are generated in parallel
    #[arg(required = true, num_args = 1..)]
    pub profiles: Vec<PathBuf>,
    /// Rewrite every file, even unchanged ones and files edited by hand
    #[arg(long)]
    pub force: bool,
    /// Keep running and regenerate whenever a profile or an override template is saved
    #[arg(long)]
    pub watch: bool,
    /// Licensing province: slug (zhejiang) or name (浙江); overrides the profile
    #[arg(long)]
    pub province: Option<String>,
    /// Output folder; documents go to OUT/<profile>/<province>/
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Folder of templates searched before the built-in ones (<variant>/ and base/ inside)
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Formats to write, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "docx,pdf")]
    pub format: Vec<FormatArg>,
    /// Style sheet: formal (GB/T 9704), formal-two-sided (page numbers on the outer edge, for
    /// printing on both sides) or compact
    #[arg(long, value_enum, default_value = "formal")]
    pub style: StyleArg,
    /// Only these documents (ids from `icp-docs documents`), comma-separated
    #[arg(long, value_delimiter = ',')]
    pub only: Option<Vec<String>>,
    /// Also write each document's rendered Markdown beside it
    #[arg(long)]
    pub markdown: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The company profile (YAML)
    pub profile: PathBuf,
    /// Folder of templates whose `<province>/variant.yaml` replaces the built-in rules
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Licensing province: slug (zhejiang) or name (浙江); overrides the profile
    #[arg(long)]
    pub province: Option<String>,
    /// Output: human-readable text or JSON for scripts
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
    /// Exit with status 1 when there are warnings (errors always give 2)
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// A Markdown file, optionally starting with a metadata block (title, subtitle, author,
    /// date; applicant and recipient for an application cover)
    pub input: PathBuf,
    /// Formats to write, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "pdf")]
    pub to: Vec<FormatArg>,
    /// Output folder
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Style sheet: formal (GB/T 9704), formal-two-sided (page numbers on the outer edge, for
    /// printing on both sides) or compact
    #[arg(long, value_enum, default_value = "formal")]
    pub style: StyleArg,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the profile
    #[arg(default_value = "profile.yaml")]
    pub path: PathBuf,
    /// Licensing province: slug (zhejiang) or name (浙江)
    #[arg(long, default_value = "zhejiang")]
    pub province: String,
    /// Licence type
    #[arg(long, value_enum, default_value = "icp")]
    pub licence: LicenceArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LicenceArg {
    #[value(name = "ICP", alias = "icp")]
    Icp,
    #[value(name = "EDI", alias = "edi")]
    Edi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Docx,
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StyleArg {
    Formal,
    /// `formal` for printing on both sides: page numbers on the outer edge.
    FormalTwoSided,
    Compact,
}
