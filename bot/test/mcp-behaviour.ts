/**
 * What an MCP client sees of the fixture knowledge base, whatever the transport: the stdio and the
 * HTTP test files run these tests through the SDK's own client.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, test } from 'vitest';

interface Hit {
  atomId: string;
  title: string;
  type: string;
  section: string | null;
  snippet: string;
  confidence: number;
  url: string;
}

interface AskResult {
  answer: string;
  answered: boolean;
  language: string;
  threadId: string;
  citations: { n: number; url: string; atomId: string }[];
  support?: { contact: string; suggestUrl: string };
}

/** The site origin of the harness config (the schema's default `site.url`). */
export const SITE = 'http://localhost:4321';

async function call<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as T;
}

/** A call the server refuses as a tool error; returns its message. */
async function refused(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError).toBe(true);
  const [content] = result.content as { type: string; text: string }[];
  expect(content!.text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|stack/i);
  return content!.text;
}

export function mcpBehaviour(client: () => Client): void {
  describe('tools', () => {
    test('lists the four tools, each with a JSON Schema for its input and its output', async () => {
      const { tools } = await client().listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['ask', 'get_atom', 'list_atoms', 'search_atoms']);
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.outputSchema?.type).toBe('object');
        expect(tool.description).toBeTruthy();
      }
      const search = tools.find((tool) => tool.name === 'search_atoms')!;
      expect(Object.keys(search.inputSchema.properties ?? {}).sort()).toEqual(['k', 'language', 'query', 'tags', 'type']);
      expect(search.inputSchema.required).toEqual(['query']);
    });

    test('search_atoms ranks sections with their atom, snippet, confidence and absolute page URL with the section anchor', async () => {
      const { covered, hits } = await call<{ covered: boolean; hits: Hit[] }>(client(), 'search_atoms', { query: 'How do I run the linter locally?', k: 3 });
      expect(covered).toBe(true);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThanOrEqual(3);
      expect(hits[0]!.atomId).toBe('procedure/run-lint-locally');
      expect(hits[0]!.type).toBe('procedure');
      expect(hits[0]!.url).toMatch(new RegExp(`^${SITE}/procedure/run-lint-locally/(#[a-z0-9-]+)?$`));
      expect(hits[0]!.confidence).toBeGreaterThan(0);
      expect(hits[0]!.snippet.length).toBeGreaterThan(0);
    });

    test('search_atoms keeps to a type, and says when nothing covers the query', async () => {
      const typed = await call<{ hits: Hit[] }>(client(), 'search_atoms', { query: 'lint frontmatter schema', type: 'error' });
      expect(typed.hits.length).toBeGreaterThan(0);
      expect(new Set(typed.hits.map((hit) => hit.type))).toEqual(new Set(['error']));
      const none = await call<{ covered: boolean }>(client(), 'search_atoms', { query: 'airspeed velocity of an unladen swallow' });
      expect(none.covered).toBe(false);
    });

    test('search_atoms prefers atoms in the language of the query', async () => {
      const { hits } = await call<{ hits: Hit[] }>(client(), 'search_atoms', { query: 'ローカルでリントを実行する方法は？' });
      expect(hits[0]!.atomId).toBe('ja/procedure/run-lint-locally');
    });

    test('get_atom returns the header, the Markdown body, the related atoms and the page, by id or by page URL', async () => {
      const byId = await call<{ id: string; url: string; header: { title: string; version: string }; body: string; related: { title: string; url?: string }[] }>(client(), 'get_atom', {
        id: 'procedure/run-lint-locally',
      });
      expect(byId.url).toBe(`${SITE}/procedure/run-lint-locally/`);
      expect(byId.header.title).toBe('Run lint locally');
      expect(byId.header.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(byId.body).toMatch(/^## /m);
      expect(byId.body).not.toMatch(/^title:/m);
      expect(byId.related).toEqual([{ title: 'Frontmatter schema error', id: 'error/frontmatter-schema', url: `${SITE}/error/frontmatter-schema/` }]);
      const byUrl = await call<{ id: string }>(client(), 'get_atom', { id: `${SITE}/procedure/run-lint-locally/#steps` });
      expect(byUrl.id).toBe('procedure/run-lint-locally');
    });

    test('get_atom of an unknown atom is a tool error that says where ids come from', async () => {
      expect(await refused(client(), 'get_atom', { id: 'procedure/no-such-atom' })).toContain('search_atoms and list_atoms give the ids');
    });

    test('ask gives the chat answer with citations of atom pages, and continues a thread', async () => {
      const answer = await call<AskResult>(client(), 'ask', { question: 'How do I run the linter locally?' });
      expect(answer.answered).toBe(true);
      expect(answer.citations.length).toBeGreaterThan(0);
      expect(answer.answer).toMatch(/\[1\]/);
      for (const citation of answer.citations) expect(citation.url.startsWith(`${SITE}/`)).toBe(true);
      expect(answer.citations.map((c) => c.atomId)).toContain('procedure/run-lint-locally');
      const followUp = await call<AskResult>(client(), 'ask', { question: 'Can I lint a single atom?', threadId: answer.threadId });
      expect(followUp.threadId).toBe(answer.threadId);
    });

    test('ask says when the atoms do not cover a question, with no citations and the support contact', async () => {
      const answer = await call<AskResult>(client(), 'ask', { question: 'What is the airspeed velocity of an unladen swallow?' });
      expect(answer.answered).toBe(false);
      expect(answer.citations).toEqual([]);
      expect(answer.support?.contact).toBe('the docs team (docs@example.org)');
      expect(answer.answer).toContain('the docs team (docs@example.org)');
    });

    test('ask answers a Japanese question in Japanese from the Japanese atom', async () => {
      const answer = await call<AskResult>(client(), 'ask', { question: 'ローカルでリントを実行する方法は？' });
      expect(answer.language).toBe('ja');
      expect(answer.citations[0]!.atomId).toBe('ja/procedure/run-lint-locally');
    });

    test('list_atoms pages through the published atoms of a type or tag', async () => {
      const first = await call<{ atoms: { id: string; url: string; summary: string }[]; nextCursor?: string }>(client(), 'list_atoms', { limit: 4 });
      expect(first.atoms).toHaveLength(4);
      expect(first.nextCursor).toBeTruthy();
      const rest = await call<{ atoms: { id: string }[]; nextCursor?: string }>(client(), 'list_atoms', { limit: 4, cursor: first.nextCursor });
      expect(rest.nextCursor).toBeUndefined();
      const ids = [...first.atoms, ...rest.atoms].map((atom) => atom.id);
      expect(ids).toEqual([
        'config-template/bot-llm-endpoint',
        'error/frontmatter-schema',
        'faq/chat-assistant',
        'ja/procedure/run-lint-locally',
        'pitfall/editing-generated-files',
        'procedure/run-lint-locally',
      ]);
      const tagged = await call<{ atoms: { id: string }[] }>(client(), 'list_atoms', { tag: 'chat' });
      expect(tagged.atoms.map((atom) => atom.id)).toEqual(['config-template/bot-llm-endpoint', 'faq/chat-assistant']);
      const typed = await call<{ atoms: { id: string }[] }>(client(), 'list_atoms', { type: 'procedure' });
      expect(typed.atoms.map((atom) => atom.id)).toEqual(['ja/procedure/run-lint-locally', 'procedure/run-lint-locally']);
    });
  });

  describe('resources', () => {
    test('lists every atom page as a Markdown resource and reads one', async () => {
      const { resources } = await client().listResources();
      expect(resources).toHaveLength(6);
      const lint = resources.find((resource) => resource.name === 'procedure/run-lint-locally')!;
      expect(lint).toMatchObject({ uri: `${SITE}/procedure/run-lint-locally/`, title: 'Run lint locally', mimeType: 'text/markdown' });
      const { contents } = await client().readResource({ uri: lint.uri });
      expect(contents).toHaveLength(1);
      expect(contents[0]!.uri).toBe(lint.uri);
      expect((contents[0] as { text: string }).text).toMatch(/^---\ntitle: Run lint locally\n/);
    });

    test('reading a URI that is no atom page is a protocol error naming the URI', async () => {
      await expect(client().readResource({ uri: 'https://elsewhere.example/etc/passwd' })).rejects.toMatchObject({
        code: -32002,
        message: expect.stringContaining('No atom page has the URI `https://elsewhere.example/etc/passwd`'),
      });
    });

    test('a cursor the server did not make is a protocol error, not a crash', async () => {
      await expect(client().listResources({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('start again without a cursor') });
    });
  });

  describe('hostile calls', () => {
    test('an over-long question is refused with the chat limit in the message', async () => {
      expect(await refused(client(), 'ask', { question: 'why '.repeat(600) })).toContain('The question is longer than 2000 characters');
      expect(await refused(client(), 'search_atoms', { query: 'x'.repeat(2001) })).toContain('longer than 2000 characters');
    });

    test('arguments of the wrong type, unknown arguments and unknown tools are refused with a message that names them', async () => {
      expect(await refused(client(), 'search_atoms', { query: 'lint', k: 'all' })).toMatch(/k/);
      expect(await refused(client(), 'search_atoms', { query: 'lint', k: 10_000 })).toMatch(/k/);
      expect(await refused(client(), 'list_atoms', { sql: 'DROP TABLE atoms' })).toMatch(/sql/);
      expect(await refused(client(), 'ask', { question: '   ' })).toContain('The question is empty');
      expect(await refused(client(), 'drop_tables', {})).toContain('Tool drop_tables not found');
      expect(await refused(client(), 'list_atoms', { cursor: 'forged' })).toContain('start again without a cursor');
      expect(await refused(client(), 'ask', { question: 'lint?', threadId: 'no-such-thread' })).toContain('No conversation has this thread id');
    });

    test('arguments with thousands of elements are refused before validation', async () => {
      expect(await refused(client(), 'search_atoms', { query: 'lint', tags: Array.from({ length: 5000 }, (_, i) => `t${i}`) })).toMatch(/more than the maximum of 200 elements/);
    });
  });
}
