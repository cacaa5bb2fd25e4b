/**
 * The authoring studio's speed, in real Chromium against a real `atomkit studio` process on a
 * generated knowledge base of 1,000 atoms (or the number given) and this repository's
 * transcripts: `npm run bench:studio [-- <atoms>] [-- --keys 200]`. Every time is taken in the
 * page, up to the frame that shows the result being painted (a task queued from the
 * requestAnimationFrame callback of that frame runs once it is painted).
 *
 * - lint as you type: an 800-word atom open in the editor; a key is pressed, and the time from the
 *   keydown event's timestamp until the problems list shows the diagnostics of the new text
 *   (`aria-busy` false again) and is painted, one keystroke at a time (p50, p95 of --keys). Also
 *   how long the server took to lint (its Server-Timing) and the studio process's CPU time per
 *   keystroke, since the machine may be shared;
 * - first load: from navigation start (a fresh browser context, so nothing is cached) until the
 *   first view is usable and painted: the transcript list for the studio's address, and, opening
 *   an atom's address directly, the editor with its lint state. The first load after the server
 *   started, and p50 of five more of each; with the JavaScript the first view downloaded;
 * - the size of all the client's JavaScript, gzipped.
 *
 * Exits 1 when a figure misses its target.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../bot/widget/test/browser.js';
import { parseAtomText } from '../src/atom/parse.js';
import { buildStudioClient } from '../src/studio/web/build.js';
import { studioClientDir } from '../src/studio/web/client-dir.js';
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
cpSync(path.join(repo, 'interviews'), path.join(work, 'interviews'), { recursive: true });
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
const serverPid = child.pid!;
/** CPU time (user + system) the studio process has used, in ms (Linux). */
const serverCpuMs = () => {
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

/**
 * In every page: `__afterPaint()` resolves with the time (since navigation start) the next frame
 * was painted, `__painted(selector)` with the time a frame showing `selector` was. (A string: the
 * bench runs through tsx, whose helpers do not exist in the page.)
 */
const PAINT_PROBE = `
  window.__afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
  window.__painted = (selector) => new Promise((resolve) => {
    const check = () => (document.querySelector(selector) ? void window.__afterPaint().then(resolve) : requestAnimationFrame(check));
    check();
  });
`;

const browser: Browser = await launchChromium();
const editorUrl = `${url}#/atoms/${encodeURIComponent(rel)}`;
/** A fresh context, so nothing is cached: navigation start until `ready` is shown and painted, and the script bytes it downloaded. */
const loadOnce = async (address: string, ready: string) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript({ content: PAINT_PROBE });
  await page.goto(address, { waitUntil: 'commit' });
  const ms = await page.evaluate((selector) => (window as unknown as { __painted: (s: string) => Promise<number> }).__painted(selector), ready);
  const scriptBytes = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.js'))
      .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
  );
  return { ms, scriptBytes, context, page };
};
/** The transcript list with its rows; the editor with the diagnostics of the atom as opened. */
const LIST_READY = 'main table tbody tr';
const EDITOR_READY = 'main:has(.cm-content[contenteditable="true"]) .problems[aria-busy="false"]';
const loads = async (address: string, ready: string) => {
  const first = await loadOnce(address, ready);
  await first.context.close();
  const again: number[] = [];
  for (let i = 0; i < 5; i++) {
    const run = await loadOnce(address, ready);
    again.push(run.ms);
    await run.context.close();
  }
  return { first: first.ms, scriptBytes: first.scriptBytes, again };
};
// The studio's address first: the first page anyone opens after `atomkit studio`.
const listLoads = await loads(url, LIST_READY);
const editorLoads = await loads(editorUrl, EDITOR_READY);
console.error(`first load ${listLoads.first.toFixed(0)} ms (transcripts), ${editorLoads.first.toFixed(0)} ms (editor)`);

const { page, context } = await loadOnce(editorUrl, EDITOR_READY);
const shownWords = await page.locator('.words').textContent();
await page.locator('.cm-content').click();
await page.keyboard.press('Control+End');
await page.evaluate(() => {
  const w = window as unknown as { __keyAt: number };
  document.addEventListener('keydown', (event) => (w.__keyAt = event.timeStamp), true);
});
/** Keydown to the painted frame showing that text's diagnostics, and the server's share of it. */
const keystroke = async (target: Page, key: string) => {
  await target.evaluate(() => performance.clearResourceTimings());
  await target.keyboard.press(key);
  return target.evaluate(async () => {
    const w = window as unknown as { __keyAt: number; __afterPaint: () => Promise<number> };
    const list = document.querySelector('.problems')!;
    if (list.getAttribute('aria-busy') !== 'false') {
      await new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (list.getAttribute('aria-busy') !== 'false') return;
          observer.disconnect();
          resolve();
        });
        observer.observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
      });
    }
    const painted = await w.__afterPaint();
    const requests = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/api/lint')) as PerformanceResourceTiming[];
    return {
      ms: painted - w.__keyAt,
      serverMs: requests.reduce((sum, entry) => sum + (entry.serverTiming.find((timing) => timing.name === 'lint')?.duration ?? 0), 0),
      roundTripMs: requests.reduce((sum, entry) => sum + (entry.responseEnd - entry.startTime), 0),
    };
  });
};
const latencies: number[] = [];
const serverShare: number[] = [];
const roundTrips: number[] = [];
const cpuBefore = serverCpuMs();
for (let i = 0; i < keys; i++) {
  // A letter typed at the end of the last word, then taken back: the atom stays 800 words long.
  const timing = await keystroke(page, i % 2 === 0 ? 'x' : 'Backspace');
  latencies.push(timing.ms);
  serverShare.push(timing.serverMs);
  roundTrips.push(timing.roundTripMs);
}
const cpuPerKey = (serverCpuMs() - cpuBefore) / keys;
await context.close();
await browser.close();
// The studio's output pipe would keep this process alive.
child.kill();

const quantile = (list: readonly number[], q: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
let missed = false;
const line = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) => {
  const target = typeof extra.target === 'number' ? extra.target : undefined;
  const miss = target !== undefined && value > target;
  missed ||= miss;
  console.log(`${name}: ${value.toFixed(unit === 'KB' ? 1 : 0)} ${unit}${target === undefined ? '' : ` (target <= ${target} ${unit}${miss ? ', MISSED' : ''})`}`);
  console.log(`BENCH ${JSON.stringify({ name, value: Number(value.toFixed(1)), unit, atoms: corpusSize, ...extra })}`);
};
const typing = 'studio lint as you type (keydown to diagnostics painted, 800-word atom)';
console.log(`editor atom: ${rel}, ${shownWords}`);
line(`${typing} p50`, quantile(latencies, 0.5), 'ms', { keys });
line(`${typing} p95`, quantile(latencies, 0.95), 'ms', { keys, target: 100 });
line('studio lint as you type: request round trip p50', quantile(roundTrips, 0.5), 'ms', { keys });
line('studio lint as you type: server lint time p50 (Server-Timing)', quantile(serverShare, 0.5), 'ms', { keys });
line('studio lint as you type: server CPU time per keystroke', cpuPerKey, 'ms', { keys });
line('studio first load, transcripts (first after start, navigation to painted)', listLoads.first, 'ms', { target: 1000 });
line('studio first load, transcripts p50 (fresh browser context)', quantile(listLoads.again, 0.5), 'ms', { target: 1000 });
line('studio first load, editor on an atom (first after start)', editorLoads.first, 'ms', { target: 1000 });
line('studio first load, editor on an atom p50 (fresh browser context)', quantile(editorLoads.again, 0.5), 'ms', { target: 1000 });
line('studio JavaScript downloaded by the first view, transcripts', listLoads.scriptBytes / 1024, 'KB');
line('studio JavaScript downloaded by the first view, editor', editorLoads.scriptBytes / 1024, 'KB');
line('studio JavaScript gzipped (all views)', client.jsGzipBytes / 1024, 'KB', { target: 400, bytes: client.jsBytes });
process.exitCode = missed ? 1 : 0;
