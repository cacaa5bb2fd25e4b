import { expect, test } from 'vitest';
import { refersBack } from './back-reference.js';

test('a line that shows what came before it refers back; one that introduces what follows does not', () => {
  expect(['This will output:', 'The above prints:', 'It logs:', 'That gives:'].map(refersBack)).toEqual([true, true, true, true]);
  expect(['For instance, setting the censor:', 'This is the default. Run it:', 'To redact keys, use:', 'This will output the line.'].map(refersBack)).toEqual([false, false, false, false]);
});
