/**
 * Every error the studio's HTTP API answers with: a 4xx/5xx status and a body
 * `{"error": {"code": "ATOMKIT_ERR_...", "message": "..."}}`, the chat API's shape. The message is a
 * sentence for people, never a stack trace.
 */
export const STUDIO_ERRORS = {
  ATOMKIT_ERR_INVALID_REQUEST: { status: 400, description: 'A field is missing, has the wrong type or is out of range.' },
  ATOMKIT_ERR_INVALID_JSON: { status: 400, description: 'The request body is not valid JSON.' },
  ATOMKIT_ERR_FORBIDDEN: { status: 403, description: 'The request lacks the session token, or comes from another host.' },
  ATOMKIT_ERR_OUTSIDE_KNOWLEDGE_BASE: { status: 403, description: 'The path is outside the atoms and interviews folders (or leaves them through a link).' },
  ATOMKIT_ERR_NOT_FOUND: { status: 404, description: 'No such route or file.' },
  ATOMKIT_ERR_CONFLICT: { status: 409, description: 'The file changed on disk since it was opened; the body carries the difference.' },
  ATOMKIT_ERR_EXISTS: { status: 409, description: 'A new atom would replace a file that exists, or take a title that is taken.' },
  ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The body is not `application/json`.' },
  ATOMKIT_ERR_BODY_TOO_LARGE: { status: 413, description: 'The request body is larger than the limit.' },
  ATOMKIT_ERR_GIT: { status: 422, description: 'git refused the commit (its message is given).' },
  ATOMKIT_ERR_STORE_UNAVAILABLE: { status: 503, description: "The chat service's store cannot be read (damaged, or not SQLite); the message says what to do." },
  ATOMKIT_ERR_INTERNAL: { status: 500, description: 'An unexpected failure; details are in the terminal only.' },
} as const;

export type StudioErrorCode = keyof typeof STUDIO_ERRORS;

export class StudioApiError extends Error {
  override name = 'StudioApiError';
  readonly statusCode: number;
  constructor(
    readonly code: StudioErrorCode,
    message: string,
    /** More fields for the client (a conflict's diff and current text). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.statusCode = STUDIO_ERRORS[code].status;
  }
}

const FASTIFY_CODES: Readonly<Record<string, [StudioErrorCode, string]>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['ATOMKIT_ERR_BODY_TOO_LARGE', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['ATOMKIT_ERR_INVALID_JSON', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['ATOMKIT_ERR_INVALID_JSON', 'The request body is empty.'],
  FST_ERR_VALIDATION: ['ATOMKIT_ERR_INVALID_REQUEST', ''],
};

/**
 * A status and a safe body for anything thrown while handling a request.
 *
 * @example toStudioError(new StudioApiError('ATOMKIT_ERR_NOT_FOUND', 'No atom x.')).status //=> 404
 */
export function toStudioError(error: unknown): { status: number; body: { error: Record<string, unknown> }; internal: boolean } {
  if (error instanceof StudioApiError) return { status: error.statusCode, body: { error: { ...error.details, code: error.code, message: error.message } }, internal: false };
  const e = error as { code?: unknown; message?: unknown; statusCode?: unknown; validation?: unknown } | undefined;
  const mapped = typeof e?.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) {
    const [code, message] = mapped;
    return { status: STUDIO_ERRORS[code].status, body: { error: { code, message: message || `Invalid request: ${String(e?.message)}.` } }, internal: false };
  }
  if (error instanceof SyntaxError && e?.statusCode === 400) return { status: 400, body: { error: { code: 'ATOMKIT_ERR_INVALID_JSON', message: 'The request body is not valid JSON.' } }, internal: false };
  return { status: 500, body: { error: { code: 'ATOMKIT_ERR_INTERNAL', message: 'Something went wrong in the studio; the terminal running it has the details.' } }, internal: true };
}
