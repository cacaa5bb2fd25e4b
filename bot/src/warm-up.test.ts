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
  test('reads a question in English and one in Japanese as the service does, by words only, and reads the best atom whole', async () => {
    const searched: string[] = [];
    const read: string[] = [];
    const language = (query: string) => (/\p{Script=Hiragana}/u.test(query) ? 'ja' : 'en');
    const recording: Retriever = Object.assign(Object.create(retriever) as Retriever, {
      languages: () => retriever.languages(),
      search: (query: string, options?: SearchOptions) => {
        searched.push(`${language(query)} ${options?.mode}`);
        return retriever.search(query, options);
      },
      searchEach: (query: string, each: readonly SearchOptions[]) => {
        searched.push(`${language(query)} ${[...new Set(each.map((options) => options.mode))].join()}`);
        return retriever.searchEach(query, each);
      },
      unitsOf: (atomId: string) => {
        read.push(atomId);
        return retriever.unitsOf(atomId);
      },
    });
    await warmUp(recording);
    // By words only: no embeddings endpoint is asked at every start.
    expect(searched).toEqual(['en lexical', 'ja lexical']);
    expect(read).toHaveLength(2);
  });

  test('an index a search cannot read leaves the start to go on: the first question meets the error', async () => {
    let searches = 0;
    const fail = () => {
      searches++;
      return Promise.reject(new Error('the chunk store changed in place'));
    };
    const failing: Retriever = Object.assign(Object.create(retriever) as Retriever, { languages: () => retriever.languages(), search: fail, searchEach: fail });
    await expect(warmUp(failing)).resolves.toBeUndefined();
    expect(searches).toBe(1);
  });
});
