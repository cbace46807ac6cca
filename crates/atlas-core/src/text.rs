//! Text helpers shared by the search index and the build: tokenising, and
//! turning a Markdown body into plain text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Lowercased alphanumeric runs: "x509: certificate has expired" →
/// ["x509", "certificate", "has", "expired"]. Byte offsets come along so a
/// snippet can highlight the original text.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .scan(0usize, move |pos, piece| {
            // `split` drops separators; recover offsets from the piece's address.
            let start = piece.as_ptr() as usize - text.as_ptr() as usize;
            *pos = start + piece.len();
            Some((start, piece))
        })
        .filter(|(_, t)| !t.is_empty())
}

/// Tokens as owned lowercase terms.
pub fn terms(text: &str) -> Vec<String> {
    tokens(text).map(|(_, t)| t.to_lowercase()).collect()
}

/// The readable text of a Markdown body: prose, table cells, code and
/// headings, without markup. Mermaid sources are left out (they are drawn,
/// not read), but their node labels are not worth the noise either.
pub fn markdown_to_plain(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut in_mermaid = false;
    for event in Parser::new_ext(body, crate::markdown::options()) {
        match event {
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang)))
                if lang.split_whitespace().next() == Some("mermaid") =>
            {
                in_mermaid = true
            }
            Event::End(TagEnd::CodeBlock) if in_mermaid => in_mermaid = false,
            Event::Text(t) | Event::Code(t) if !in_mermaid => out.push_str(&t),
            Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) if !out.ends_with(['\n', ' ']) => {
                out.push(if matches!(event, Event::End(TagEnd::TableCell)) {
                    ' '
                } else {
                    '\n'
                });
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Damerau–Levenshtein distance ≤ 1 (one substitution, insertion, deletion
/// or adjacent transposition).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        let (ra, rb) = (&a[prefix..], &b[prefix..]);
        ra[1..] == rb[1..]
            || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
    } else if la > lb {
        a[prefix + 1..] == b[prefix..]
    } else {
        b[prefix + 1..] == a[prefix..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_offsets() {
        let text = "x509: certificate has EXPIRED";
        let toks: Vec<_> = tokens(text).collect();
        assert_eq!(toks[0], (0, "x509"));
        assert_eq!(toks[3], (22, "EXPIRED"));
        assert_eq!(terms("mvcc: database-space"), ["mvcc", "database", "space"]);
    }

    #[test]
    fn plain_text_drops_markup_and_diagrams() {
        let plain = markdown_to_plain("## Fix now\n\nRun `etcdctl defrag`.\n\n```mermaid\nflowchart LR\n A-->B\n```\n\n| a | b |\n|---|---|\n| x | y |\n");
        assert!(plain.contains("Fix now"));
        assert!(plain.contains("etcdctl defrag"));
        assert!(!plain.contains("flowchart"));
        assert!(plain.contains("x y"));
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("kafka", "kafak"));
        assert!(within_one_edit("postgres", "postgre"));
        assert!(within_one_edit("latency", "latancy"));
        assert!(!within_one_edit("latency", "lattancyy"));
        assert!(!within_one_edit("redis", "kafka"));
    }
}
