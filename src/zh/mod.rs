//! Chinese conventions shared by the steps: dates in both styles (and the one file-date
//! policy), Chinese and financial numerals, clock-time ranges.

pub mod clock;
pub mod date;
pub mod numerals;
