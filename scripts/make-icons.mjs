// Renders public/icon.svg into the PNG icons the web app manifest needs
// (192 and 512 px, plus a maskable 512 with a safe zone). Run once after
// changing the icon: node scripts/make-icons.mjs (uses Debian's chromium).
import { readFileSync } from 'node:fs';
import { launch } from '../tests/browser/browser.mjs';

const svg = readFileSync('public/icon.svg', 'utf8');
const browser = await launch();
const page = await browser.newPage();
for (const [size, file, pad] of [[192, 'icon-192.png', 0], [512, 'icon-512.png', 0], [512, 'icon-maskable-512.png', 0.1]]) {
  await page.setViewportSize({ width: size, height: size });
  const inner = Math.round(size * (1 - 2 * pad));
  await page.setContent(`<body style="margin:0;background:#1b2330;display:grid;place-items:center;height:${size}px">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`);
  await page.screenshot({ path: `public/${file}`, omitBackground: false });
}
await browser.close();
console.log('public/icon-192.png, icon-512.png, icon-maskable-512.png written');
