import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { frameAncestorSources, pagePolicy } from './security-headers.js';

const sha = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
const scriptSrc = (html: string) => /script-src ([^;]*)/.exec(pagePolicy(html, []))![1]!.split(' ');

describe(pagePolicy, () => {
  test('allows each inline script by its hash, once, and never inline code in general', () => {
    expect(scriptSrc('<script>a()</script><SCRIPT type="module">b()</SCRIPT ><script>a()</script>')).toEqual(["'self'", "'wasm-unsafe-eval'", sha('a()'), sha('b()')]);
    expect(scriptSrc('<p onclick="x()">')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  test('does not hash scripts loaded from a file', () => {
    expect(scriptSrc('<script type="module" src="/_astro/x.js"></script>')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  test('lets this origin and the given origins frame the page', () => {
    expect(pagePolicy('', ['https://intranet.example'])).toMatch(/frame-ancestors 'self' https:\/\/intranet\.example$/);
    expect(pagePolicy('', [])).toMatch(/frame-ancestors 'self'$/);
  });
});

describe(frameAncestorSources, () => {
  test.each([
    [['https://intranet.example'], ['https://intranet.example']],
    [['https://intranet.example/'], ['https://intranet.example']],
    [['http://127.0.0.1:8080'], ['http://127.0.0.1:8080']],
    [['*', 'https://*.example', 'not an origin', 'https://a.example/path', 'javascript:alert(1)', "https://a.example; script-src 'unsafe-inline'"], []],
  ])('keeps the origins of %j', (origins, expected) => {
    expect(frameAncestorSources(origins)).toEqual(expected);
  });
});
