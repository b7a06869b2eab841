//! The sentences that make the figures explain themselves, shared by the view, the CLI and
//! the README: who counts as a rater, which codes are compared, what each figure is, and a
//! cell that says how many units stand behind its figure.

use super::{CodeFilter, Report, Rollup, Stats, Unit};

/// What each figure is, one definition a line (the view's help and the CLI's footnote; the
/// README says the same).
pub const DEFINITIONS: [&str; 8] = [
    "Unit: a paragraph × code (did the coder apply the code anywhere in the paragraph?) or a character × code (is the character inside the coder's highlight with the code?).",
    "Percent agreement: for each unit, the share of coder pairs who gave it the same value; the mean of that over the units two or more coders rated. With two coders, the share of units both coded alike.",
    "Overall pools every unit × code row into one table; it is not an average of the per-code figures.",
    "Cohen's kappa (two coders only) and Fleiss' kappa use only the units every coder rated; with two coders Fleiss' kappa is Scott's pi.",
    "Krippendorff's alpha (nominal) uses every unit two or more coders rated, missing values allowed. Its 95 % interval is bootstrapped (Krippendorff's and Hayes' method, seeded), with the probability that alpha is below the minimum.",
    "Character units give per-character nominal alpha, not Krippendorff's unitizing alpha; u-alpha (Krippendorff 1995, 2004) is given beside it, over the cases every coder rated, their texts one continuum.",
    "With character units and a semantic domain, cu-alpha (as in ATLAS.ti; Krippendorff et al. 2016) is agreement on which code of the domain coders gave the characters two or more of them coded with the domain (a coder who gave none is not paired there, not \"none\"), leaving aside where they cut, a coder's run of one code counting as one judgement; Cu-alpha is the same with the semantic domains as the values (the codes' ancestors at the domain's level, so with --codes RAT,ACT --domain RAT the domains are RAT and ACT).",
    "A semantic domain treats the codes of one family as the values of one variable: per unit, the code each coder applied there, or none.",
];

/// Who rated which case, as the report applies it.
pub fn raters(r: &Report) -> String {
    let n = r.coders.len();
    match r.marking {
        0 => "Raters: no coder marks the cases they coded, so a coder rated every case they wrote anything on (a highlight, a note, a memo or a deleted item); a coder with nothing on a case is missing there.".to_owned(),
        m if m == n => "Raters: every coder marks the cases they coded; exactly the marked cases count as rated (a coder who found nothing there rated every unit absent).".to_owned(),
        m => format!("Raters: {m} of {n} coders mark the cases they coded and rated exactly those; the others rated every case they wrote anything on."),
    }
}

/// Which codes were compared, and which were left out.
pub fn codes(r: &Report) -> String {
    let which = match &r.filter {
        CodeFilter::All => "every code".to_owned(),
        CodeFilter::Family(f) => format!("the codes under {f}"),
        CodeFilter::Codes(c) => format!(
            "the codes chosen ({}, each with the codes under it)",
            c.join(", ")
        ),
    };
    let rolled = match &r.rollup {
        None => String::new(),
        Some(Rollup::Level(l)) => {
            format!(", rolled up to level {l} (a parent counts its children)")
        }
        Some(Rollup::Parents(p)) => format!(
            ", rolled up to {} (each counts the codes under it)",
            p.join(", ")
        ),
    };
    let mut text = format!(
        "Codes: {which} used on a case two or more coders rated{rolled} ({} of {} case(s) have two or more raters).",
        r.shared_cases, r.cases
    );
    if !r.left_out.is_empty() {
        text.push_str(&format!(
            " Left out, used only on cases a single coder rated: {}.",
            r.left_out.join(", ")
        ));
    }
    text
}

/// How many highlights were left out as orphans, or `None`.
pub fn orphans(r: &Report) -> Option<String> {
    (!r.orphans.is_empty()).then(|| {
        format!(
            "{} highlight(s) could not be found in the current text (orphaned) and count in no unit.",
            r.orphans.len()
        )
    })
}

/// The u-alpha line ("Unitizing alpha (u-alpha): 0.859 over 2 case(s), 4,210 characters"),
/// when character units were asked for.
pub fn unitizing(r: &Report) -> Option<String> {
    let u = r.unitizing.as_ref()?;
    Some(match (u.cases, u.alpha) {
        (0, _) => "Unitizing alpha (u-alpha): n/a, no case was rated by every coder.".to_owned(),
        (n, Some(a)) => format!(
            "Unitizing alpha (u-alpha): {a:.3} over {n} case(s) every coder rated ({} characters).",
            u.chars
        ),
        (n, None) => format!(
            "Unitizing alpha (u-alpha): n/a over {n} case(s) every coder rated: no coder marked a unit."
        ),
    })
}

/// The cu-alpha and Cu-alpha lines, when character units and a semantic domain were asked for.
pub fn coding(r: &Report) -> Vec<String> {
    let Some(c) = r.coding.as_ref() else {
        return Vec::new();
    };
    let family = r.domain.as_ref().map_or("", |d| d.family.as_str());
    let line = |name: &str, over: &str, s: &Stats| {
        let figure = match s.alpha {
            Some(a) => format!("{a:.3}"),
            None if s.one_category => "100 %, one value only".to_owned(),
            None => "n/a".to_owned(),
        };
        let interval = interval(s).map_or_else(String::new, |i| format!(", 95 % {i}"));
        format!(
            "{name}: {figure} over {} character(s) two or more coders gave {over}{interval}.",
            s.units.round()
        )
    };
    vec![
        line("cu-alpha", &format!("a code of {family}"), &c.cu),
        line(
            "Cu-alpha",
            &format!("a code of the domains {}", c.domains.join(", ")),
            &c.domains_cu,
        ),
    ]
}

/// The unit's name.
pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Paragraph => "paragraph × code",
        Unit::Char => "character × code",
    }
}

/// Text of a kappa or alpha cell: the figure with its units, "100 %, one category only" when
/// every value fell in one category, or "n/a (0 units)".
pub fn cell(value: Option<f64>, units: f64, s: &Stats) -> String {
    let n = units.round();
    match value {
        Some(v) => format!("{v:.3} ({n} units)"),
        None if s.one_category && units > 0.0 => format!("100 %, one category only ({n} units)"),
        None => format!("n/a ({n} units)"),
    }
}

/// The alpha interval ("0.41 – 0.72, P(α < 0.667) = 0.31"), or `None` without a bootstrap.
pub fn interval(s: &Stats) -> Option<String> {
    s.confidence.map(|c| {
        format!(
            "{:.3} – {:.3}, P(α < {}) = {:.3}",
            c.low, c.high, c.minimum, c.below
        )
    })
}
