/**
 * Validators of the project's schemas: precompiled by `npm run gen:schemas` for the way each schema
 * is used (compiling them costs more than a command's own work), compiled once at runtime otherwise.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { PRECOMPILED } from '../generated/validators.js';

const compiled = new WeakMap<object, ValidateFunction>();
const compiledWithDefaults = new WeakMap<object, ValidateFunction>();
let strictAjv: ReturnType<typeof createAjv> | undefined;
let defaultingAjv: ReturnType<typeof createAjv> | undefined;

/** A cached validator for `schema`; with `useDefaults` it fills in schema defaults while validating. */
export function validatorFor(schema: object, options: { useDefaults?: boolean } = {}): ValidateFunction {
  const useDefaults = options.useDefaults ?? false;
  const cache = useDefaults ? compiledWithDefaults : compiled;
  let validate = cache.get(schema);
  if (!validate) {
    validate = PRECOMPILED.find((entry) => entry.schema === schema && entry.useDefaults === useDefaults)?.validate;
    validate ??= useDefaults ? (defaultingAjv ??= createAjv(true)).compile(schema) : (strictAjv ??= createAjv(false)).compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}
