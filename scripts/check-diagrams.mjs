// Parses every Mermaid block with Mermaid's own parser (the version the site
// bundles), so a diagram that would not render fails before anyone sees it.
//
//   node scripts/check-diagrams.mjs [content-dir]         prints path:line: message
//   node scripts/check-diagrams.mjs --list [content-dir]  the same as JSON (for `atlas check --mermaid`)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

// Some diagram types register DOMPurify hooks on import; give them a DOM.
const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

function blocksIn(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...blocksIn(path));
    else if (name.endsWith('.md')) {
      const lines = readFileSync(path, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (/^\s*```+\s*mermaid\b/.test(lines[i])) {
          const start = i + 1;
          const body = [];
          while (++i < lines.length && !/^\s*```+\s*$/.test(lines[i])) body.push(lines[i]);
          out.push({ path, line: start, source: body.join('\n') });
        }
      }
    }
  }
  return out;
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

if (process.argv[2] === '--list') {
  const blocks = blocksIn(process.argv[3] ?? 'content');
  process.stdout.write(JSON.stringify(await check(blocks)));
} else {
  const blocks = blocksIn(process.argv[2] ?? 'content');
  const problems = await check(blocks);
  for (const p of problems) console.error(`${p.path}:${p.line}: ${p.message}`);
  console.error(`${blocks.length} diagrams parsed, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(problems.length ? 1 : 0);
}
