//! Marginals: the running header with its rule and the page number in the footer.

use super::flow::Typesetter;
use super::inline::single_line;
use super::items::{Item, Page};
use super::TypesetError;
use crate::document::RunningHeader;
use crate::style::{mm_to_pt, PageNumberStyle};
use crate::text::EM_BOX_ASCENT;

impl Typesetter<'_> {
    /// Running header, rule and page number (`None` for none) of a body page.
    pub(super) fn decorate(
        &self,
        page: &mut Page,
        header: Option<&RunningHeader>,
        number: Option<usize>,
        total: usize,
    ) -> Result<(), TypesetError> {
        let f = &self.frame;
        let st = &self.style.header_footer;
        let rule_y = f.top - 0.5 * self.style.body.size_pt - 4.0;
        let header_base = rule_y - 4.0 - (1.0 - EM_BOX_ASCENT) * st.size_pt;
        let (left_text, right_text) = header.map_or((String::new(), String::new()), |h| {
            (h.left.clone(), h.right.clone())
        });
        if !left_text.is_empty() || !right_text.is_empty() {
            // Shrink the header until company and title fit side by side.
            let mut size = st.size_pt;
            loop {
                let l = self.measure_str(&left_text, st.face, size)?;
                let r = self.measure_str(&right_text, st.face, size)?;
                let gap = if l.chars.is_empty() || r.chars.is_empty() {
                    0.0
                } else {
                    2.0 * size
                };
                if l.width() + r.width() + gap <= f.width || size <= 7.0 {
                    page.items.extend(single_line(&l, f.left, header_base));
                    page.items
                        .extend(single_line(&r, f.left + f.width - r.width(), header_base));
                    break;
                }
                size -= 0.5;
            }
            page.items.push(Item::Rule {
                x1: f.left,
                y1: rule_y,
                x2: f.left + f.width,
                y2: rule_y,
                width: self.style.header_rule_pt,
            });
        }
        let Some(number) = number else {
            return Ok(());
        };
        let text = match self.style.page_numbers {
            PageNumberStyle::Dashes => format!("— {number} —"),
            PageNumberStyle::OfTotal => format!("第 {number} 页 共 {total} 页"),
        };
        let m = self.measure_str(&text, st.face, st.size_pt)?;
        // GB/T 9704: the page number line sits 7 mm below the text frame; printed on both
        // sides, odd numbers one character in from the right, even ones from the left.
        let base = f.bottom + mm_to_pt(7.0) + EM_BOX_ASCENT * st.size_pt;
        let x = match (self.style.two_sided, number % 2) {
            (false, _) => f.left + (f.width - m.width()) / 2.0,
            (true, 1) => f.left + f.width - m.width() - st.size_pt,
            (true, _) => f.left + st.size_pt,
        };
        page.items.extend(single_line(&m, x, base));
        Ok(())
    }
}
