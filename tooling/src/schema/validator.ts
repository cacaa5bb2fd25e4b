/**
 * One ajv instance (JSON Schema 2020-12, formats) compiling the project's schemas once.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

const compiled = new WeakMap<object, ValidateFunction>();
const strictAjv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true });
const defaultingAjv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true, useDefaults: true });
addFormats(strictAjv);
addFormats(defaultingAjv);
const compiledWithDefaults = new WeakMap<object, ValidateFunction>();

/** A cached validator for `schema`; with `useDefaults` it fills in schema defaults while validating. */
export function validatorFor(schema: object, options: { useDefaults?: boolean } = {}): ValidateFunction {
  const cache = options.useDefaults ? compiledWithDefaults : compiled;
  let validate = cache.get(schema);
  if (!validate) {
    validate = (options.useDefaults ? defaultingAjv : strictAjv).compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}
