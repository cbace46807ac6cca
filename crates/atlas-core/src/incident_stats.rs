//! Statistics across incidents, from the index alone (the incident records):
//! trigger × plane counts, durations and times to detect and mitigate, the
//! guarantees and mechanisms most often among contributing factors; and the
//! aligned timeline of a few chosen incidents.

use std::collections::BTreeMap;

use crate::model::{EntryMeta, Index};
use crate::taxonomy::Facet;
use crate::utc::civil_minutes;

/// One row of the trigger × plane table.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerRow {
    /// A trigger id, or [`NOT_PUBLISHED_ID`].
    pub trigger: String,
    pub label: String,
    /// Per plane, in taxonomy order.
    pub counts: Vec<u32>,
    pub total: u32,
}

/// A span of an incident, in minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Position in `index.entries`.
    pub entry: usize,
    pub minutes: u32,
}

/// A labelled count (a contributing factor, an impact, a detection).
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub id: String,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IncidentStats {
    pub incidents: u32,
    /// (plane id, plane name), the table's columns.
    pub planes: Vec<(String, String)>,
    pub by_trigger: Vec<TriggerRow>,
    /// Started → resolved, for incidents with both to the minute.
    pub durations: Vec<Span>,
    /// Started → detected.
    pub to_detect: Vec<Span>,
    /// Started → mitigated.
    pub to_mitigate: Vec<Span>,
    /// Most frequent first.
    pub factors: Vec<Tally>,
    pub impacts: Vec<Tally>,
    pub detections: Vec<Tally>,
}

/// The id of the "not published" row and bars.
pub const NOT_PUBLISHED_ID: &str = "not-published";

/// The label the "not published" row and bars carry.
pub const NOT_PUBLISHED_LABEL: &str = "Not published";

impl IncidentStats {
    /// Over the entries with an incident record (the category that
    /// requires one is data in taxonomy.yaml).
    pub fn from_index(index: &Index) -> IncidentStats {
        let incidents: Vec<(usize, &EntryMeta)> = index
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.record.is_some())
            .collect();
        let taxonomy = &index.taxonomy;
        let planes: Vec<(String, String)> = taxonomy
            .planes
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect();
        let mut rows: Vec<TriggerRow> = taxonomy
            .triggers
            .iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .chain([(
                NOT_PUBLISHED_ID.to_string(),
                NOT_PUBLISHED_LABEL.to_string(),
            )])
            .map(|(trigger, label)| TriggerRow {
                trigger,
                label,
                counts: vec![0; planes.len()],
                total: 0,
            })
            .collect();
        let mut factors: BTreeMap<String, u32> = BTreeMap::new();
        let mut impacts: BTreeMap<String, u32> = BTreeMap::new();
        let mut detections: BTreeMap<String, u32> = BTreeMap::new();
        let (mut durations, mut to_detect, mut to_mitigate) = (Vec::new(), Vec::new(), Vec::new());
        for &(i, e) in &incidents {
            let record = e.record.clone().unwrap_or_default();
            let trigger = record.trigger.as_deref().unwrap_or(NOT_PUBLISHED_ID);
            if let Some(row) = rows.iter_mut().find(|r| r.trigger == trigger) {
                row.total += 1;
                for (k, (plane, _)) in planes.iter().enumerate() {
                    if e.planes.contains(plane) {
                        row.counts[k] += 1;
                    }
                }
            }
            for f in &record.contributing_factors {
                *factors.entry(f.clone()).or_default() += 1;
            }
            for im in &record.impact {
                *impacts.entry(im.clone()).or_default() += 1;
            }
            *detections
                .entry(
                    record
                        .detection
                        .clone()
                        .unwrap_or_else(|| NOT_PUBLISHED_ID.into()),
                )
                .or_default() += 1;
            let start = record.started.as_deref().and_then(civil_minutes);
            let span = |end: &Option<String>| -> Option<Span> {
                let (s, e) = (start?, end.as_deref().and_then(civil_minutes)?);
                (e >= s).then(|| Span {
                    entry: i,
                    minutes: (e - s) as u32,
                })
            };
            durations.extend(span(&record.resolved));
            to_detect.extend(span(&record.detected));
            to_mitigate.extend(span(&record.mitigated));
        }
        for list in [&mut durations, &mut to_detect, &mut to_mitigate] {
            list.sort_by_key(|s| (s.minutes, s.entry));
        }
        rows.retain(|r| r.total > 0);
        let tally = |map: BTreeMap<String, u32>, label: &dyn Fn(&str) -> Option<String>| {
            let mut out: Vec<Tally> = map
                .into_iter()
                .map(|(id, count)| Tally {
                    label: if id == NOT_PUBLISHED_ID {
                        NOT_PUBLISHED_LABEL.to_string()
                    } else {
                        label(&id).unwrap_or_else(|| id.clone())
                    },
                    id,
                    count,
                })
                .collect();
            out.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
            out
        };
        IncidentStats {
            incidents: incidents.len() as u32,
            planes,
            by_trigger: rows,
            durations,
            to_detect,
            to_mitigate,
            factors: tally(factors, &|id| {
                taxonomy
                    .label(Facet::Guarantee, id)
                    .or_else(|| taxonomy.label(Facet::Mechanism, id))
            }),
            impacts: tally(impacts, &|id| taxonomy.label(Facet::Impact, id)),
            detections: tally(detections, &|id| taxonomy.label(Facet::Detection, id)),
        }
    }
}

/// The median of sorted spans, in minutes.
pub fn median(spans: &[Span]) -> Option<u32> {
    percentile(spans, 50)
}

/// The `p`th percentile (nearest rank) of sorted spans.
pub fn percentile(spans: &[Span], p: u32) -> Option<u32> {
    if spans.is_empty() {
        return None;
    }
    let rank = ((p as usize * spans.len()).div_ceil(100)).clamp(1, spans.len());
    Some(spans[rank - 1].minutes)
}

/// "45 min", "3 h 10 min", "2 d 4 h".
pub fn format_minutes(m: u32) -> String {
    match m {
        0..=59 => format!("{m} min"),
        60..=1439 if m.is_multiple_of(60) => format!("{} h", m / 60),
        60..=1439 => format!("{} h {} min", m / 60, m % 60),
        _ if (m % 1440) / 60 == 0 => format!("{} d", m / 1440),
        _ => format!("{} d {} h", m / 1440, (m % 1440) / 60),
    }
}

/// One incident laid on the shared axis: minutes from its start.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub entry: usize,
    pub started: String,
    pub detected: Option<u32>,
    pub mitigated: Option<u32>,
    pub resolved: Option<u32>,
}

/// The most incidents the aligned timeline shows at once.
pub const MAX_ALIGNED: usize = 6;

/// The chosen incidents (ids from the URL), aligned on their starts; with
/// one notice per id that cannot be drawn.
pub fn aligned(index: &Index, ids: &[String]) -> (Vec<TimelineRow>, Vec<String>) {
    let mut rows = Vec::new();
    let mut notices = Vec::new();
    for id in ids {
        if rows.len() == MAX_ALIGNED {
            notices.push(format!(
                "Only {MAX_ALIGNED} incidents fit on one axis; “{id}” and the rest were left out."
            ));
            break;
        }
        let Some((i, e)) = index.entries.iter().enumerate().find(|(_, e)| &e.id == id) else {
            notices.push(format!("There is no incident “{id}”."));
            continue;
        };
        let record = e.record.clone().unwrap_or_default();
        let Some(start) = record.started.as_deref().and_then(civil_minutes) else {
            notices.push(format!(
                "{}: its start is not published to the minute, so it cannot be aligned.",
                e.title
            ));
            continue;
        };
        let at = |t: &Option<String>| {
            t.as_deref()
                .and_then(civil_minutes)
                .filter(|m| *m >= start)
                .map(|m| (m - start) as u32)
        };
        rows.push(TimelineRow {
            entry: i,
            started: record.started.clone().unwrap_or_default(),
            detected: at(&record.detected),
            mitigated: at(&record.mitigated),
            resolved: at(&record.resolved),
        });
    }
    (rows, notices)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(minutes: u32) -> Span {
        Span { entry: 0, minutes }
    }

    #[test]
    fn percentiles_and_formats() {
        let spans: Vec<Span> = [5, 10, 60, 600, 3000].into_iter().map(span).collect();
        assert_eq!(median(&spans), Some(60));
        assert_eq!(percentile(&spans, 90), Some(3000));
        assert_eq!(median(&[]), None);
        assert_eq!(format_minutes(45), "45 min");
        assert_eq!(format_minutes(190), "3 h 10 min");
        assert_eq!(format_minutes(120), "2 h");
        assert_eq!(format_minutes(1451), "1 d");
        assert_eq!(format_minutes(3000), "2 d 2 h");
    }
}
