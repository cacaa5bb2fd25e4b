/** Facts rules read from an atom whose header may be partly invalid. */
import type { Atom } from '../atom/load.js';
import { ATOM_TYPES, type AtomType } from '../atom/schema.js';

/** The atom's type when the header names a known one, even if other fields are invalid. */
export function atomType(atom: Atom): AtomType | undefined {
  const type = atom.header?.type ?? field(atom, 'type');
  return typeof type === 'string' && (ATOM_TYPES as readonly string[]).includes(type) ? (type as AtomType) : undefined;
}

/** A top-level header value, whatever its type. */
export function field(atom: Pick<Atom, 'data'>, key: string): unknown {
  const data = atom.data;
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined;
}

/** The atom's language: its `language` field, else its locale folder, else the default. */
export function atomLanguage(atom: Pick<Atom, 'data' | 'locale'>, defaultLanguage: string): string {
  const declared = field(atom, 'language');
  return typeof declared === 'string' ? declared : (atom.locale ?? defaultLanguage);
}

/** Offset where the body starts (the line after the header). */
export function bodyOffset(atom: Atom): number {
  return atom.frontmatter ? atom.lines.lineStart(atom.frontmatter.range.end!.line + 1) : 0;
}
