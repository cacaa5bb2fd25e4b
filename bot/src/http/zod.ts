/**
 * Lets routes declare zod schemas in Fastify's `schema` option (`body`, `params`, `querystring`,
 * `response`): requests are parsed by zod before the handler runs, responses are checked by zod
 * before they are sent, and the handler's types follow from the schemas.
 */
import type { FastifyInstance, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';
import { ApiError, type ErrorCode } from '../errors.js';

/** Types request parts and replies from the zod schemas a route declares. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** Installs zod as the app's validator and serializer compiler. */
export function useZod(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const zodSchema = schema as unknown as z.ZodType;
    return (data: unknown) => {
      const result = zodSchema.safeParse(data);
      if (result.success) return { value: result.data };
      return { error: validationError(result.error, httpPart ?? 'body') };
    };
  });
  app.setSerializerCompiler(({ schema }) => {
    const zodSchema = schema as unknown as z.ZodType;
    // A response that does not match its schema is our bug: it surfaces as a 500, never as bad data.
    return (data: unknown) => JSON.stringify(zodSchema.parse(data));
  });
}

/**
 * One sentence naming the first bad field.
 *
 * @example validationError(z.object({n: z.number()}).safeParse({n: 'x'}).error!, 'body').message
 * //=> 'Invalid `n` in the body: Invalid input: expected number, received string.'
 */
export function validationError(error: z.ZodError, part: string): ApiError {
  const issue = error.issues[0];
  if (!issue) return new ApiError('ATOMKIT_ERR_INVALID_REQUEST', `Invalid ${part}.`);
  const where = issue.path.length > 0 ? `\`${issue.path.map(String).join('.')}\`` : 'value';
  const code: ErrorCode = issue.code === 'too_big' && issue.path[0] === 'question' ? 'ATOMKIT_ERR_QUESTION_TOO_LONG' : 'ATOMKIT_ERR_INVALID_REQUEST';
  const partName = part === 'querystring' ? 'query string' : part === 'params' ? 'URL' : part;
  return new ApiError(code, `Invalid ${where} in the ${partName}: ${issue.message.replace(/\.$/, '')}.`);
}
