import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { bodyCache, pipelineFingerprint } from './body-cache.js';
import type { BodyRenderer } from './store.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-bodies-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A renderer that counts its calls and says which call rendered a body. */
function countingRenderer(): BodyRenderer & { calls: number } {
  const render = Object.assign(
    async (body: string) => {
      render.calls++;
      return { html: `<p>${body} #${render.calls}</p>`, headings: [{ depth: 2, slug: 'a', text: 'A' }], faq: [{ inFaqSection: true, pairs: [{ question: 'Why?', answer: 'Because.' }] }] };
    },
    { calls: 0 },
  );
  return render;
}

const warnings: string[] = [];
const options = (fingerprint = 'f1') => ({ dir, fingerprint, warn: (message: string) => warnings.push(message) });

describe('bodyCache', () => {
  test('gives the next build the bodies an earlier build rendered, FAQ pairs included, without rendering them again', async () => {
    const first = countingRenderer();
    const rendered = await bodyCache(first, options()).render('Hello');
    const second = countingRenderer();
    expect(await bodyCache(second, options()).render('Hello')).toEqual(rendered);
    expect(rendered.faq).toHaveLength(1);
    expect(second.calls).toBe(0);
  });

  test('renders a changed body, and a body under another fingerprint, again', async () => {
    await bodyCache(countingRenderer(), options()).render('Hello');
    const render = countingRenderer();
    const cache = bodyCache(render, options('f2'));
    await cache.render('Hello');
    await bodyCache(render, options()).render('Hello, edited');
    expect(render.calls).toBe(2);
  });

  test('renders a body again when its cache file is damaged, and rewrites the file', async () => {
    await bodyCache(countingRenderer(), options()).render('Hello');
    const [name] = readdirSync(dir);
    writeFileSync(path.join(dir, name!), '{"html": 3');
    const render = countingRenderer();
    expect((await bodyCache(render, options()).render('Hello')).html).toBe('<p>Hello #1</p>');
    expect(render.calls).toBe(1);
    // A body kept without its FAQ pairs is rendered again too.
    writeFileSync(path.join(dir, name!), JSON.stringify({ html: '<p>Hello</p>', headings: [] }));
    await bodyCache(render, options()).render('Hello');
    expect(render.calls).toBe(2);
    expect(JSON.parse(readFileSync(path.join(dir, name!), 'utf8')).html).toBe('<p>Hello #2</p>');
  });

  test('prune keeps only the bodies the build used', async () => {
    await bodyCache(countingRenderer(), options()).render('Gone');
    const cache = bodyCache(countingRenderer(), options());
    await cache.render('Kept');
    cache.prune();
    const render = countingRenderer();
    const next = bodyCache(render, options());
    await next.render('Kept');
    expect(render.calls).toBe(0);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  test('still renders, and warns once, when the cache folder cannot be written', async () => {
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    warnings.length = 0;
    const cache = bodyCache(countingRenderer(), { ...options(), dir: path.join(blocked, 'bodies') });
    expect((await cache.render('One')).html).toBe('<p>One #1</p>');
    expect((await cache.render('Two')).html).toBe('<p>Two #2</p>');
    expect(warnings).toEqual([expect.stringMatching(/^Rendered atom bodies are not kept for the next build: /)]);
  });
});

describe('pipelineFingerprint', () => {
  const render: BodyRenderer = async (body) => ({ html: body.length > 0 ? '<p>sample</p>' : '', headings: [], faq: [] });

  test('changes with a plugin option', async () => {
    const plugin = () => undefined;
    const a = await pipelineFingerprint({ remarkPlugins: [[plugin, { labels: 'Note' }]] }, render);
    const b = await pipelineFingerprint({ remarkPlugins: [[plugin, { labels: 'Remarque' }]] }, render);
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  test('changes with a plugin\'s code', async () => {
    const a = await pipelineFingerprint({ remarkPlugins: [() => 1] }, render);
    const b = await pipelineFingerprint({ remarkPlugins: [() => 2] }, render);
    expect(a).not.toBe(b);
  });

  test('changes with what the pipeline makes of the sample body, whatever its options say', async () => {
    const other: BodyRenderer = async () => ({ html: '<p>other labels</p>', headings: [], faq: [] });
    expect(await pipelineFingerprint({}, render)).not.toBe(await pipelineFingerprint({}, other));
  });

  test('is the same for the same pipeline, options with cycles included', async () => {
    const options = (): Record<string, unknown> => {
      const value: Record<string, unknown> = { theme: new Map([['bg', '#fff']]) };
      value.self = value;
      return value;
    };
    expect(await pipelineFingerprint(options(), render)).toBe(await pipelineFingerprint(options(), render));
  });

  test('is undefined when the options cannot be read, so bodies are rendered every time', async () => {
    const options = {
      get broken(): never {
        throw new Error('no');
      },
    };
    expect(await pipelineFingerprint(options, render)).toBeUndefined();
  });
});
