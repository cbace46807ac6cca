// Parses Mermaid blocks with Mermaid's own parser (the version the site
// bundles), so a diagram that would not render fails before anyone sees it.
// The blocks come from the atlas's Rust reader, as JSON on stdin:
//
//   cargo run -q -p atlas-cli -- diagrams | node scripts/check-diagrams.mjs
//
// Prints the problems as JSON ([{path, line, message}]) on stdout; exits 1
// if there are any. `atlas check --mermaid` runs it this way.
import { JSDOM } from 'jsdom';

// Some diagram types register DOMPurify hooks on import; give them a DOM.
const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function check(blocks) {
  const problems = [];
  for (const b of blocks) {
    try {
      await mermaid.parse(b.source);
    } catch (e) {
      const first = String(e?.message ?? e).split('\n');
      // Mermaid numbers lines within the diagram; point at the file line.
      const m = /line (\d+)/.exec(first[0]);
      const line = m ? b.line + Number(m[1]) : b.line;
      const detail = first.filter((l) => l.trim() && !/^-*\^$/.test(l.trim())).slice(0, 3).join(' | ');
      problems.push({ path: b.path, line, message: `Mermaid cannot parse this diagram: ${detail}` });
    }
  }
  return problems;
}

const blocks = JSON.parse(await readStdin());
const problems = await check(blocks);
process.stdout.write(JSON.stringify(problems));
for (const p of problems) console.error(`${p.path}:${p.line}: ${p.message}`);
console.error(`Mermaid parsed ${blocks.length - problems.length} of ${blocks.length} diagrams`);
process.exitCode = problems.length ? 1 : 0;
