import { describe, expect, test } from 'vitest';
import { summarySource } from './to-draft.js';

describe('summarySource', () => {
  test('skips a paragraph whose first sentence introduces the block after it', () => {
    expect(summarySource('You can access `errorCodes` for mapping:\n\n```js\nimport { errorCodes } from "fastify"\n```\n\nBelow is a table with all the error codes.')).toBe('Below is a table with all the error codes.');
  });

  test('keeps a paragraph that says something before it introduces a list', () => {
    expect(summarySource('Vite is a build tool for the web. It has these parts:\n\n- a dev server')).toBe('Vite is a build tool for the web. It has these parts:');
  });

  test('skips labels and short fragments, and gives nothing when no paragraph reads as prose', () => {
    expect(summarySource('Note: see below.\n\n**Options**\n\nThe options change how the server listens.')).toBe('The options change how the server listens.');
    expect(summarySource('```sh\nnpm i\n```')).toBe('');
  });
});
