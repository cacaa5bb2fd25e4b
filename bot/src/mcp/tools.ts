/**
 * The MCP tools: `search_atoms`, `get_atom`, `ask` and `list_atoms`. Each declares its input and
 * output as zod schemas (the SDK publishes them as JSON Schema and checks both), and answers with
 * the chat service's own retrieval, answering and citations, so a tool says what the chat says.
 */
import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { absoluteUrl } from '../../../tooling/src/atom/identity.js';
import type { Answerer } from '../answer/answerer.js';
import { citationFor } from '../answer/citations.js';
import { detectLanguage } from '../answer/language.js';
import { answerSchema, filtersSchema, queryRequestSchema } from '../contract.js';
import { toErrorResponse } from '../errors.js';
import { CursorError, type AtomCatalog, type CatalogAtom } from './catalog.js';

export interface ToolDeps {
  readonly answerer: Answerer;
  readonly catalog: AtomCatalog;
  /** The site origin page paths are made absolute on (`site.url`). */
  readonly siteUrl: string;
  readonly maxQuestionChars: number;
  /** Receives failures that are not the client's doing (the client only gets a generic sentence). */
  readonly onInternalError: (error: unknown) => void;
}

/** A failed tool call, with a message meant for the client. */
export class ToolError extends Error {
  override name = 'ToolError';
}

export const TOOL_NAMES = ['search_atoms', 'get_atom', 'ask', 'list_atoms'] as const;

const atomType = z.string().min(1).max(40).describe('An atom type: error, procedure, playbook, interface-input, troubleshooting, config-template, pitfall or faq.');
const tag = z.string().min(1).max(40);
const cursor = z.string().max(200).describe('`nextCursor` of the previous page.');

const citation = z.object({
  n: z.number().int(),
  title: z.string(),
  url: z.string().describe('The page section the citation quotes, absolute.'),
  section: z.string().nullable(),
  snippet: z.string(),
  atomId: z.string(),
});

const atomListing = z.object({ id: z.string(), title: z.string(), summary: z.string(), type: z.string(), language: z.string(), url: z.string() });

/** Registers tools on a server; schemas and handlers are built once, servers are made per request. */
export type ToolSet = (server: McpServer) => void;

/** The four tools, ready to register on each new server. */
export function createTools(deps: ToolDeps): ToolSet {
  const { answerer, catalog } = deps;
  const guarded = guard(deps.onInternalError);
  const question = queryRequestSchema(deps.maxQuestionChars).shape.question;
  const page = (path: string) => absoluteUrl(path, deps.siteUrl);

  const tools: ToolSet[] = [];
  tools.push(tool(
    'search_atoms',
    {
      title: 'Search the atoms',
      description:
        'Ranked sections of the knowledge base for a query (a question or a pasted log line), each with its atom, a snippet, a 0..1 confidence and the page URL of the section. `covered` is false when no hit reaches the confidence the chat needs to answer.',
      inputSchema: z
        .object({
          query: question.describe('What to search for.'),
          type: atomType.optional(),
          tags: filtersSchema.shape.tags.describe('Only atoms with at least one of these tags.'),
          language: filtersSchema.shape.language.describe('BCP 47 tag of the preferred language (default: detected from the query); other languages are searched when it has no confident hit.'),
          k: z.number().int().min(1).max(20).default(8).describe('Number of hits.'),
        })
        .strict(),
      outputSchema: z.object({
        covered: z.boolean(),
        hits: z.array(
          z.object({
            atomId: z.string(),
            title: z.string(),
            type: z.string(),
            section: z.string().nullable(),
            snippet: z.string(),
            confidence: z.number(),
            url: z.string(),
          }),
        ),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async ({ query, type, tags, language, k }) => {
      const filters = { ...(type ? { types: [type] } : {}), ...(tags ? { tags } : {}) };
      const found = await answerer.retrieve(query, language ?? detectLanguage(query), Object.keys(filters).length > 0 ? filters : undefined, { k });
      const hits = found.map((hit, i) => {
        const { title, section, snippet, atomId, url } = citationFor({ n: i + 1, hit });
        return { atomId, title, type: hit.type, section, snippet, confidence: Math.round(hit.confidence * 1000) / 1000, url: page(url) };
      });
      const covered = found.some((hit) => hit.confidence >= answerer.deps.settings.minScore);
      return result({ covered, hits }, hits.map((hit) => `- ${hit.title}${hit.section ? ` › ${hit.section}` : ''} (${hit.confidence}) ${hit.url}\n  ${hit.snippet}`).join('\n') || 'No atom matches.');
    }),
  ));

  tools.push(tool(
    'get_atom',
    {
      title: 'Read an atom',
      description: "One atom: its header fields, its Markdown body, its related atoms and its page URL. Give the atom's id (as in search hits) or its page URL.",
      inputSchema: z.object({ id: z.string().min(1).max(2000).describe('An atom id (`procedure/run-lint-locally`) or its page URL.') }).strict(),
      outputSchema: z.object({
        id: z.string(),
        title: z.string(),
        summary: z.string(),
        type: z.string(),
        tags: z.array(z.string()),
        language: z.string(),
        url: z.string(),
        header: z.record(z.string(), z.unknown()),
        body: z.string(),
        related: z.array(z.object({ title: z.string(), id: z.string().optional(), url: z.string().optional() })),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async ({ id }) => {
      const atom = catalog.get(id);
      if (!atom) throw new ToolError(`No published atom has the id or page URL \`${id.slice(0, 200)}\`; search_atoms and list_atoms give the ids.`);
      const { title, summary, type, tags, language, url, header, body, related } = atom;
      return result({ id: atom.id, title, summary, type, tags: [...tags], language, url, header: { ...header }, body, related: [...related] }, atom.markdown);
    }),
  ));

  tools.push(tool(
    'ask',
    {
      title: 'Ask the knowledge base',
      description:
        'The chat assistant\'s answer to a question, from the atoms only, with numbered citations of the pages it used. When the atoms do not cover the question, `answered` is false and `support` says whom to ask. Pass `threadId` from an answer to ask a follow-up.',
      inputSchema: z
        .object({
          question: question.describe('The question, in any language.'),
          threadId: queryRequestSchema(deps.maxQuestionChars).shape.threadId.describe('`threadId` of an earlier answer, for a follow-up.'),
          language: queryRequestSchema(deps.maxQuestionChars).shape.language.describe('BCP 47 tag of the language to answer in (default: detected from the question).'),
        })
        .strict(),
      outputSchema: answerSchema.extend({ citations: z.array(citation), threadId: z.string() }),
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    guarded(async (request) => {
      const { threadId, messageId: _message, cached: _cached, latencyMs: _latency, ...answer } = await answerer.answer(request);
      const citations = answer.citations.map((c) => ({ ...c, url: page(c.url) }));
      const sources = citations.map((c) => `[${c.n}] ${c.title}${c.section ? ` › ${c.section}` : ''}: ${c.url}`).join('\n');
      return result({ ...answer, citations, threadId }, sources ? `${answer.answer}\n\n${sources}` : answer.answer);
    }),
  ));

  tools.push(tool(
    'list_atoms',
    {
      title: 'List the atoms',
      description: 'Titles, summaries and page URLs of the published atoms, optionally of one type or with one tag, a page at a time.',
      inputSchema: z
        .object({
          type: atomType.optional(),
          tag: tag.optional(),
          cursor: cursor.optional(),
          limit: z.number().int().min(1).max(100).default(50).describe('Atoms per page.'),
        })
        .strict(),
      outputSchema: z.object({ atoms: z.array(atomListing), nextCursor: z.string().optional() }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async ({ type, tag: withTag, cursor: from, limit }) => {
      const listed = catalog.list({ limit, ...(type ? { type } : {}), ...(withTag ? { tag: withTag } : {}), ...(from !== undefined ? { cursor: from } : {}) });
      const atoms = listed.atoms.map(listing);
      return result({ atoms, ...(listed.nextCursor ? { nextCursor: listed.nextCursor } : {}) }, atoms.map((a) => `- ${a.title}: ${a.summary} ${a.url}`).join('\n') || 'No atom matches.');
    }),
  ));
  return (server) => {
    for (const register of tools) register(server);
  };
}

/** One tool: `handler` gets the arguments as `inputSchema` parses them. */
function tool<I extends z.ZodObject, O extends z.ZodObject>(
  name: (typeof TOOL_NAMES)[number],
  config: { title: string; description: string; inputSchema: I; outputSchema: O; annotations: ToolAnnotations },
  handler: (args: z.output<I>) => Promise<{ structuredContent: z.output<O>; content: { type: 'text'; text: string }[] }>,
): ToolSet {
  return (server) => void server.registerTool(name, config, handler as unknown as ToolCallback<I>);
}

function listing(atom: CatalogAtom): z.infer<typeof atomListing> {
  return { id: atom.id, title: atom.title, summary: atom.summary, type: atom.type, language: atom.language, url: atom.url };
}

/** A tool result: the structured content, and text for clients that only show text. */
function result<T extends Record<string, unknown>>(structuredContent: T, text: string) {
  return { structuredContent, content: [{ type: 'text' as const, text }] };
}

/**
 * Wraps tool handlers so failures reach the client as the chat API words them: a client mistake
 * keeps its message, anything unexpected is logged and becomes the generic internal-error sentence.
 */
function guard(onInternalError: (error: unknown) => void) {
  return <A, R>(handler: (args: A) => Promise<R>): ((args: A) => Promise<R>) =>
    async (args) => {
      try {
        return await handler(args);
      } catch (error) {
        if (error instanceof ToolError || error instanceof CursorError) throw error;
        const response = toErrorResponse(error);
        if (response.internal) onInternalError(error);
        throw new ToolError(response.body.error.message);
      }
    };
}
