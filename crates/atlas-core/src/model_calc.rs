//! Capacity and cost models a reader can change: the `model:` block of a
//! capacity or cost entry. Named inputs (with a unit, a range and where the
//! default comes from), values defined by formulas over them, the outputs to
//! show, and a published example the model must reproduce.
//!
//! Formulas are parsed by `evalexpr` (arithmetic, comparisons, `&&`/`||`,
//! function calls) and evaluated here, in f64 and in base units, with the
//! units checked on the way: a model that adds MB/s to requests/s, reads an
//! unknown name, or depends on itself is rejected before anyone runs it.
//! Functions: min, max, ceil, floor, round, ln, log10, sqrt, abs, if(c, a, b).

use std::collections::BTreeMap;

use evalexpr::{build_operator_tree, DefaultNumericTypes, Node, Operator, Value};
use serde::{Deserialize, Serialize};

use crate::units::Unit;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    pub inputs: Vec<InputSpec>,
    #[serde(default)]
    pub values: Vec<ValueSpec>,
    /// Ids of the values shown as the model's answer.
    pub outputs: Vec<String>,
    pub example: Option<ExampleSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSpec {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub unit: String,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    /// The entry's source (1-based) that publishes the default…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<usize>,
    /// …or why the default was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueSpec {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub unit: String,
    pub formula: String,
}

/// A published case: its inputs (the rest at their defaults) and the
/// outputs the source states, reproduced within `tolerance` (a share).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub source: usize,
    pub description: String,
    #[serde(default)]
    pub inputs: BTreeMap<String, f64>,
    pub outputs: BTreeMap<String, f64>,
    pub tolerance: f64,
}

/// A problem with a model, naming the field it is about (for the line).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelProblem {
    pub at: String,
    pub message: String,
}

/// A model that parsed, resolved and agreed on units, ready to run.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub spec: ModelSpec,
    units: BTreeMap<String, Unit>,
    /// Values in evaluation order, with their parsed formulas.
    order: Vec<(String, Node<DefaultNumericTypes>)>,
}

const FUNCTIONS: [&str; 10] = [
    "min", "max", "ceil", "floor", "round", "ln", "log10", "sqrt", "abs", "if",
];

impl ModelSpec {
    /// The unit an input or value is shown in.
    pub fn unit_of(&self, id: &str) -> String {
        self.inputs
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.unit.clone())
            .or_else(|| {
                self.values
                    .iter()
                    .find(|v| v.id == id)
                    .map(|v| v.unit.clone())
            })
            .unwrap_or_default()
    }

    /// The label of an input or value.
    pub fn label_of(&self, id: &str) -> String {
        self.inputs
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.label.clone())
            .or_else(|| {
                self.values
                    .iter()
                    .find(|v| v.id == id)
                    .map(|v| v.label.clone())
            })
            .unwrap_or_else(|| id.to_string())
    }

    /// Everything wrong with the model at once; Ok when it can run.
    pub fn compile(&self, sources: usize) -> Result<Compiled, Vec<ModelProblem>> {
        let mut problems: Vec<ModelProblem> = Vec::new();
        // Problems that do not stop the units and the example being checked.
        let mut soft: Vec<ModelProblem> = Vec::new();
        let mut units: BTreeMap<String, Unit> = BTreeMap::new();
        fn report(problems: &mut Vec<ModelProblem>, at: &str, message: String) {
            problems.push(ModelProblem {
                at: at.to_string(),
                message,
            })
        }
        for i in &self.inputs {
            match Unit::parse(&i.unit) {
                Ok(u) => {
                    if units.insert(i.id.clone(), u).is_some() {
                        report(&mut problems, &i.id, format!("`{}` is defined twice", i.id));
                    }
                }
                Err(e) => report(&mut problems, &i.id, format!("input `{}`: unit {e}", i.id)),
            }
            if !(i.min <= i.default && i.default <= i.max) {
                report(
                    &mut soft,
                    &i.id,
                    format!(
                        "input `{}`: default {} is outside min {} – max {}",
                        i.id, i.default, i.min, i.max
                    ),
                );
            }
            match (i.source, &i.assumption) {
                (Some(s), _) if s == 0 || s > sources => {
                    report(&mut soft, &i.id, format!("input `{}` cites source {s}, but the entry has {sources}", i.id))
                }
                (None, None) => report(&mut soft,
                    &i.id,
                    format!("input `{}`: say where the default comes from, `source: N` or `assumption: \"…\"`", i.id),
                ),
                _ => {}
            }
        }
        let mut parsed: BTreeMap<String, Node<DefaultNumericTypes>> = BTreeMap::new();
        for v in &self.values {
            match Unit::parse(&v.unit) {
                Ok(_) => {}
                Err(e) => report(&mut problems, &v.id, format!("value `{}`: unit {e}", v.id)),
            }
            if units.contains_key(&v.id) || parsed.contains_key(&v.id) {
                report(&mut problems, &v.id, format!("`{}` is defined twice", v.id));
            }
            match build_operator_tree::<DefaultNumericTypes>(&v.formula) {
                Ok(node) => {
                    parsed.insert(v.id.clone(), node);
                }
                Err(e) => report(
                    &mut problems,
                    &v.id,
                    format!("value `{}`: the formula does not parse ({e})", v.id),
                ),
            }
        }
        // Names, then an order with no cycle.
        let known: Vec<String> = self
            .inputs
            .iter()
            .map(|i| i.id.clone())
            .chain(self.values.iter().map(|v| v.id.clone()))
            .collect();
        let mut deps: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (id, node) in &parsed {
            let mut names = Vec::new();
            let mut bad = Vec::new();
            walk_names(node, &mut names, &mut bad);
            for f in bad {
                report(
                    &mut problems,
                    id,
                    format!(
                        "value `{id}`: `{f}` is not a function here (use {})",
                        FUNCTIONS.join(", ")
                    ),
                );
            }
            for n in &names {
                if !known.contains(n) {
                    report(
                        &mut problems,
                        id,
                        format!(
                            "value `{id}`: the formula reads `{n}`, which is not an input or value"
                        ),
                    );
                }
            }
            deps.insert(id.clone(), names);
        }
        let mut order: Vec<String> = Vec::new();
        let mut visiting: Vec<String> = Vec::new();
        for id in parsed.keys() {
            if let Err(cycle) = visit(id, &deps, &parsed, &mut order, &mut visiting) {
                report(
                    &mut problems,
                    id,
                    format!("values depend on themselves: {}", cycle.join(" → ")),
                );
                break;
            }
        }
        for o in &self.outputs {
            if !parsed.contains_key(o) && !units.contains_key(o) {
                report(
                    &mut problems,
                    o,
                    format!("output `{o}` is not a value of the model"),
                );
            }
        }
        if !problems.is_empty() {
            problems.extend(soft);
            return Err(problems);
        }
        // Units, in order: each formula's unit must be the one declared.
        for id in &order {
            let spec = self
                .values
                .iter()
                .find(|v| &v.id == id)
                .expect("parsed value");
            let declared = Unit::parse(&spec.unit).expect("checked above");
            match unit_of(&parsed[id], &units) {
                Ok(u) if u.same_dims(&declared) => {
                    units.insert(id.clone(), declared);
                }
                Ok(u) => {
                    report(
                        &mut problems,
                        id,
                        format!(
                            "value `{id}` is declared in {} ({declared}) but its formula gives {u}",
                            spec.unit
                        ),
                    );
                    units.insert(id.clone(), declared);
                }
                Err(e) => {
                    report(&mut problems, id, format!("value `{id}`: {e}"));
                    units.insert(id.clone(), declared);
                }
            }
        }
        if let Some(ex) = &self.example {
            if ex.source == 0 || ex.source > sources {
                report(
                    &mut problems,
                    "example",
                    format!(
                        "the example cites source {}, but the entry has {sources}",
                        ex.source
                    ),
                );
            }
            for k in ex.inputs.keys() {
                if !self.inputs.iter().any(|i| &i.id == k) {
                    report(
                        &mut problems,
                        "example",
                        format!("the example sets `{k}`, which is not an input"),
                    );
                }
            }
        }
        if !problems.is_empty() {
            problems.extend(soft);
            return Err(problems);
        }
        let compiled = Compiled {
            spec: self.clone(),
            units,
            order: order
                .into_iter()
                .map(|id| (id.clone(), parsed[&id].clone()))
                .collect(),
        };
        // The published example, reproduced.
        if let Some(ex) = &self.example {
            let mut given = compiled.defaults();
            given.extend(ex.inputs.clone());
            match compiled.run(&given) {
                Err(e) => report(
                    &mut problems,
                    "example",
                    format!("the example does not run: {e}"),
                ),
                Ok(got) => {
                    for (k, want) in &ex.outputs {
                        match got.get(k) {
                            None => report(&mut problems, "example", format!("the example states `{k}`, which the model does not compute")),
                            Some(v) if (v - want).abs() > ex.tolerance * want.abs().max(f64::EPSILON) => report(&mut problems,
                                "example",
                                format!("the model gives {k} = {} for the published example, which states {want} (tolerance {}%)", round_for_message(*v), ex.tolerance * 100.0),
                            ),
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        problems.extend(soft);
        if problems.is_empty() {
            Ok(compiled)
        } else {
            Err(problems)
        }
    }
}

/// A number as a reader wants it: thousands grouped, at most three
/// decimals, no trailing zeros.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let rounded = (v * 1000.0).round() / 1000.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = format!("{:.3}", abs - abs.trunc());
    let frac = frac
        .trim_start_matches('0')
        .trim_end_matches('0')
        .trim_end_matches('.');
    let digits = int.to_string();
    let mut grouped = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}{frac}", if negative { "-" } else { "" })
}

fn round_for_message(v: f64) -> String {
    format!("{:.4}", v)
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

impl Compiled {
    /// Every input at its default.
    pub fn defaults(&self) -> BTreeMap<String, f64> {
        self.spec
            .inputs
            .iter()
            .map(|i| (i.id.clone(), i.default))
            .collect()
    }

    /// Inputs and values for the given inputs, each in its declared unit.
    pub fn run(&self, inputs: &BTreeMap<String, f64>) -> Result<BTreeMap<String, f64>, String> {
        // In base units while computing.
        let mut base: BTreeMap<String, f64> = BTreeMap::new();
        for i in &self.spec.inputs {
            let v = inputs.get(&i.id).copied().unwrap_or(i.default);
            base.insert(i.id.clone(), v * self.units[&i.id].scale);
        }
        for (id, node) in &self.order {
            let v = eval(node, &base)?;
            if !v.is_finite() {
                return Err(format!("`{id}` is not a finite number for these inputs"));
            }
            base.insert(id.clone(), v);
        }
        Ok(base
            .into_iter()
            .map(|(k, v)| {
                let scale = self.units[&k].scale;
                (k, v / scale)
            })
            .collect())
    }
}

fn visit(
    id: &str,
    deps: &BTreeMap<String, Vec<String>>,
    parsed: &BTreeMap<String, Node<DefaultNumericTypes>>,
    order: &mut Vec<String>,
    visiting: &mut Vec<String>,
) -> Result<(), Vec<String>> {
    if order.iter().any(|o| o == id) || !parsed.contains_key(id) {
        return Ok(());
    }
    if let Some(p) = visiting.iter().position(|v| v == id) {
        let mut cycle = visiting[p..].to_vec();
        cycle.push(id.to_string());
        return Err(cycle);
    }
    visiting.push(id.to_string());
    for d in deps.get(id).into_iter().flatten() {
        visit(d, deps, parsed, order, visiting)?;
    }
    visiting.pop();
    order.push(id.to_string());
    Ok(())
}

fn walk_names(node: &Node<DefaultNumericTypes>, names: &mut Vec<String>, bad: &mut Vec<String>) {
    match node.operator() {
        Operator::VariableIdentifierRead { identifier } if !names.contains(identifier) => {
            names.push(identifier.clone());
        }
        Operator::FunctionIdentifier { identifier }
            if !FUNCTIONS.contains(&identifier.as_str()) =>
        {
            bad.push(identifier.clone())
        }
        _ => {}
    }
    for c in node.children() {
        walk_names(c, names, bad);
    }
}

/// A function's arguments: one child, or a tuple.
fn args(node: &Node<DefaultNumericTypes>) -> Vec<&Node<DefaultNumericTypes>> {
    match node.children() {
        [only] if matches!(only.operator(), Operator::Tuple) => only.children().iter().collect(),
        [only] if matches!(only.operator(), Operator::RootNode) => args(only),
        children => children.iter().collect(),
    }
}

fn unit_of(
    node: &Node<DefaultNumericTypes>,
    units: &BTreeMap<String, Unit>,
) -> Result<Unit, String> {
    let kids: Vec<Unit> = match node.operator() {
        Operator::FunctionIdentifier { .. } => args(node)
            .into_iter()
            .map(|c| unit_of(c, units))
            .collect::<Result<_, _>>()?,
        _ => node
            .children()
            .iter()
            .map(|c| unit_of(c, units))
            .collect::<Result<_, _>>()?,
    };
    let same = |what: &str| -> Result<Unit, String> {
        let first = kids.first().cloned().unwrap_or_else(Unit::none);
        match kids.iter().find(|u| !u.same_dims(&first)) {
            Some(other) => Err(format!("{what} mixes {first} with {other}")),
            None => Ok(first),
        }
    };
    let plain = |what: &str| -> Result<Unit, String> {
        match kids.iter().find(|u| !u.is_none()) {
            Some(u) => Err(format!("{what} needs a plain number, not {u}")),
            None => Ok(Unit::none()),
        }
    };
    match node.operator() {
        Operator::RootNode => Ok(kids.into_iter().next().unwrap_or_else(Unit::none)),
        Operator::Const { .. } => Ok(Unit::none()),
        Operator::VariableIdentifierRead { identifier } => units
            .get(identifier)
            .cloned()
            .ok_or_else(|| format!("`{identifier}` has no unit yet")),
        Operator::Add | Operator::Sub => same("adding or subtracting"),
        Operator::Neg => Ok(kids[0].clone()),
        Operator::Mul => Ok(kids[0].mul(&kids[1])),
        Operator::Div => Ok(kids[0].div(&kids[1])),
        Operator::Mod => same("a remainder"),
        Operator::Exp => match &node.children()[1].operator() {
            Operator::Const { value } if kids[0].is_none() || value.as_number().is_ok() => {
                if kids[0].is_none() {
                    Ok(Unit::none())
                } else {
                    let n = value.as_number().map_err(|e| e.to_string())?;
                    if n.fract() != 0.0 {
                        return Err(format!("a power of {} must be a whole number", kids[0]));
                    }
                    let mut u = Unit::none();
                    for _ in 0..(n as i32).abs() {
                        u = if n > 0.0 {
                            u.mul(&kids[0])
                        } else {
                            u.div(&kids[0])
                        };
                    }
                    Ok(u)
                }
            }
            _ => plain("a power"),
        },
        Operator::Eq
        | Operator::Neq
        | Operator::Gt
        | Operator::Lt
        | Operator::Geq
        | Operator::Leq => same("a comparison").map(|_| Unit::none()),
        Operator::And | Operator::Or | Operator::Not => Ok(Unit::none()),
        Operator::FunctionIdentifier { identifier } => match identifier.as_str() {
            "min" | "max" => same(identifier),
            "ceil" | "floor" | "round" | "abs" => {
                Ok(kids.first().cloned().unwrap_or_else(Unit::none))
            }
            "ln" | "log10" => plain(identifier),
            "sqrt" => {
                let u = kids.first().cloned().unwrap_or_else(Unit::none);
                if u.dims.values().all(|p| p % 2 == 0) {
                    Ok(Unit {
                        scale: u.scale.sqrt(),
                        dims: u.dims.iter().map(|(d, p)| (d.clone(), p / 2)).collect(),
                    })
                } else {
                    Err(format!("sqrt of {u} has no unit"))
                }
            }
            "if" => {
                if kids.len() != 3 {
                    return Err("if takes (condition, then, else)".into());
                }
                if !kids[1].same_dims(&kids[2]) {
                    return Err(format!(
                        "if gives {} in one branch and {} in the other",
                        kids[1], kids[2]
                    ));
                }
                Ok(kids[1].clone())
            }
            other => Err(format!("`{other}` is not a function here")),
        },
        other => Err(format!("`{other:?}` is not allowed in a formula")),
    }
}

fn eval(node: &Node<DefaultNumericTypes>, vars: &BTreeMap<String, f64>) -> Result<f64, String> {
    let kid = |k: usize| -> Result<f64, String> {
        node.children()
            .get(k)
            .map(|c| eval(c, vars))
            .unwrap_or_else(|| Err("a term is missing".into()))
    };
    let bool_of = |v: f64| v != 0.0;
    let from_bool = |b: bool| if b { 1.0 } else { 0.0 };
    Ok(match node.operator() {
        Operator::RootNode => kid(0)?,
        Operator::Const { value } => match value {
            Value::Boolean(b) => from_bool(*b),
            v => v.as_number().map_err(|e| e.to_string())?,
        },
        Operator::VariableIdentifierRead { identifier } => *vars
            .get(identifier)
            .ok_or_else(|| format!("`{identifier}` has no value"))?,
        Operator::Add => kid(0)? + kid(1)?,
        Operator::Sub => kid(0)? - kid(1)?,
        Operator::Neg => -kid(0)?,
        Operator::Mul => kid(0)? * kid(1)?,
        Operator::Div => kid(0)? / kid(1)?,
        Operator::Mod => kid(0)? % kid(1)?,
        Operator::Exp => kid(0)?.powf(kid(1)?),
        Operator::Eq => from_bool(kid(0)? == kid(1)?),
        Operator::Neq => from_bool(kid(0)? != kid(1)?),
        Operator::Gt => from_bool(kid(0)? > kid(1)?),
        Operator::Lt => from_bool(kid(0)? < kid(1)?),
        Operator::Geq => from_bool(kid(0)? >= kid(1)?),
        Operator::Leq => from_bool(kid(0)? <= kid(1)?),
        Operator::And => from_bool(bool_of(kid(0)?) && bool_of(kid(1)?)),
        Operator::Or => from_bool(bool_of(kid(0)?) || bool_of(kid(1)?)),
        Operator::Not => from_bool(!bool_of(kid(0)?)),
        Operator::FunctionIdentifier { identifier } => {
            let a: Vec<f64> = args(node)
                .into_iter()
                .map(|c| eval(c, vars))
                .collect::<Result<_, _>>()?;
            let one = || {
                a.first()
                    .copied()
                    .ok_or("a function needs an argument".to_string())
            };
            match identifier.as_str() {
                "min" => a.iter().copied().fold(f64::INFINITY, f64::min),
                "max" => a.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                "ceil" => one()?.ceil(),
                "floor" => one()?.floor(),
                "round" => one()?.round(),
                "abs" => one()?.abs(),
                "ln" => one()?.ln(),
                "log10" => one()?.log10(),
                "sqrt" => one()?.sqrt(),
                "if" if a.len() == 3 => {
                    if bool_of(a[0]) {
                        a[1]
                    } else {
                        a[2]
                    }
                }
                other => return Err(format!("`{other}` is not a function here")),
            }
        }
        other => return Err(format!("`{other:?}` is not allowed in a formula")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> ModelSpec {
        serde_json::from_value(serde_json::to_value(serde_yaml_like(yaml)).unwrap()).unwrap()
    }

    /// Tests write models as JSON (the same shape YAML gives).
    fn serde_yaml_like(json: &str) -> serde_json::Value {
        serde_json::from_str(json).unwrap()
    }

    const KAFKA: &str = r#"{
      "inputs": [
        {"id": "peak", "label": "Peak messages", "unit": "msg/s", "default": 200000, "min": 1, "max": 1e9, "assumption": "example"},
        {"id": "size", "label": "Message size", "unit": "B/msg", "default": 1000, "min": 1, "max": 1e7, "source": 1},
        {"id": "rf", "label": "Replication factor", "unit": "", "default": 3, "min": 1, "max": 7, "source": 1},
        {"id": "per_broker", "label": "Write throughput per broker", "unit": "MB/s", "default": 50, "min": 1, "max": 2000, "assumption": "measured"}
      ],
      "values": [
        {"id": "ingress", "label": "Ingress", "unit": "MB/s", "formula": "peak * size"},
        {"id": "brokers", "label": "Brokers", "unit": "", "formula": "max(ceil(ingress * rf / per_broker), rf)"}
      ],
      "outputs": ["ingress", "brokers"],
      "example": {"source": 1, "description": "x", "inputs": {"peak": 100000}, "outputs": {"brokers": 6}, "tolerance": 0}
    }"#;

    #[test]
    fn numbers_format_for_reading() {
        assert_eq!(format_number(55000.0), "55,000");
        assert_eq!(format_number(1234567.891), "1,234,567.891");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(-1500.25), "-1,500.25");
    }

    #[test]
    fn a_model_runs_in_base_units_and_shows_its_own() {
        let m = spec(KAFKA).compile(1).unwrap();
        let out = m.run(&m.defaults()).unwrap();
        assert!(
            (out["ingress"] - 200.0).abs() < 1e-9,
            "200,000 msg/s × 1,000 B = 200 MB/s"
        );
        assert_eq!(out["brokers"], 12.0);
    }

    #[test]
    fn units_names_cycles_ranges_and_the_example_are_checked() {
        let problems = |json: &str| -> Vec<String> {
            spec(json)
                .compile(1)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.message)
                .collect()
        };
        let mixed = KAFKA.replace("max(ceil(ingress * rf / per_broker), rf)", "ingress + peak");
        assert!(
            problems(&mixed)
                .iter()
                .any(|m| m.contains("adding or subtracting mixes byte/s with msg/s")),
            "{:?}",
            problems(&mixed)
        );
        let unknown = KAFKA.replace("peak * size", "peak * sise");
        assert!(problems(&unknown)
            .iter()
            .any(|m| m.contains("reads `sise`")));
        let cycle = KAFKA.replace("peak * size", "brokers * size");
        assert!(problems(&cycle)
            .iter()
            .any(|m| m.contains("depend on themselves")));
        let range = KAFKA.replace(
            "\"default\": 3, \"min\": 1, \"max\": 7",
            "\"default\": 9, \"min\": 1, \"max\": 7",
        );
        assert!(problems(&range).iter().any(|m| m.contains("outside min")));
        let wrong = KAFKA.replace(
            "\"outputs\": {\"brokers\": 6}",
            "\"outputs\": {\"brokers\": 8}",
        );
        assert!(
            problems(&wrong)
                .iter()
                .any(|m| m.contains("gives brokers = 6") && m.contains("states 8")),
            "{:?}",
            problems(&wrong)
        );
        let declared = KAFKA.replace(
            "\"unit\": \"MB/s\", \"formula\": \"peak * size\"",
            "\"unit\": \"msg/s\", \"formula\": \"peak * size\"",
        );
        assert!(problems(&declared)
            .iter()
            .any(|m| m.contains("declared in msg/s")));
        let func = KAFKA.replace("max(ceil(", "pow(ceil(");
        assert!(problems(&func)
            .iter()
            .any(|m| m.contains("`pow` is not a function")));
    }
}
