/** The interview header type, derived from `schemas/interview.schema.json` (never retyped by hand). */
import type { FromSchema } from 'json-schema-to-ts';
import { interviewSchema } from '../../generated/interview.schema.js';

export type InterviewHeader = FromSchema<typeof interviewSchema, { keepDefaultedPropertiesOptional: true }>;

export { interviewSchema };
