import { describe, expect, test } from 'vitest';
import { anchorKey } from './anchor-key.js';

describe('anchorKey', () => {
  test.each([
    ['VitePress and GitHub slugs of `server.watch`', 'server-watch', 'serverwatch'],
    ['MkDocs and GitHub slugs of `Dev Containers / VS Code`', 'dev-containers-vs-code', 'dev-containers--vs-code'],
    ['VitePress and GitHub slugs of `Café`', 'cafe', 'café'],
    ['a custom id in capitals and its lower-case slug', 'DEP0111', 'dep0111'],
  ])('reads %s alike', (_name, one, other) => {
    expect(anchorKey(one)).toBe(anchorKey(other));
  });

  test('keeps letters of any script', () => {
    expect(anchorKey('インストール-手順')).toBe('インストール手順');
  });
});
