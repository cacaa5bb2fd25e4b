import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openRetriever, type Retriever, type SearchOptions } from '../../tooling/src/retrieval/api.js';
import { createWorkspace, type Workspace } from '../test/harness.js';
import { warmUp } from './warm-up.js';

let workspace: Workspace;
let retriever: Retriever;
beforeAll(async () => {
  workspace = await createWorkspace();
  retriever = await openRetriever(workspace.config());
});
afterAll(() => {
  retriever.close();
  workspace.remove();
});

describe('warmUp', () => {
  test('reads a question in English and one in Japanese as the service does, everywhere and in their language, and reads the best atom whole', async () => {
    const searched: (string | undefined)[][] = [];
    const read: string[] = [];
    const recording: Retriever = Object.assign(Object.create(retriever) as Retriever, {
      searchEach: (query: string, each: readonly SearchOptions[]) => {
        searched.push(each.map((options) => options.filters?.language));
        return retriever.searchEach(query, each);
      },
      unitsOf: (atomId: string) => {
        read.push(atomId);
        return retriever.unitsOf(atomId);
      },
    });
    await warmUp(recording);
    expect(searched).toEqual([
      [undefined, 'en'],
      [undefined, 'ja'],
    ]);
    // The fixture atoms are English: the Japanese question is answered from them too.
    expect(read).toHaveLength(2);
  });

  test('an index a search cannot read leaves the start to go on: the first question meets the error', async () => {
    const failing: Retriever = Object.assign(Object.create(retriever) as Retriever, {
      searchEach: () => Promise.reject(new Error('the chunk store changed in place')),
    });
    await expect(warmUp(failing)).resolves.toBeUndefined();
  });
});
