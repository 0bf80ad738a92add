//! The fill-in sheet as one self-contained HTML page: inline style and script, no request
//! to the network (its Content-Security-Policy forbids any), a copy button beside every
//! value, so that it can stay open from disk beside the online form.

use super::{Field, Section, Sheet};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1f2933; background: #fff; line-height: 1.55; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.meta { color: #52606d; margin: 0 0 1rem; }
nav ol { columns: 2; padding-left: 1.5rem; margin: 0 0 1.5rem; }
section { border-top: 2px solid #2f3b47; margin-top: 1.5rem; padding-top: .5rem; }
h2 { font-size: 1.15rem; margin: .25rem 0; }
.note { color: #52606d; margin: .25rem 0 .75rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #cbd2d9; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f5f9; width: 12rem; font-weight: 600; }
td.value { word-break: break-all; }
td.action { width: 4.5rem; text-align: center; }
td.hint { color: #52606d; font-size: .9rem; width: 14rem; }
.empty { color: #b42318; }
.options { list-style: none; padding: 0; margin: .25rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; color: #52606d; }
.options .chosen { color: #1f2933; font-weight: 600; }
button.copy { font: inherit; font-size: .85rem; padding: .15rem .6rem; border: 1px solid #4d5b6a; border-radius: 4px;
  background: #fff; cursor: pointer; }
button.copy:hover { background: #e2e9f2; }
button.copy.done { background: #2f3b47; color: #fff; }
ul.uploads { margin: .5rem 0 0; padding-left: 1.5rem; }
@media print { button.copy, td.action { display: none; } }
"#;

const SCRIPT: &str = r#"
"use strict";
function copyFallback(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  document.body.removeChild(area);
  return ok;
}
function copied(button, ok) {
  button.setAttribute("data-copied", ok ? "yes" : "no");
  button.textContent = ok ? "已复制" : "请手动复制";
  button.classList.toggle("done", ok);
  setTimeout(function () { button.textContent = "复制"; button.classList.remove("done"); }, 1500);
}
function copyValue(button) {
  const text = button.getAttribute("data-value");
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(
      function () { copied(button, true); },
      function () { copied(button, copyFallback(text)); });
  } else {
    copied(button, copyFallback(text));
  }
}
document.addEventListener("click", function (event) {
  const button = event.target.closest("button.copy");
  if (button) { copyValue(button); }
});
"#;

/// Escapes text for HTML content and double-quoted attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The page of `sheet`.
pub fn page(sheet: &Sheet) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
    );
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!(
        "<title>{}——{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&sheet.company),
        escape(&sheet.title)
    ));
    html.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"meta\">{}　申请{}　报送{}　{}</p>\n",
        escape(&sheet.title),
        escape(&sheet.company),
        escape(&sheet.licence),
        escape(&sheet.authority),
        escape(&sheet.date)
    ));
    html.push_str("<nav><ol>\n");
    for (i, section) in sheet.sections.iter().enumerate() {
        html.push_str(&format!(
            "<li><a href=\"#s{}\">{}</a></li>\n",
            i + 1,
            escape(&section.title)
        ));
    }
    html.push_str("</ol></nav>\n");
    for (i, section) in sheet.sections.iter().enumerate() {
        push_section(&mut html, i + 1, section);
    }
    html.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    html
}

fn push_section(html: &mut String, number: usize, section: &Section) {
    html.push_str(&format!(
        "<section id=\"s{number}\">\n<h2>{number}. {}</h2>\n",
        escape(&section.title)
    ));
    if !section.note.is_empty() {
        html.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&section.note)
        ));
    }
    if !section.fields.is_empty() {
        html.push_str("<table>\n");
        for (j, field) in section.fields.iter().enumerate() {
            push_field(html, &format!("f{number}-{}", j + 1), field);
        }
        html.push_str("</table>\n");
    }
    if !section.ticks.is_empty() {
        html.push_str(
            "<p class=\"note\">勾选承诺项（据部分省份表单字段整理，以系统为准；由公司按实际情况勾选）：</p>\n<ul class=\"uploads\">\n",
        );
        for tick in &section.ticks {
            html.push_str(&format!(
                "<li>□ <strong>{}</strong>：{}</li>\n",
                escape(&tick.label),
                escape(&tick.refer)
            ));
        }
        html.push_str("</ul>\n");
    }
    if !section.uploads.is_empty() {
        html.push_str("<p class=\"note\">上传材料：</p>\n<ul class=\"uploads\">\n");
        for upload in &section.uploads {
            html.push_str(&format!(
                "<li><strong>{}</strong>：{}</li>\n",
                escape(&upload.name),
                escape(&upload.source)
            ));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
}

fn push_field(html: &mut String, id: &str, field: &Field) {
    html.push_str(&format!(
        "<tr id=\"{id}\">\n<th>{}</th>\n",
        escape(&field.label)
    ));
    if field.has_value() {
        html.push_str(&format!(
            "<td class=\"value\"><span class=\"text\">{}</span>",
            escape(&field.value)
        ));
    } else {
        html.push_str("<td class=\"value\"><span class=\"text empty\">（待补充）</span>");
    }
    if !field.options.is_empty() {
        html.push_str("<ul class=\"options\">");
        for option in &field.options {
            let (mark, class) = if option.chosen {
                ("■", " class=\"chosen\"")
            } else {
                ("□", "")
            };
            html.push_str(&format!("<li{class}>{mark} {}</li>", escape(&option.label)));
        }
        html.push_str("</ul>");
    }
    html.push_str("</td>\n<td class=\"action\">");
    if field.has_value() {
        html.push_str(&format!(
            "<button type=\"button\" class=\"copy\" data-value=\"{}\" aria-label=\"复制{}\">复制</button>",
            escape(&field.value),
            escape(&field.label)
        ));
    }
    html.push_str(&format!(
        "</td>\n<td class=\"hint\">{}</td>\n</tr>\n",
        escape(&field.note)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_in_text_and_attributes() {
        let sheet = Sheet {
            title: "在线填报信息表".into(),
            company: "A&B".into(),
            authority: "浙江省通信管理局".into(),
            licence: "x".into(),
            date: "2026年12月8日".into(),
            sections: vec![Section {
                title: "t".into(),
                note: String::new(),
                fields: vec![Field::text("域名", "a\"<b>'&", "")],
                uploads: Vec::new(),
                ticks: Vec::new(),
            }],
        };
        let page = page(&sheet);
        assert!(
            page.contains("data-value=\"a&quot;&lt;b&gt;&#39;&amp;\""),
            "{page}"
        );
        assert!(page.contains("<title>A&amp;B——在线填报信息表</title>"));
        assert!(!page.contains("http://") && !page.contains("https://"));
    }
}
