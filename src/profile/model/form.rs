//! Facts the online form (电信业务市场综合管理信息系统) asks for that the documents do not
//! need: who answers for the licence, how the company is classified, where mail goes, the
//! scans it holds. All optional: what can be derived is derived (`crate::form`), and
//! `check` says what is still missing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::zh::date::Date;

/// 是否上市（含新三板）.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Listing {
    /// Not listed anywhere (否).
    No,
    /// Listed on a mainland stock exchange (上交所, 深交所, 北交所).
    Domestic,
    /// Quoted on the 全国中小企业股份转让系统 (新三板).
    Neeq,
    /// Listed outside the mainland.
    Overseas,
}

/// The 盈利模式 tick of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProfitModel {
    /// 前向用户收费: users pay for the service.
    Front,
    /// 后向平台服务收费: advertisers or businesses on the platform pay.
    Back,
    /// 混合: both.
    Mixed,
}

impl ProfitModel {
    /// The option as the form prints it.
    pub fn label(self) -> &'static str {
        match self {
            ProfitModel::Front => "前向用户收费",
            ProfitModel::Back => "后向平台服务收费",
            ProfitModel::Mixed => "混合",
        }
    }
}

/// 邮寄地址及邮编: where the authority mails the licence and notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mailing {
    pub address: String,
    #[serde(default)]
    pub postcode: Option<String>,
    /// Who receives the mail; the 许可负责人 when left out.
    #[serde(default)]
    pub recipient: Option<String>,
}

/// The three people the form names (公司及人员情况表), each by name: a key person, the
/// contact or the legal representative. Left out, they are read from the profile: the
/// licence from `company.contact`, customer service from the key person whose role says
/// 客服, security from `security.officer`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponsiblePersons {
    /// 许可负责人
    #[serde(default)]
    pub licence: Option<String>,
    /// 客服负责人
    #[serde(default)]
    pub customer_service: Option<String>,
    /// 安全负责人
    #[serde(default)]
    pub security: Option<String>,
}

/// A registered trademark (商标证书, an optional upload of the form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trademark {
    /// The mark as registered, e.g. 青禾学堂.
    pub name: String,
    /// 注册号
    #[serde(default)]
    pub number: Option<String>,
    /// Nice classes, e.g. `第41类`.
    #[serde(default)]
    pub classes: Option<String>,
    #[serde(default)]
    pub valid_until: Option<Date>,
}

/// An administrative penalty imposed on the company by a telecom authority (通信管理局 or
/// 工业和信息化部). One within three years of the application calls for a
/// 《守法诚信经营特别承诺书》.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// Date of the decision.
    pub date: Date,
    /// E.g. 浙江省通信管理局.
    pub authority: String,
    /// 行政处罚决定书 number, e.g. 浙通罚〔2024〕12号.
    #[serde(default)]
    pub decision: Option<String>,
    /// What it was for, in the company's words.
    pub reason: String,
    /// How it was corrected (整改情况).
    #[serde(default)]
    pub corrected: Option<String>,
}

/// One path, or several, of scans the company holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Paths {
    One(String),
    Many(Vec<String>),
}

impl Paths {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Paths::One(path) => vec![path.as_str()],
            Paths::Many(paths) => paths.iter().map(String::as_str).collect(),
        }
    }
}

/// An upload the form accepts that has no key of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherAttachment {
    /// What it is, as the checklist should name it, e.g. 网站首页截图.
    pub name: String,
    pub paths: Paths,
}

/// The scans the company holds, by path (relative to the profile's folder): PDF, JPEG or GIF,
/// at most 5 MB each. `generate` checks them and copies them into the upload folder in the
/// checklist's order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachments {
    /// 营业执照副本
    #[serde(default)]
    pub business_licence: Option<Paths>,
    /// 国家企业信用信息公示系统截图 (营业执照信息 and 股东及出资信息, every page).
    #[serde(default)]
    pub registry_screenshots: Option<Paths>,
    /// 域名证书
    #[serde(default)]
    pub domain_certificates: Option<Paths>,
    /// 商标证书
    #[serde(default)]
    pub trademark_certificates: Option<Paths>,
    /// 服务器托管或云服务协议, 网络接入协议
    #[serde(default)]
    pub hosting_agreements: Option<Paths>,
    /// 社会保险缴纳证明 of the three responsible persons.
    #[serde(default)]
    pub social_insurance: Option<Paths>,
    /// 办公场所租赁合同及产权证明
    #[serde(default)]
    pub office_proof: Option<Paths>,
    /// 前置审批文件
    #[serde(default)]
    pub prior_approvals: Option<Paths>,
    /// 支付服务协议
    #[serde(default)]
    pub payment_agreement: Option<Paths>,
    /// 网站首页截图 (the 备案号 at the bottom of the home page).
    #[serde(default)]
    pub homepage_screenshots: Option<Paths>,
    #[serde(default)]
    pub others: Vec<OtherAttachment>,
}
