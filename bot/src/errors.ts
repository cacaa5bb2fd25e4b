/**
 * Every error the chat API can answer with. A response body is always
 * `{"error": {"code": "ATOMKIT_ERR_...", "message": "..."}}` with a 4xx/5xx status; the code is
 * stable (clients branch on it), the message is a sentence for people and never a stack trace.
 */

export interface ErrorSpec {
  readonly status: number;
  /** What it means, for the API docs (bot/README.md lists the same table; a test keeps them in sync). */
  readonly description: string;
}

export const ERRORS = {
  ATOMKIT_ERR_INVALID_JSON: { status: 400, description: 'The request body is not valid JSON.' },
  ATOMKIT_ERR_INVALID_REQUEST: { status: 400, description: 'A field is missing, has the wrong type or is out of range.' },
  ATOMKIT_ERR_QUESTION_TOO_LONG: { status: 400, description: 'The question is longer than `bot.maxQuestionChars`.' },
  ATOMKIT_ERR_NOT_FOUND: { status: 404, description: 'No such route.' },
  ATOMKIT_ERR_THREAD_NOT_FOUND: { status: 404, description: 'The thread id is unknown.' },
  ATOMKIT_ERR_MESSAGE_NOT_FOUND: { status: 404, description: 'The message id given for feedback is unknown.' },
  ATOMKIT_ERR_METHOD_NOT_ALLOWED: { status: 405, description: 'The route exists with another method (see the `Allow` header).' },
  ATOMKIT_ERR_URL_TOO_LONG: { status: 414, description: 'A part of the URL (such as a thread id) is too long.' },
  ATOMKIT_ERR_BODY_TOO_LARGE: { status: 413, description: 'The request body is larger than the limit (64 KiB).' },
  ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The body is not `application/json`.' },
  ATOMKIT_ERR_RATE_LIMITED: { status: 429, description: 'Too many requests from this address; retry after `Retry-After` seconds.' },
  ATOMKIT_ERR_INTERNAL: { status: 500, description: 'An unexpected failure; details are in the server log only.' },
  ATOMKIT_ERR_MCP_UNAVAILABLE: { status: 501, description: 'The MCP server is off: the optional package @modelcontextprotocol/sdk is not installed next to atomkit (the message says how to install it).' },
  ATOMKIT_ERR_RETRIEVAL_FAILED: { status: 503, description: 'The search index could not answer.' },
  ATOMKIT_ERR_STORE_UNAVAILABLE: { status: 503, description: 'The conversation store (PostgreSQL) cannot be reached, so feedback or a thread cannot be stored or read; retry after `Retry-After` seconds. Questions are still answered.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** An error meant for the client: its code picks the status, its message is shown as is. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (e.g. `Retry-After`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.statusCode = ERRORS[code].status;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/**
 * Turns anything thrown while handling a request into a status and a body that is safe to send:
 * known client mistakes keep their meaning, everything else becomes a generic 500.
 *
 * @example toErrorResponse(new ApiError('ATOMKIT_ERR_THREAD_NOT_FOUND', 'No thread x.')).status //=> 404
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string>; internal: boolean } {
  if (error instanceof ApiError) {
    return { status: error.statusCode, body: body(error.code, error.message), headers: { ...error.headers }, internal: false };
  }
  const e = error as { code?: unknown; statusCode?: unknown; validation?: unknown; message?: unknown } | undefined;
  const fastifyCode = typeof e?.code === 'string' ? e.code : '';
  const mapped = FASTIFY_CODES[fastifyCode];
  if (mapped) return { status: ERRORS[mapped.code].status, body: body(mapped.code, mapped.message), headers: {}, internal: false };
  if (error instanceof SyntaxError && typeof e?.statusCode === 'number' && e.statusCode === 400) {
    return { status: 400, body: body('ATOMKIT_ERR_INVALID_JSON', FASTIFY_CODES.FST_ERR_CTP_INVALID_JSON_BODY!.message), headers: {}, internal: false };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    // A client error from a plugin we did not map: keep the status, not its wording.
    return { status, body: body('ATOMKIT_ERR_INVALID_REQUEST', 'The request could not be processed.'), headers: {}, internal: false };
  }
  return { status: 500, body: body('ATOMKIT_ERR_INTERNAL', 'Something went wrong on our side; it has been logged.'), headers: {}, internal: true };
}

function body(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Fastify's own error codes, reworded. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'ATOMKIT_ERR_INVALID_JSON', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'ATOMKIT_ERR_INVALID_JSON', message: 'The request body is empty; send a JSON object.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'ATOMKIT_ERR_BODY_TOO_LARGE', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'ATOMKIT_ERR_INVALID_REQUEST', message: 'The Content-Length header does not match the body.' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE', message: 'The Content-Type header is not valid.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'ATOMKIT_ERR_URL_TOO_LONG', message: 'A part of the URL is too long.' },
  FST_ERR_BAD_URL: { code: 'ATOMKIT_ERR_NOT_FOUND', message: 'The URL is not valid.' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'ATOMKIT_ERR_INVALID_REQUEST', message: 'The request could not be routed.' },
};
