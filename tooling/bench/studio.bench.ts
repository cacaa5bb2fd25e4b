/**
 * The authoring studio's speed, in real Chromium against a real `atomkit studio` process on a
 * generated knowledge base of 1,000 atoms (or the number given): `npm run bench:studio [-- <atoms>]`.
 *
 * - lint as you type: an 800-word atom open in the editor; a key is pressed, and the time until the
 *   problems list is redrawn with the diagnostics of the new text is measured in the page (from
 *   the keydown event to the redraw), one keystroke at a time (p50, p95 of --keys, default 200);
 * - first load: a fresh browser context opens the studio on that atom, until the editor shows its
 *   lint state (the first load after the server started, and p50 of five more);
 * - the size of the client's JavaScript, gzipped.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from '../../bot/widget/test/browser.js';
import { parseAtomText } from '../src/atom/parse.js';
import { buildStudioClient, studioClientDir } from '../src/studio/web/build.js';
import { corpusAtom, corpusPath, generateCorpus } from './generate-corpus.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { keys: { type: 'string', default: '200' } } });
const corpusSize = positionals[0] ? Number(positionals[0]) : 1000;
const keys = Number(values.keys);
const WORDS = 800;

const work = mkdtempSync(path.join(tmpdir(), 'atomkit-bench-studio-'));
let child: ChildProcess | undefined;
process.on('exit', () => {
  child?.kill();
  rmSync(work, { recursive: true, force: true });
});

const client = await buildStudioClient(studioClientDir());
generateCorpus({ dir: path.join(work, 'atoms'), count: corpusSize });
writeFileSync(path.join(work, 'atomkit.config.yaml'), 'site:\n  url: https://example.org\n');
// One procedure of the corpus, grown to 800 words with one more section of its own vocabulary.
const procedure = Array.from({ length: corpusSize }, (_, i) => i).find((i) => corpusPath(i).startsWith('procedure/'))!;
const rel = `atoms/${corpusPath(procedure)}`;
let text = corpusAtom(procedure, corpusSize);
const filler = text.split(/\s+/).filter((word) => /^[a-z]+$/.test(word));
const notes: string[] = [];
while (parseAtomText(`${text}\n## Notes\n\n${notes.join(' ')}\n`).words < WORDS) notes.push(filler[notes.length % filler.length]!);
text = `${text.trimEnd()}\n\n## Notes\n\n${notes.join(' ')}.\n`;
writeFileSync(path.join(work, rel), text);
execFileSync('git', ['init', '-q'], { cwd: work });

child = spawn(process.execPath, [path.join(repo, 'bin/atomkit.js'), '--cwd', work, 'studio', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child!.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const found = /listening on (http:\/\/\S+)/.exec(out);
    if (found) resolve(found[1]!);
  });
  child!.once('exit', (code) => reject(new Error(`atomkit studio exited with ${code}`)));
});

console.error(`studio on ${url}`);
const browser = await launchChromium();
const editorUrl = `${url}#/atoms/${encodeURIComponent(rel)}`;
const loadOnce = async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(editorUrl);
  await page.locator('.lint-state').filter({ hasText: /^Lint: / }).waitFor();
  const ms = performance.now() - started;
  return { ms, context, page };
};
const first = await loadOnce();
console.error(`first load ${first.ms.toFixed(0)} ms`);
await first.context.close();
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  const run = await loadOnce();
  loads.push(run.ms);
  await run.context.close();
}

const { page, context } = await loadOnce();
const shownWords = await page.locator('.words').textContent();
await page.evaluate(() => {
  const w = window as unknown as { __keys: number[]; __shown: number[] };
  w.__keys = [];
  w.__shown = [];
  document.addEventListener('keydown', () => w.__keys.push(performance.now()), true);
  new MutationObserver(() => w.__shown.push(performance.now())).observe(document.querySelector('.problems')!, { childList: true });
});
await page.locator('.cm-content').click();
await page.keyboard.press('Control+End');
const latencies: number[] = [];
for (let i = 0; i < keys; i++) {
  // A letter typed at the end of the last word, then taken back: the atom stays 800 words long.
  await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
  latencies.push(
    await page.waitForFunction(() => {
      const w = window as unknown as { __keys: number[]; __shown: number[] };
      const key = w.__keys.at(-1)!;
      const shown = w.__shown.find((at) => at > key);
      return shown === undefined ? false : shown - key;
    }).then((handle) => handle.jsonValue() as Promise<number>),
  );
}
await context.close();
await browser.close();

const quantile = (list: readonly number[], q: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const line = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) => {
  console.log(`${name}: ${value.toFixed(unit === 'KB' ? 1 : 0)} ${unit}`);
  console.log(`BENCH ${JSON.stringify({ name, value: Number(value.toFixed(1)), unit, atoms: corpusSize, ...extra })}`);
};
console.log(`editor atom: ${rel}, ${shownWords}`);
line('studio lint as you type p50 (keystroke to diagnostics shown, 800-word atom)', quantile(latencies, 0.5), 'ms', { keys });
line('studio lint as you type p95 (keystroke to diagnostics shown, 800-word atom)', quantile(latencies, 0.95), 'ms', { keys, target: 100 });
line('studio first load (first after start, until the editor shows lint)', first.ms, 'ms', { target: 1000 });
line('studio first load p50 (fresh browser context)', quantile(loads, 0.5), 'ms', { target: 1000 });
line('studio JavaScript gzipped', client.jsGzipBytes / 1024, 'KB', { target: 400, bytes: client.jsBytes });
