//! The on-call fields: a debugging guide's `alerts:` (alert names that open
//! it, each tied to the source that defines the alert) and an incident's
//! record (UTC timeline in order, trigger, impact, detection, contributing
//! factors; the vocabularies are data in taxonomy.yaml).

use super::Ctx;
use crate::frontmatter::FrontMatter;
use crate::model::IncidentRecord;
use crate::rules::Rule;
use crate::runbook::Runbook;

pub const NOT_PUBLISHED: &str = "not published";

/// What the on-call fields give the index.
pub(crate) struct OnCall {
    pub alerts: Vec<String>,
    /// When the entry has any incident field.
    pub record: Option<IncidentRecord>,
    /// Step 1's first command, when the entry has a runbook.
    pub first_move: Option<crate::runbook::FirstMove>,
}

/// Checks the families.
pub(crate) fn check(ctx: &mut Ctx<'_>, fm: &FrontMatter, book: Option<&Runbook>) -> OnCall {
    let first_move = book.and_then(|b| steps(ctx, b));
    OnCall {
        alerts: alerts(ctx, fm),
        record: record(ctx, fm),
        first_move,
    }
}

/// A `## Steps` runbook (see [`crate::runbook`]): steps numbered from 1,
/// each with its kind, a command, and somewhere each outcome leads; a
/// destructive step warns before its command. Links to `#step-N` are
/// checked with every other link. Returns the runbook's first command.
fn steps(ctx: &mut Ctx<'_>, book: &Runbook) -> Option<crate::runbook::FirstMove> {
    use crate::runbook::StepKind;
    if book.steps.is_empty() {
        let at = ctx.body_line(book.line);
        ctx.report(
            Rule::Steps,
            at,
            "`## Steps` has no steps: write each as `### Step N: what it finds out (read-only)`",
        );
        return None;
    }
    let kinds = StepKind::ALL.map(|(name, _)| name).join(", ");
    for (i, step) in book.steps.iter().enumerate() {
        let at = ctx.body_line(step.line);
        let n = i + 1;
        if step.number != Some(n) {
            ctx.report(Rule::Steps, at, format!("step {n} must be headed `### Step {n}: …` (steps are numbered 1, 2, 3 in order)"));
            continue;
        }
        if step.kind.is_none() {
            ctx.report(
                Rule::Steps,
                at,
                format!(
                    "step {n} does not say what its commands do: end its heading with ({kinds})"
                ),
            );
        }
        let stop = ["stop", "escalate"]
            .iter()
            .any(|w| step.title.to_lowercase().starts_with(w));
        if step.commands == 0 && !stop {
            ctx.report(Rule::Steps, at, format!("step {n} has no command: give the command that answers it (only a \"Stop …\" or \"Escalate …\" step may have none)"));
        }
        if step.links.is_empty() {
            ctx.report(Rule::Steps, at, format!("step {n} is a dead end: say where each outcome leads, e.g. \"go to [step {}](#step-{})\"", n + 1, n + 1));
        }
        if step.kind == Some(StepKind::Destructive) && !step.warned_first {
            ctx.report(Rule::Steps, at, format!("step {n} is destructive: put a **Warning:** line before its command saying what it destroys"));
        }
    }
    book.first_move()
}

/// Characters an alert name may have: Prometheus alert names, CloudWatch
/// metric names (`:`, `.`, `-`); no spaces or slashes, so it is one path
/// segment of `/alert/<name>`.
pub fn is_alert_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 120
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-'))
        && !name.starts_with('.')
}

fn alerts(ctx: &mut Ctx<'_>, fm: &FrontMatter) -> Vec<String> {
    let Some(list) = &fm.alerts else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let at = ctx.item_line("alerts", i);
        let n = i + 1;
        let Some(name) = a.name.as_deref().map(str::trim) else {
            ctx.report(Rule::Alerts, at, format!("alert {n} has no `name`"));
            continue;
        };
        if !is_alert_name(name) {
            ctx.report(
                Rule::Alerts,
                at,
                format!("alert `{name}` is not an alert name: letters, digits and _ : . - only, as the rule file spells it"),
            );
            continue;
        }
        match a.source {
            None => ctx.report(
                Rule::Alerts,
                at,
                format!("alert `{name}` needs `source:`, the number of the entry in `sources` that defines it (the rule file or alarm documentation)"),
            ),
            Some(s) if s == 0 || s > fm.sources.len() => ctx.report(
                Rule::Alerts,
                at,
                format!(
                    "alert `{name}` cites source {s}, but the entry has {} source{}",
                    fm.sources.len(),
                    if fm.sources.len() == 1 { "" } else { "s" }
                ),
            ),
            Some(_) => {}
        }
        if names.iter().any(|x: &String| x == name) {
            ctx.report(Rule::Alerts, at, format!("alert `{name}` is listed twice"));
            continue;
        }
        names.push(name.to_string());
    }
    names
}

/// A UTC instant as the atlas writes it, with its precision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instant {
    pub day: String,
    /// Minutes since midnight, when the time of day is published.
    pub minute: Option<u32>,
}

impl Instant {
    /// `YYYY-MM-DDTHH:MMZ` (or with `:SS`), or a day `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Instant, String> {
        let s = s.trim();
        let (day, time) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        super::fields::check_date(day, false)?;
        let minute = match time {
            None => None,
            Some(t) => {
                let t = t.strip_suffix('Z').ok_or(
                    "needs its time zone: write UTC with a final Z, e.g. 2021-10-04T15:39Z",
                )?;
                let parts: Vec<&str> = t.split(':').collect();
                let num = |p: &str, max: u32| {
                    (p.len() == 2 && p.chars().all(|c| c.is_ascii_digit()))
                        .then(|| p.parse::<u32>().ok())
                        .flatten()
                        .filter(|v| *v <= max)
                };
                match parts.as_slice() {
                    [h, m] | [h, m, _] if parts.get(2).is_none_or(|s| num(s, 59).is_some()) => {
                        match (num(h, 23), num(m, 59)) {
                            (Some(h), Some(m)) => Some(h * 60 + m),
                            _ => {
                                return Err(
                                    "has no such time of day; write HH:MM, 00:00 to 23:59".into()
                                )
                            }
                        }
                    }
                    _ => return Err("is not a UTC time; write YYYY-MM-DDTHH:MMZ".into()),
                }
            }
        };
        Ok(Instant {
            day: day.to_string(),
            minute,
        })
    }

    /// Whether `self` is not after `other`, at the precision both have.
    pub fn not_after(&self, other: &Instant) -> bool {
        match self.day.cmp(&other.day) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => match (self.minute, other.minute) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            },
        }
    }
}

fn record(ctx: &mut Ctx<'_>, fm: &FrontMatter) -> Option<IncidentRecord> {
    let any = fm.started.is_some()
        || fm.detected.is_some()
        || fm.mitigated.is_some()
        || fm.resolved.is_some()
        || fm.trigger.is_some()
        || fm.impact.is_some()
        || fm.detection.is_some()
        || fm.contributing_factors.is_some();
    if !any {
        return None;
    }
    let mut rec = IncidentRecord::default();
    // The timeline, in order, at the precision each time has.
    let mut seen: Vec<(&str, Instant)> = Vec::new();
    for (field, value, slot) in [
        ("started", &fm.started, &mut rec.started),
        ("detected", &fm.detected, &mut rec.detected),
        ("mitigated", &fm.mitigated, &mut rec.mitigated),
        ("resolved", &fm.resolved, &mut rec.resolved),
    ] {
        let Some(v) = value.as_deref().map(str::trim) else {
            continue;
        };
        if v == NOT_PUBLISHED {
            continue;
        }
        let at = ctx.line(field, None);
        match Instant::parse(v) {
            Err(why) => ctx.report(
                Rule::IncidentRecord,
                at,
                format!("`{field}: {v}` {why} (or write \"{NOT_PUBLISHED}\")"),
            ),
            Ok(t) => {
                if let Some((before, earlier)) = seen.iter().find(|(_, e)| !e.not_after(&t)) {
                    ctx.report(
                        Rule::IncidentRecord,
                        at,
                        format!("`{field}` ({v}) is before `{before}` ({}); the order is started ≤ detected ≤ mitigated ≤ resolved", show(earlier)),
                    );
                }
                seen.push((field, t));
                *slot = Some(v.to_string());
            }
        }
    }
    let vocab = |ctx: &Ctx<'_>, field: &str| -> Vec<String> {
        let list = match field {
            "trigger" => &ctx.taxonomy.triggers,
            "impact" => &ctx.taxonomy.impacts,
            _ => &ctx.taxonomy.detections,
        };
        list.iter().map(|t| t.id.clone()).collect()
    };
    for (field, value) in [("trigger", &fm.trigger), ("detection", &fm.detection)] {
        let Some(v) = value.as_deref().map(str::trim) else {
            continue;
        };
        if v == NOT_PUBLISHED {
            continue;
        }
        let ids = vocab(ctx, field);
        if ids.iter().any(|i| i == v) {
            if field == "trigger" {
                rec.trigger = Some(v.to_string());
            } else {
                rec.detection = Some(v.to_string());
            }
        } else {
            ctx.report(
                Rule::IncidentRecord,
                ctx.line(field, None),
                format!(
                    "`{field}: {v}` is not one of {} (or \"{NOT_PUBLISHED}\")",
                    ids.join(", ")
                ),
            );
        }
    }
    let impacts = vocab(ctx, "impact");
    for (i, v) in fm.impact.iter().flatten().enumerate() {
        if impacts.iter().any(|x| x == v) {
            rec.impact.push(v.clone());
        } else {
            ctx.report(
                Rule::IncidentRecord,
                ctx.item_line("impact", i),
                format!("impact `{v}` is not one of {}", impacts.join(", ")),
            );
        }
    }
    for (i, v) in fm.contributing_factors.iter().flatten().enumerate() {
        let known = ctx.taxonomy.guarantees.iter().any(|g| &g.id == v)
            || ctx.taxonomy.mechanisms.iter().any(|m| &m.id == v);
        if known {
            rec.contributing_factors.push(v.clone());
        } else {
            ctx.report(
                Rule::IncidentRecord,
                ctx.item_line("contributing_factors", i),
                format!("contributing factor `{v}` is not a guarantee (G-…) or mechanism (M…) id in taxonomy.yaml"),
            );
        }
    }
    Some(rec)
}

fn show(t: &Instant) -> String {
    match t.minute {
        Some(m) => format!("{}T{:02}:{:02}Z", t.day, m / 60, m % 60),
        None => t.day.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_parse_and_order_at_their_precision() {
        let t = |s: &str| Instant::parse(s).unwrap();
        assert_eq!(t("2021-10-04T15:39Z").minute, Some(15 * 60 + 39));
        assert_eq!(t("2021-10-04T15:39:07Z").minute, Some(15 * 60 + 39));
        assert_eq!(t("2021-10-04").minute, None);
        assert!(Instant::parse("2021-10-04T15:39").is_err(), "no zone");
        assert!(Instant::parse("2021-10-04T24:00Z").is_err());
        assert!(Instant::parse("2021-02-30T10:00Z").is_err());
        assert!(t("2021-10-04T15:39Z").not_after(&t("2021-10-04T15:40Z")));
        assert!(!t("2021-10-04T15:41Z").not_after(&t("2021-10-04T15:40Z")));
        assert!(
            t("2021-10-04").not_after(&t("2021-10-04T00:01Z")),
            "a day holds its times"
        );
        assert!(!t("2021-10-05").not_after(&t("2021-10-04T23:59Z")));
    }

    #[test]
    fn alert_names() {
        assert!(is_alert_name("KubePodCrashLooping"));
        assert!(is_alert_name("etcdHighNumberOfFailedGRPCRequests"));
        assert!(is_alert_name("ReadThrottleEvents"));
        assert!(!is_alert_name("AWS/DynamoDB"), "one path segment");
        assert!(!is_alert_name("Kube Pod"));
        assert!(!is_alert_name("../x"));
        assert!(!is_alert_name(""));
    }
}
