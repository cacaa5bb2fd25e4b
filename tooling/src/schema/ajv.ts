/**
 * The ajv settings every schema of the project is compiled with (JSON Schema 2020-12, all errors,
 * formats), shared by the runtime validators and the generator that precompiles them.
 */
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

/** An ajv instance; with `useDefaults` its validators fill in schema defaults while validating. */
export function createAjv(useDefaults: boolean, code?: Options['code']): Ajv2020 {
  return addFormats(new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true, useDefaults, ...(code ? { code } : {}) }));
}
