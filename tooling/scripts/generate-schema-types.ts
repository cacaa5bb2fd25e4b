/**
 * Mirrors every `schemas/*.schema.json` as a `const` TypeScript module in
 * `tooling/src/generated/`, so types can be derived from the schemas with `FromSchema`.
 * Run `npm run gen:schemas` after editing a schema; a test fails while the two differ.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schemasDir = path.join(root, 'schemas');
export const generatedDir = path.join(root, 'tooling/src/generated');

/** `atom.schema.json` -> `atomSchema` */
function constName(file: string): string {
  const stem = file.replace(/\.schema\.json$/, '');
  return `${stem.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Schema`;
}

export function renderSchemaModules(): Map<string, string> {
  const modules = new Map<string, string>();
  for (const file of readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const schema: unknown = JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8'));
    const source =
      `// Generated from schemas/${file} by tooling/scripts/generate-schema-types.ts. Do not edit.\n` +
      `export const ${constName(file)} = ${JSON.stringify(schema, null, 2)} as const;\n`;
    modules.set(file.replace(/\.json$/, '.ts'), source);
  }
  return modules;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [name, source] of renderSchemaModules()) writeFileSync(path.join(generatedDir, name), source);
}
