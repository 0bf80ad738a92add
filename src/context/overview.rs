//! Values the 公司概况 needs that the profile holds only implicitly: the shareholding traced
//! to natural persons (with the indirect shares multiplied out) and the company's head.
//! Templates see them as `overview.*`.

use serde::Serialize;

use crate::profile::model::{KeyPerson, Profile, ShareholderKind};

#[derive(Debug, Clone, Serialize)]
pub struct Overview<'a> {
    /// Every natural person at the end of the ownership chain, in the order they first
    /// appear (direct shareholders first, then through the company shareholders).
    pub persons: Vec<UltimatePerson>,
    /// One entry per company shareholder, with its owners and their indirect shares.
    pub chains: Vec<Chain>,
    /// Names of company shareholders whose owners the profile does not give.
    pub untraced: Vec<String>,
    /// The key person who heads the company (role 总经理/总裁/首席执行官), or none.
    pub head: Option<&'a KeyPerson>,
    /// Sum of the shareholders' contributions, yuan (saturating: `check` refuses sums over
    /// 10^12 yuan before anything is rendered).
    pub contribution_total: u64,
    /// Sum of the shareholders' shares as printed, percent: each share rounded to two
    /// decimals first, so the 合计 row is what its rows add up to (100 when the register is
    /// complete; `check` refuses rows that print a different total).
    pub share_total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UltimatePerson {
    pub name: String,
    pub nationality: Option<String>,
    /// Percent of the company held directly (0 when none).
    pub direct: f64,
    /// Percent of the company held through company shareholders (0 when none).
    pub indirect: f64,
    /// `direct + indirect`.
    pub total: f64,
    /// The company shareholders the indirect share is held through.
    pub via: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    /// The company shareholder.
    pub name: String,
    /// Its share of the company, percent.
    pub share: f64,
    pub owners: Vec<ChainOwner>,
    /// Sum of the owners' shares of the shareholder as printed (100 when fully traced).
    pub owners_total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainOwner {
    pub name: String,
    pub nationality: Option<String>,
    /// Percent of the shareholder this person owns.
    pub share_of_shareholder: f64,
    /// Percent of the company this person holds through the shareholder.
    pub indirect: f64,
}

/// Percent of a percent, rounded to 1/10000 of a percent so that 40 % × 70 % prints as 28 %.
fn of(outer: f64, inner: f64) -> f64 {
    round(outer * inner / 100.0)
}

fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// The total of a column of percentages as printed (two decimals per row, see
/// [`crate::zh::numerals::hundredths`]).
pub fn printed_total(shares: impl IntoIterator<Item = f64>) -> f64 {
    let hundredths = shares
        .into_iter()
        .map(crate::zh::numerals::hundredths)
        .fold(0i64, i64::saturating_add);
    hundredths as f64 / 100.0
}

/// Derives the overview values of `profile`.
pub fn overview(profile: &Profile) -> Overview<'_> {
    let company = &profile.company;
    let mut persons: Vec<UltimatePerson> = Vec::new();
    let mut person = |name: &str, nationality: Option<&String>| -> usize {
        match persons.iter().position(|p| p.name == name.trim()) {
            Some(index) => {
                if persons[index].nationality.is_none() {
                    persons[index].nationality = nationality.cloned();
                }
                index
            }
            None => {
                persons.push(UltimatePerson {
                    name: name.trim().to_string(),
                    nationality: nationality.cloned(),
                    direct: 0.0,
                    indirect: 0.0,
                    total: 0.0,
                    via: Vec::new(),
                });
                persons.len() - 1
            }
        }
    };
    let mut direct_shares = Vec::new();
    for s in company
        .shareholders
        .iter()
        .filter(|s| s.kind == ShareholderKind::Person)
    {
        direct_shares.push((person(&s.name, s.nationality.as_ref()), s.share));
    }
    let mut chains = Vec::new();
    let mut untraced = Vec::new();
    let mut indirect_shares = Vec::new();
    for s in company
        .shareholders
        .iter()
        .filter(|s| s.kind == ShareholderKind::Company)
    {
        if s.ultimate_owners.is_empty() {
            untraced.push(s.name.clone());
        }
        let owners: Vec<ChainOwner> = s
            .ultimate_owners
            .iter()
            .map(|o| {
                let indirect = of(s.share, o.share);
                indirect_shares.push((
                    person(&o.name, o.nationality.as_ref()),
                    indirect,
                    s.name.clone(),
                ));
                ChainOwner {
                    name: o.name.trim().to_string(),
                    nationality: o.nationality.clone(),
                    share_of_shareholder: o.share,
                    indirect,
                }
            })
            .collect();
        chains.push(Chain {
            name: s.name.clone(),
            share: s.share,
            owners_total: printed_total(s.ultimate_owners.iter().map(|o| o.share)),
            owners,
        });
    }
    for (index, share) in direct_shares {
        persons[index].direct = round(persons[index].direct + share);
    }
    for (index, share, via) in indirect_shares {
        let p = &mut persons[index];
        p.indirect = round(p.indirect + share);
        if !p.via.contains(&via) {
            p.via.push(via);
        }
    }
    for p in &mut persons {
        p.total = round(p.direct + p.indirect);
    }
    let head = company.staff.key_people.iter().find(|p| {
        ["总经理", "总裁", "首席执行官", "CEO"]
            .iter()
            .any(|r| p.role.contains(r))
    });
    Overview {
        persons,
        chains,
        untraced,
        head,
        contribution_total: company
            .shareholders
            .iter()
            .map(|s| s.contribution)
            .fold(0u64, u64::saturating_add),
        share_total: printed_total(company.shareholders.iter().map(|s| s.share)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::profile::example;

    #[test]
    fn example_indirect_shares() {
        let profile = example();
        let o = overview(&profile);
        let share = |name: &str| o.persons.iter().find(|p| p.name == name).unwrap().clone();
        assert_eq!(share("陈明远").direct, 60.0);
        assert_eq!(share("陈明远").indirect, 0.0);
        assert_eq!(share("周敏").indirect, 28.0);
        assert_eq!(share("王立新").indirect, 12.0);
        assert_eq!(
            share("王立新").via,
            vec!["杭州禾木投资合伙企业（有限合伙）".to_string()]
        );
        assert_eq!(o.chains.len(), 1);
        assert_eq!(o.chains[0].owners_total, 100.0);
        assert!(o.untraced.is_empty());
        assert_eq!(o.head.map(|p| p.name.as_str()), Some("陈明远"));
        assert_eq!((o.contribution_total, o.share_total), (1_000_000, 100.0));
        let total: f64 = o.persons.iter().map(|p| p.total).sum();
        assert_eq!(total, 100.0);
    }

    #[test]
    fn person_holding_directly_and_indirectly_is_one_row() {
        let mut profile = example();
        profile.company.shareholders[1].ultimate_owners[1].name = "陈明远".into();
        let o = overview(&profile);
        assert_eq!(o.persons.len(), 2);
        let chen = &o.persons[0];
        assert_eq!((chen.direct, chen.indirect, chen.total), (60.0, 12.0, 72.0));
    }

    #[test]
    fn totals_are_the_sum_of_the_printed_rows() {
        let mut profile = example();
        for s in &mut profile.company.shareholders {
            s.share = 33.333;
        }
        let o = overview(&profile);
        // Two rows of 33.33% print a 合计 of 66.66%, not 66.67%.
        assert_eq!(o.share_total, 66.66);
        profile.company.shareholders[0].contribution = u64::MAX;
        assert_eq!(overview(&profile).contribution_total, u64::MAX);
    }

    #[test]
    fn untraced_company_shareholder_is_reported() {
        let mut profile = example();
        profile.company.shareholders[1].ultimate_owners.clear();
        let o = overview(&profile);
        assert_eq!(
            o.untraced,
            vec!["杭州禾木投资合伙企业（有限合伙）".to_string()]
        );
        assert_eq!(o.persons.len(), 1);
    }
}
