import { describe, expect, test } from 'vitest';
import { MASK, withoutCredentials } from './credentials.js';

describe('withoutCredentials', () => {
  test('masks tokens and connection-string passwords pasted in a log, and keeps the rest as written', async () => {
    const npmToken = `npm_${'abcdefghij'.repeat(3)}012345`;
    const github = `ghp_${'a1B2c3D4e5'.repeat(3)}a1B2c3`;
    const pasted = [
      `npm error 401 Unauthorized - GET https://registry.npmjs.org/@acme%2fui - token ${npmToken} is invalid`,
      `DATABASE_URL=postgres://admin:hunter2secret@db.internal:5432/app`,
      `git clone https://${github}@github.com/acme/app`,
      'why does it fail?',
    ].join('\n');
    const { text, masked } = await withoutCredentials(pasted);
    expect(masked).toBe(3);
    for (const secret of [npmToken, 'hunter2secret', github]) expect(text).not.toContain(secret);
    expect(text).toContain('npm error 401 Unauthorized - GET https://registry.npmjs.org/@acme%2fui - token <credential removed> is invalid');
    expect(text.endsWith('\nwhy does it fail?')).toBe(true);
  });

  test('leaves a question without credentials byte for byte, ids and hashes that only look random included', async () => {
    const question = 'Error: ENOENT atoms/error/x.md sha 4f9c2e1d0b7a6e5f4c3b2a1908f7e6d5c4b3a291, request id req-2f9a8c7e6d5b4a39 — what now?';
    expect(await withoutCredentials(question)).toEqual({ text: question, masked: 0 });
    expect(MASK).not.toMatch(/[\r\n]/);
  });
});
