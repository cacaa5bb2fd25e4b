import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ApiError, ERRORS, toErrorResponse } from './errors.js';

describe('ERRORS', () => {
  test('bot/README.md documents exactly these codes, with the same status and meaning', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `(ATOMKIT_ERR_\w+)` \| (\d{3}) \| (.+) \|$/gm)].map((m) => [m[1], Number(m[2]), m[3]]);
    const defined = Object.entries(ERRORS).map(([code, spec]) => [code, spec.status, spec.description]);
    expect(documented).toEqual(defined);
  });
});

describe('toErrorResponse', () => {
  test('keeps an API error as it is, with its headers', () => {
    const response = toErrorResponse(new ApiError('ATOMKIT_ERR_RATE_LIMITED', 'Slow down.', { 'retry-after': '7' }));
    expect(response).toEqual({ status: 429, body: { error: { code: 'ATOMKIT_ERR_RATE_LIMITED', message: 'Slow down.' } }, headers: { 'retry-after': '7' }, internal: false });
  });

  test("rewords Fastify's own client errors", () => {
    const error = Object.assign(new Error('Body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    expect(toErrorResponse(error).body.error.code).toBe('ATOMKIT_ERR_BODY_TOO_LARGE');
  });

  test('hides everything about an unexpected failure', () => {
    const response = toErrorResponse(new Error('SQLITE_CORRUPT at /srv/db.sqlite'));
    expect(response.status).toBe(500);
    expect(response.internal).toBe(true);
    expect(JSON.stringify(response.body)).not.toContain('SQLITE');
  });
});
