// Writes a throw-away MkDocs Material project from the same content/ the
// atlas is built from: every entry as a page, one page per category, a home
// page, Mermaid through pymdownx.superfences, and Mermaid bundled locally
// (the same npm copy the atlas uses) so neither side touches a CDN.
//   node bench/mkdocs-site.mjs <content-dir> <out-dir>
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [content = 'content', out = 'target/bench/mkdocs'] = process.argv.slice(2);
rmSync(out, { recursive: true, force: true });
const docs = join(out, 'docs');
mkdirSync(join(docs, 'js'), { recursive: true });
cpSync('node_modules/mermaid/dist/mermaid.min.js', join(docs, 'js', 'mermaid.min.js'));

// Category names and folders from the taxonomy: a tiny reader for its
// `categories:` entries, each a block starting `- id:` with `dir:` and `name:`.
const taxonomy = readFileSync(join(content, 'taxonomy.yaml'), 'utf8');
const categorySection = taxonomy.slice(taxonomy.indexOf('\ncategories:'), taxonomy.indexOf('\nsystem_views:'));
const categories = categorySection.split(/\n\s*- (?=id:)/).slice(1).map((block) => ({
  id: /id: ([\w-]+)/.exec(block)?.[1],
  dir: /dir: ([\w-]+)/.exec(block)?.[1],
  name: /name: ([^\n,}]+)/.exec(block)?.[1]?.trim(),
})).filter((c) => c.id && c.dir && c.name);
if (categories.length === 0) throw new Error(`no categories read from ${join(content, 'taxonomy.yaml')}`);

const home = ['# Atlas of production distributed systems', '', 'The same content as the atlas, built with MkDocs Material.', ''];
for (const c of categories) {
  let files = [];
  try { files = readdirSync(join(content, c.dir)).filter((f) => f.endsWith('.md')); } catch { continue; }
  if (files.length === 0) continue;
  mkdirSync(join(docs, c.dir), { recursive: true });
  const list = [`# ${c.name}`, ''];
  for (const f of files.sort()) {
    const text = readFileSync(join(content, c.dir, f), 'utf8');
    const title = /^title:\s*"?(.*?)"?\s*$/m.exec(text)?.[1] ?? f;
    // Keep the YAML front matter (MkDocs reads it as page meta) and the body.
    writeFileSync(join(docs, c.dir, f), text.replace(/^(---\n[\s\S]*?\n---\n)/, `$1\n# ${title.replace(/\\"/g, '"')}\n\n`));
    list.push(`- [${title.replace(/\\"/g, '"')}](${f})`);
  }
  writeFileSync(join(docs, c.dir, 'index.md'), list.join('\n') + '\n');
  home.push(`- [${c.name}](${c.dir}/index.md): ${files.length} entries`);
}
writeFileSync(join(docs, 'index.md'), home.join('\n') + '\n');

writeFileSync(join(out, 'mkdocs.yml'), `site_name: Atlas (MkDocs Material)
use_directory_urls: true
theme:
  name: material
  font: false            # no Google Fonts: nothing from a CDN
  features:
    - search.suggest
    - search.highlight
plugins:
  - search
markdown_extensions:
  - tables
  - footnotes
  - attr_list
  - toc:
      permalink: true
  - pymdownx.tasklist
  - pymdownx.tilde
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
extra_javascript:
  - js/mermaid.min.js    # local copy: Material then skips its unpkg fetch
`);
console.error(`mkdocs-site: wrote ${out}`);
