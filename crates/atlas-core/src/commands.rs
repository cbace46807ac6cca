//! What a runbook's commands do to the system, read from their text: which
//! change state or destroy something (by the patterns under `commands:` in
//! taxonomy.yaml), which shell variables they use and set, and what they
//! create that must be removed again.
//!
//! The shell is read loosely, as a reviewer reads it: a block splits into
//! simple commands at unquoted `|`, `;`, `&&`, `||`, `&`, `$(`, `)` and line
//! ends (not after `\`); `kubectl exec … -- cmd` starts a new command at
//! `--`; the SQL given to `psql -c`, `mysql -e` or `cqlsh -e` is read as
//! commands of its own. No shell-parsing crate reads shell as loosely as
//! this (SQL inside a quoted argument, console prompts), hence the lexer here.

use serde::{Deserialize, Serialize};

use crate::runbook::StepKind;

/// The patterns, from taxonomy.yaml. A pattern is words: the first matches
/// the command's name (its file name, `bin/kafka-topics.sh` →
/// `kafka-topics.sh`), the others must follow in order, other words may
/// come between. Words compare without case; `*` matches any characters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandRules {
    #[serde(default)]
    pub destructive: Vec<String>,
    #[serde(default)]
    pub changes_state: Vec<String>,
    /// Exceptions that win over both lists (`curl -X POST …/_search`).
    #[serde(default)]
    pub read_only: Vec<String>,
}

/// A command that is not read-only, and the pattern that says so.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub effect: StepKind,
    /// The command's words, as the patterns saw them.
    pub words: Vec<String>,
    /// The simple command as written, shortened.
    pub command: String,
    pub pattern: String,
}

/// Languages whose code blocks are commands (the rest are output, config,
/// queries such as PromQL).
pub fn is_command_lang(lang: &str) -> bool {
    matches!(
        lang,
        "" | "sh" | "bash" | "shell" | "zsh" | "console" | "sql" | "cql" | "redis" | "http"
    )
}

fn is_shell_lang(lang: &str) -> bool {
    matches!(lang, "" | "sh" | "bash" | "shell" | "zsh" | "console")
}

impl CommandRules {
    /// Every command in a block that changes state or destroys something.
    pub fn classify(&self, lang: &str, block: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if !is_command_lang(lang) {
            return out;
        }
        for cmd in simple_commands(&command_text(lang, block)) {
            let words = cmd.words();
            if words.is_empty() || self.read_only.iter().any(|p| matches(p, &words)) {
                continue;
            }
            let hit = |list: &[String]| list.iter().find(|p| matches(p, &words)).cloned();
            let found = match hit(&self.destructive) {
                Some(p) => Some((StepKind::Destructive, p)),
                None => hit(&self.changes_state).map(|p| (StepKind::ChangesState, p)),
            };
            if let Some((effect, pattern)) = found {
                out.push(Finding {
                    effect,
                    words: words.clone(),
                    command: shorten(&words.join(" "), 80),
                    pattern,
                });
            }
        }
        out
    }
}

/// The commands of a block: a console block's `$ ` lines only.
fn command_text(lang: &str, block: &str) -> String {
    if lang == "console" {
        block
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("$ "))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        block.to_string()
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// One simple command: its shell words (quotes removed, a quoted string is
/// one word).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Command {
    pub tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Token {
    pub text: String,
    /// Text outside single quotes, where the shell expands `$VAR`.
    pub expanded: String,
}

impl Command {
    /// Words to match patterns against: the command name first (prefixes
    /// such as `sudo`, `VAR=x`, a `$ ` prompt skipped), quoted strings
    /// split at spaces.
    pub fn words(&self) -> Vec<String> {
        let mut toks = self.tokens.iter().map(|t| t.text.as_str()).peekable();
        // Wrappers and their options (`watch -n 5 kubectl …`, `timeout 10 …`).
        let mut wrapped = false;
        while let Some(t) = toks.peek() {
            let wrapper = matches!(
                *t,
                "sudo"
                    | "env"
                    | "nohup"
                    | "time"
                    | "exec"
                    | "$"
                    | "xargs"
                    | "watch"
                    | "timeout"
                    | "do"
                    | "then"
                    | "else"
                    | "if"
                    | "while"
                    | "until"
                    | "!"
            );
            let option = wrapped && (t.starts_with('-') || t.chars().all(|c| c.is_ascii_digit()));
            if wrapper || option || is_assignment(t) {
                wrapped |= wrapper;
                toks.next();
            } else {
                break;
            }
        }
        let mut words = Vec::new();
        for (i, t) in toks.enumerate() {
            if i == 0 {
                words.push(t.rsplit('/').next().unwrap_or(t).to_string());
            } else {
                words.extend(t.split_whitespace().map(str::to_string));
            }
        }
        words
    }
}

fn is_assignment(t: &str) -> bool {
    match t.split_once('=') {
        Some((name, _)) => is_identifier(name),
        None => false,
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A pattern matches when its first word is the command's name and the rest
/// follow in order.
fn matches(pattern: &str, words: &[String]) -> bool {
    let mut pw = pattern.split_whitespace();
    let Some(first) = pw.next() else {
        return false;
    };
    if !glob(first, &words[0]) {
        return false;
    }
    let mut rest = words[1..].iter();
    pw.all(|p| rest.any(|w| glob(p, w)))
}

/// `*` matches any characters; comparison ignores ASCII case.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Splits a block into simple commands (see the module docs).
pub fn simple_commands(text: &str) -> Vec<Command> {
    let mut out = Vec::new();
    let mut cmd = Command::default();
    let mut tok: Option<Token> = None;
    let mut chars = text.chars().peekable();
    let (mut single, mut double) = (false, false);
    fn end_token(cmd: &mut Command, tok: &mut Option<Token>) {
        if let Some(t) = tok.take() {
            cmd.tokens.push(t);
        }
    }
    fn end_command(out: &mut Vec<Command>, cmd: &mut Command, tok: &mut Option<Token>) {
        end_token(cmd, tok);
        if !cmd.tokens.is_empty() {
            out.push(std::mem::take(cmd));
        }
    }
    while let Some(c) = chars.next() {
        if single {
            if c == '\'' {
                single = false;
            } else {
                tok.get_or_insert_with(Token::default).text.push(c);
            }
            continue;
        }
        if double {
            match c {
                '"' => double = false,
                '\\' => {
                    if let Some(n) = chars.next() {
                        let t = tok.get_or_insert_with(Token::default);
                        t.text.push(n);
                        t.expanded.push(n);
                    }
                }
                _ => {
                    let t = tok.get_or_insert_with(Token::default);
                    t.text.push(c);
                    t.expanded.push(c);
                }
            }
            continue;
        }
        match c {
            '\'' => {
                single = true;
                tok.get_or_insert_with(Token::default);
            }
            '"' => {
                double = true;
                tok.get_or_insert_with(Token::default);
            }
            '\\' if chars.peek() == Some(&'\n') => {
                chars.next();
                end_token(&mut cmd, &mut tok);
            }
            '#' if tok.is_none() => {
                // A comment runs to the end of the line.
                while chars.peek().is_some_and(|n| *n != '\n') {
                    chars.next();
                }
            }
            ' ' | '\t' => end_token(&mut cmd, &mut tok),
            '\n' | ';' | '|' | '&' | '(' | ')' | '`' => {
                if c == '(' && tok.as_ref().is_some_and(|t| t.text.ends_with('$')) {
                    let t = tok.as_mut().unwrap();
                    t.text.pop();
                    t.expanded.pop();
                }
                end_command(&mut out, &mut cmd, &mut tok);
            }
            '>' => {
                end_token(&mut cmd, &mut tok);
                if chars.peek() == Some(&'>') {
                    chars.next();
                }
                cmd.tokens.push(Token {
                    text: ">".into(),
                    expanded: ">".into(),
                });
            }
            _ => {
                let t = tok.get_or_insert_with(Token::default);
                t.text.push(c);
                t.expanded.push(c);
            }
        }
    }
    end_command(&mut out, &mut cmd, &mut tok);
    // `kubectl exec POD -- cmd`: the command after `--` is one of its own;
    // `psql -c "SQL"`: the SQL is read as commands too.
    let mut all = Vec::new();
    for c in out {
        let name = c
            .tokens
            .first()
            .map(|t| t.text.rsplit('/').next().unwrap_or("").to_string())
            .unwrap_or_default();
        let mut head = Command::default();
        let mut inner = Vec::new();
        let mut iter = c.tokens.into_iter();
        while let Some(t) = iter.next() {
            if t.text == "--" && matches!(name.as_str(), "kubectl" | "docker" | "crictl" | "oc") {
                inner.push(Command {
                    tokens: iter.by_ref().collect(),
                });
                break;
            }
            let sql_flag = matches!(name.as_str(), "psql" | "mysql" | "cqlsh")
                && matches!(t.text.as_str(), "-c" | "-e" | "--command" | "--execute");
            head.tokens.push(t);
            if sql_flag {
                if let Some(sql) = iter.next() {
                    inner.extend(simple_commands(&sql.text));
                    head.tokens.push(sql);
                }
            }
        }
        all.push(head);
        all.extend(inner.into_iter().filter(|c| !c.tokens.is_empty()));
    }
    all
}

/// Shell variables a block uses (`$VAR`, `${VAR}`) outside single quotes,
/// and those it sets itself.
pub fn variables(lang: &str, block: &str) -> (Vec<String>, Vec<String>) {
    let (mut used, mut set) = (Vec::new(), Vec::new());
    if !is_shell_lang(lang) {
        return (used, set);
    }
    let text = command_text(lang, block);
    for cmd in simple_commands(&text) {
        let toks: Vec<&str> = cmd.tokens.iter().map(|t| t.text.as_str()).collect();
        for (i, t) in toks.iter().enumerate() {
            if let Some((name, _)) = t.split_once('=') {
                if is_identifier(name)
                    && (i == 0
                        || matches!(toks[i - 1], "export" | "local" | "declare" | "readonly")
                        || toks[..i].iter().all(|p| is_assignment(p)))
                {
                    set.push(name.to_string());
                }
            } else if i > 0 && toks[i - 1] == "export" && is_identifier(t) {
                set.push(t.to_string());
            }
        }
        match toks.as_slice() {
            ["for", name, "in", ..] => set.push(name.to_string()),
            ["read", rest @ ..] | ["while", "read", rest @ ..] => set.extend(
                rest.iter()
                    .filter(|w| is_identifier(w))
                    .map(|w| w.to_string()),
            ),
            _ => {}
        }
        for t in &cmd.tokens {
            collect_uses(&t.expanded, &mut used);
        }
    }
    used.retain(|v| !STANDARD.contains(&v.as_str()));
    used.dedup();
    (used, set)
}

/// Variables every shell or login provides.
const STANDARD: &[&str] = &[
    "HOME",
    "PATH",
    "USER",
    "PWD",
    "OLDPWD",
    "HOSTNAME",
    "SHELL",
    "TERM",
    "RANDOM",
    "UID",
    "LANG",
    "TMPDIR",
    "IFS",
    "SECONDS",
    "EPOCHSECONDS",
    "KUBECONFIG",
    "LOGNAME",
];

fn collect_uses(s: &str, used: &mut Vec<String>) {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if b[i] == '$' && i + 1 < b.len() {
            let (start, braced) = if b[i + 1] == '{' {
                (i + 2, true)
            } else {
                (i + 1, false)
            };
            let mut j = start;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == '_') {
                j += 1;
            }
            let name: String = b[start..j].iter().collect();
            // `${VAR:-default}` brings its own default.
            let defaulted = braced && b.get(j) == Some(&':');
            if is_identifier(&name) && !defaulted && !used.contains(&name) {
                used.push(name);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Something a command creates, and the words of the command that removes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Created {
    pub what: String,
    pub cleanup: String,
}

/// What a block's commands create that the runbook must remove again.
pub fn created(lang: &str, block: &str) -> Vec<Created> {
    let mut out = Vec::new();
    if !is_shell_lang(lang) {
        return out;
    }
    for cmd in simple_commands(&command_text(lang, block)) {
        let w = cmd.words();
        if w.first().map(String::as_str) == Some("etcdctl") {
            if let Some(p) = w.iter().position(|x| x == "put") {
                if let Some(key) = positional(&w[p + 1..]) {
                    out.push(Created {
                        what: format!("the key {key}"),
                        cleanup: format!("etcdctl del {key}"),
                    });
                }
            }
            continue;
        }
        if w.first().map(String::as_str) != Some("kubectl") {
            continue;
        }
        let has = |f: &str| w.iter().any(|x| x == f || x.starts_with(&format!("{f}=")));
        let value = |f: &str| -> Option<String> {
            w.iter().enumerate().find_map(|(i, x)| {
                x.strip_prefix(&format!("{f}="))
                    .map(str::to_string)
                    .or_else(|| (x == f).then(|| w.get(i + 1).cloned()).flatten())
            })
        };
        let verb_at = w
            .iter()
            .position(|x| matches!(x.as_str(), "run" | "debug" | "apply" | "create"));
        let Some(v) = verb_at else { continue };
        match w[v].as_str() {
            "run" if !has("--rm") => {
                if let Some(name) = positional(&w[v + 1..]) {
                    out.push(Created {
                        what: format!("pod {name}"),
                        cleanup: format!("kubectl delete pod {name}"),
                    });
                }
            }
            "debug" => {
                if let Some(name) = value("--copy-to") {
                    out.push(Created {
                        what: format!("pod {name}"),
                        cleanup: format!("kubectl delete pod {name}"),
                    });
                } else if positional(&w[v + 1..]).is_some_and(|t| t.starts_with("node/")) {
                    out.push(Created {
                        what: "a node-debugger pod".into(),
                        cleanup: "kubectl delete pod".into(),
                    });
                }
            }
            "apply" | "create" => {
                if let Some(file) = value("-f").or_else(|| value("--filename")) {
                    out.push(Created {
                        what: format!("the objects in {file}"),
                        cleanup: format!("kubectl delete -f {file}"),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The first word that is neither a flag nor a flag's value.
fn positional(words: &[String]) -> Option<String> {
    const VALUED: &[&str] = &[
        "-n",
        "--namespace",
        "--image",
        "-l",
        "--context",
        "--kubeconfig",
        "-o",
        "--restart",
        "--overrides",
        "--labels",
        "--env",
        "--port",
        "-c",
        "--container",
        "--target",
    ];
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if w == "--" {
            return None;
        }
        if w.starts_with('-') {
            i += if VALUED.contains(&w.as_str()) { 2 } else { 1 };
            continue;
        }
        return Some(w.clone());
    }
    None
}

/// Whether a block holds the cleanup command (its words in order).
pub fn cleans_up(lang: &str, block: &str, cleanup: &str) -> bool {
    simple_commands(&command_text(lang, block))
        .iter()
        .any(|c| is_cleanup(&c.words(), cleanup))
}

/// Whether a command's words are the cleanup command's, in order.
pub fn is_cleanup(words: &[String], cleanup: &str) -> bool {
    let mut it = words.iter();
    cleanup
        .split_whitespace()
        .all(|p| it.any(|x| x == p || (p == "pod" && matches!(x.as_str(), "pods" | "po"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> CommandRules {
        CommandRules {
            destructive: vec![
                "kubectl delete".into(),
                "rm".into(),
                "curl -X DELETE".into(),
                "delete".into(),
            ],
            changes_state: vec![
                "kubectl apply".into(),
                "kubectl edit".into(),
                "curl -X PUT".into(),
                "curl -X POST".into(),
                "kafka-configs* --alter".into(),
                "vacuum".into(),
                "kill".into(),
            ],
            read_only: vec!["curl -X POST *_search*".into()],
        }
    }

    fn effects(lang: &str, text: &str) -> Vec<StepKind> {
        rules()
            .classify(lang, text)
            .into_iter()
            .map(|f| f.effect)
            .collect()
    }

    #[test]
    fn commands_are_classified_by_their_words() {
        use StepKind::*;
        assert_eq!(effects("sh", "kubectl get pods -n \"$NS\""), vec![]);
        assert_eq!(
            effects("sh", "kubectl -n kube-system edit configmap coredns"),
            vec![ChangesState]
        );
        assert_eq!(
            effects("sh", "sudo kubectl delete pod x"),
            vec![Destructive]
        );
        assert_eq!(
            effects(
                "sh",
                "bin/kafka-configs.sh --bootstrap-server \"$B\" \\\n  --alter --entity-type topics"
            ),
            vec![ChangesState]
        );
        assert_eq!(
            effects("sh", "kubectl get pods | grep delete"),
            vec![],
            "a word in another command"
        );
        assert_eq!(
            effects("sh", "curl -s -X PUT \"$ES/_all/_settings\" -d '{}'"),
            vec![ChangesState]
        );
        assert_eq!(
            effects("sh", "curl -X POST \"$ES/logs/_search\""),
            vec![],
            "an exception wins"
        );
        assert_eq!(
            effects("sh", "psql -c \"VACUUM (VERBOSE) big_table;\""),
            vec![ChangesState]
        );
        assert_eq!(
            effects("sql", "SELECT 1;\nDELETE FROM t WHERE x;"),
            vec![Destructive]
        );
        assert_eq!(
            effects("sh", "kubectl exec \"$POD\" -- kill 1"),
            vec![ChangesState]
        );
        assert_eq!(
            effects("sh", "echo hi # kubectl delete pod x"),
            vec![],
            "comments are not run"
        );
        assert_eq!(
            effects("sh", "grep -c 'rm -rf' /var/log/x"),
            vec![],
            "quoted text is one word"
        );
        assert_eq!(
            effects(
                "console",
                "$ kubectl apply -f x.yaml\ndeployment.apps/x configured"
            ),
            vec![ChangesState]
        );
        assert_eq!(effects("text", "rm -rf /"), vec![], "output is not run");
        assert_eq!(
            effects(
                "sh",
                "for p in $(kubectl get pods -o name); do kubectl delete $p; done"
            ),
            vec![Destructive]
        );
    }

    #[test]
    fn variables_used_and_set() {
        let (used, set) = variables(
            "sh",
            "export NS=prod\nfor P in $(kubectl get pods -n \"$NS\" -o name); do echo \"$P ${TOPIC} ${X:-1}\"; done\nawk '{print $1, $HOME2}' f\nread -r LINE",
        );
        assert_eq!(used, ["NS", "P", "TOPIC"]);
        assert_eq!(set, ["NS", "P", "LINE"]);
        assert_eq!(variables("sql", "SELECT $1").0, Vec::<String>::new());
    }

    #[test]
    fn what_is_created_must_be_removed() {
        let c = created(
            "sh",
            "kubectl run -n \"$NS\" dnsutils --image=x -- sleep 3600",
        );
        assert_eq!(c[0].cleanup, "kubectl delete pod dnsutils");
        assert!(created("sh", "kubectl run tmp --rm -it --image=x -- nslookup a").is_empty());
        let c = created(
            "sh",
            "kubectl debug \"$POD\" -it --copy-to=dbg --container=app -- sh",
        );
        assert_eq!(c[0].cleanup, "kubectl delete pod dbg");
        assert_eq!(
            created("sh", "kubectl apply -f probe.yaml")[0].cleanup,
            "kubectl delete -f probe.yaml"
        );
        assert!(cleans_up(
            "sh",
            "kubectl delete pod -n \"$NS\" dnsutils",
            "kubectl delete pod dnsutils"
        ));
        assert!(cleans_up(
            "sh",
            "kubectl -n x delete pods dbg",
            "kubectl delete pod dbg"
        ));
        assert!(!cleans_up(
            "sh",
            "kubectl get pod dbg",
            "kubectl delete pod dbg"
        ));
        assert_eq!(
            created("sh", "etcdctl put healthcheck ok")[0].cleanup,
            "etcdctl del healthcheck"
        );
    }

    #[test]
    fn globs() {
        assert!(glob("kafka-configs*", "kafka-configs.sh"));
        assert!(glob("*_search*", "$ES/logs/_search?q=x"));
        assert!(!glob("*_search*", "$ES/_settings"));
        assert!(glob("DELETE", "delete"));
    }
}
