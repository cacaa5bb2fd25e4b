/**
 * The shapes of the chat API, as zod schemas: routes validate requests and responses with them,
 * and the widget and tests can import the inferred types. bot/README.md documents them.
 */
import { z } from 'zod';

/** Ids are server-made UUIDs; anything else is simply not found, so only the size is bounded. */
const id = z.string().min(1).max(100);

export const filtersSchema = z
  .object({
    types: z.array(z.string().min(1).max(40)).max(20).optional(),
    tags: z.array(z.string().min(1).max(40)).max(20).optional(),
    language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/).optional(),
  })
  .strict();

/** `POST /api/query` body; `maxQuestionChars` comes from config `bot.maxQuestionChars`. */
export function queryRequestSchema(maxQuestionChars: number) {
  return z
    .object({
      question: z
        .string()
        .max(maxQuestionChars, { error: `The question is longer than ${maxQuestionChars} characters` })
        .refine((q) => q.trim().length > 0, { error: 'The question is empty' }),
      threadId: id.optional(),
      language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/).optional(),
      filters: filtersSchema.optional(),
    })
    .strict();
}
export type QueryRequest = z.output<ReturnType<typeof queryRequestSchema>>;

export const citationSchema = z.object({
  /** The number used by the `[n]` markers in `answer`. */
  n: z.number().int().positive(),
  title: z.string(),
  /** Deep link to the section: a site path with the base (e.g. `/procedure/x/#steps`). */
  url: z.string(),
  section: z.string().nullable(),
  snippet: z.string(),
  atomId: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

export const supportSchema = z.object({
  contact: z.string(),
  /** Opens a prefilled "suggest an atom" issue for the question; absent when none is configured. */
  suggestUrl: z.string().optional(),
});

/** The part of an answer that is the same for everyone who asks the same question (what is cached). */
export const answerSchema = z.object({
  /** Markdown with `[n]` citation markers. */
  answer: z.string(),
  citations: z.array(citationSchema),
  /** `false`: the atoms do not cover the question (see `support`). */
  answered: z.boolean(),
  mode: z.enum(['llm', 'extractive']),
  /** The model that wrote the answer; null in extractive mode. */
  model: z.string().nullable(),
  /** An LLM was configured but failed, so this is the extractive fallback. */
  degraded: z.boolean(),
  /** The language the answer is written for (detected from the question unless given). */
  language: z.string(),
  support: supportSchema.optional(),
});
export type Answer = z.infer<typeof answerSchema>;

export const queryResponseSchema = answerSchema.extend({
  threadId: z.string(),
  messageId: z.string(),
  cached: z.boolean(),
  latencyMs: z.number(),
  /** Present (false) only when the exchange could not be stored: the database was unreachable. Its ids are then unknown to `/api/threads` and `/api/feedback`. */
  stored: z.literal(false).optional(),
});
export type QueryResponse = z.infer<typeof queryResponseSchema>;

export const threadParamsSchema = z.object({ id }).strict();

export const threadMessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  createdAt: z.string(),
  citations: z.array(citationSchema).optional(),
  mode: z.enum(['llm', 'extractive']).optional(),
  model: z.string().nullable().optional(),
  answered: z.boolean().optional(),
  degraded: z.boolean().optional(),
  cached: z.boolean().optional(),
  latencyMs: z.number().optional(),
});

export const threadResponseSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  messages: z.array(threadMessageSchema),
});
export type ThreadResponse = z.infer<typeof threadResponseSchema>;

export const feedbackRequestSchema = z
  .object({
    messageId: id,
    rating: z.enum(['up', 'down']),
    comment: z.string().max(2000).optional(),
  })
  .strict();
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

export const feedbackResponseSchema = z.object({ id: z.number().int(), messageId: z.string(), rating: z.enum(['up', 'down']) });

export const healthResponseSchema = z.object({
  /** `degraded`: answering, but the store cannot be reached (exchanges and feedback are not being stored). */
  status: z.enum(['ok', 'degraded']),
  index: z.object({
    loaded: z.boolean(),
    model: z.string(),
    dense: z.boolean(),
    contentHash: z.string(),
    builtAt: z.string(),
    atoms: z.number(),
    units: z.number(),
  }),
  answering: z.object({ mode: z.enum(['llm', 'extractive']), models: z.array(z.string()) }),
  store: z.object({ kind: z.enum(['sqlite', 'postgres']), reachable: z.boolean(), problem: z.string().optional() }),
  /** Absent while the store cannot be reached. */
  counts: z.object({ threads: z.number(), messages: z.number(), feedback: z.number(), unanswered: z.number(), cachedAnswers: z.number() }).optional(),
});
