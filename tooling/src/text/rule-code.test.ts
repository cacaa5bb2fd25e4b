import { expect, test } from 'vitest';
import { RULE_CODE_LEAD } from './rule-code.js';

test('a title led by a rule code gives the code, and the words after it are the name', () => {
  expect(RULE_CODE_LEAD.exec('`MD013` - Line length')?.[1]).toBe('MD013');
  expect(RULE_CODE_LEAD.exec('TS2307: Cannot find module')?.[1]).toBe('TS2307');
  expect('MD009 - Trailing spaces'.replace(RULE_CODE_LEAD, '')).toBe('Trailing spaces');
  expect(RULE_CODE_LEAD.test('Node 24 - what changed')).toBe(false);
  expect(RULE_CODE_LEAD.test('MD013 -')).toBe(false);
});
