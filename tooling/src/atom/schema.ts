/**
 * The atom header type, derived from `schemas/atom.schema.json` (never retyped by hand).
 */
import type { FromSchema } from 'json-schema-to-ts';
import { atomSchema } from '../generated/atom.schema.js';

// Defaulted fields (`status`, `language`) stay optional: the header is validated as written.
export type AtomHeader = FromSchema<typeof atomSchema, { keepDefaultedPropertiesOptional: true }>;
export type AtomType = AtomHeader['type'];

export { atomSchema };
export const ATOM_TYPES: readonly AtomType[] = atomSchema.properties.type.enum;
