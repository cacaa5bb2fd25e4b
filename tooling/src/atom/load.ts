/**
 * Reads an atoms tree into typed atoms: each file parsed (header with positions, body as mdast),
 * its identity computed by `identity.ts`, its header checked against `schemas/atom.schema.json`.
 * Nothing here throws on bad files; what is wrong becomes a problem on the atom.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { atomId, atomLocale, atomSlug, atomUrl } from './identity.js';
import { LINK_OUTSIDE_MESSAGE, linksOutside } from './outside-links.js';
import { parseAtomText, unparsedAtomText, type ParsedAtomText, type ParseOptions } from './parse.js';
import { FILE_START } from './position.js';
import { atomSchema, type AtomHeader } from './schema.js';
import { validatorFor } from '../schema/validator.js';

export interface Atom extends ParsedAtomText {
  /** Absolute path of the file. */
  readonly file: string;
  /** Path relative to the atoms folder, POSIX separators. */
  readonly relPath: string;
  readonly id: string;
  readonly slug: string;
  /** Site-absolute URL path of the atom's page (with the base path). */
  readonly url: string;
  /** The site locale folder the atom lives in, if any. */
  readonly locale: string | undefined;
  /** The header, when it is valid against the atom schema. */
  readonly header: AtomHeader | undefined;
}

export interface LoadOptions extends ParseOptions {
  /** Absolute path of the atoms folder. */
  readonly root: string;
  /** Site base path for URLs. @default '/' */
  readonly base?: string;
  /** Locale folders. @default [] */
  readonly locales?: readonly string[];
  /** Larger files are not parsed. @default 1048576 */
  readonly maxFileBytes?: number;
  /** Files are never read through a link that leads out of this folder. @default root */
  readonly projectRoot?: string;
}

const ATOM_FILE = /\.md$/i;

/**
 * Lists atom files under `target` (a file or a folder), following symlinks once and never
 * looping. Unreadable entries are returned too, so the caller can report them, and so is a
 * link to a folder outside `projectRoot`, which is not listed.
 *
 * @param projectRoot Links are followed only while they stay inside it. @default target
 */
export function findAtomFiles(target: string, projectRoot: string = target): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      found.push(dir);
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isSymbolicLink()) {
        let isDir = false;
        try {
          isDir = statSync(full).isDirectory();
        } catch {
          // A dangling link or a link loop: report it as an unreadable atom if it looks like one.
          if (ATOM_FILE.test(entry.name)) found.push(full);
          continue;
        }
        if (isDir && linksOutside(full, projectRoot)) found.push(full);
        else if (isDir) walk(full);
        else if (ATOM_FILE.test(entry.name)) found.push(full);
      } else if (ATOM_FILE.test(entry.name)) found.push(full);
    }
  };
  let stats;
  try {
    stats = lstatSync(target);
  } catch {
    return [target];
  }
  if (stats.isDirectory() || (stats.isSymbolicLink() && isDirectory(target))) walk(target);
  else found.push(target);
  return found;
}

/** Loads every atom under `options.root`. */
export function loadAtoms(options: LoadOptions): Atom[] {
  return findAtomFiles(options.root, options.projectRoot).map((file) => readAtom(file, options));
}

/**
 * Reads one atom file; a file that cannot be read or decoded becomes an atom with one problem.
 *
 * @param bytes The file's contents when the caller has read them already (the lint cache hashes
 *   exactly the bytes that are then parsed).
 */
export function readAtom(file: string, options: LoadOptions, bytes?: Uint8Array): Atom {
  const absolute = path.resolve(file);
  const maxBytes = options.maxFileBytes ?? 1_048_576;
  const tooLarge = (size: number) =>
    unreadable(absolute, options, 'file/too-large', `The file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit; an atom is a screen of text (400-800 words).`);
  if (linksOutside(absolute, options.projectRoot ?? options.root)) return unreadable(absolute, options, 'file/unreadable', LINK_OUTSIDE_MESSAGE);
  let text: string;
  try {
    if (!bytes) {
      // Checked before reading, so a huge file is never read into memory.
      const stats = statSync(absolute);
      if (!stats.isFile()) return unreadable(absolute, options, 'file/unreadable', 'This path is not a regular file.');
      if (stats.size > maxBytes) return tooLarge(stats.size);
      bytes = readFileSync(absolute);
    } else if (bytes.length > maxBytes) return tooLarge(bytes.length);
    text = decode(bytes);
  } catch (error) {
    if (error instanceof EncodingError) return unreadable(absolute, options, 'file/encoding', error.message);
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ELOOP'
        ? 'The file is a symbolic link that points back to itself (a link loop).'
        : code === 'ENOENT'
          ? 'The file does not exist (or is a link to nothing).'
          : code === 'EACCES'
            ? 'The file cannot be read: permission denied.'
            : `The file cannot be read (${code ?? 'unknown error'}).`;
    return unreadable(absolute, options, 'file/unreadable', reason);
  }
  return fromText(absolute, text, options);
}

/** Builds an atom from text already in memory (editors, tests, the site loader). */
export function atomFromText(file: string, text: string, options: LoadOptions): Atom {
  return fromText(path.resolve(file), text, options);
}

function fromText(file: string, text: string, options: LoadOptions): Atom {
  const parsed = parseAtomText(text, options);
  const validate = validatorFor(atomSchema);
  const header = parsed.data !== undefined && validate(parsed.data) ? (parsed.data as AtomHeader) : undefined;
  return { ...parsed, ...identity(file, options), header };
}

function identity(file: string, options: LoadOptions) {
  const relPath = path.relative(options.root, file).split(path.sep).join('/');
  const id = atomId(relPath.startsWith('..') ? path.basename(file) : relPath);
  return {
    file,
    relPath,
    id,
    slug: atomSlug(id),
    url: atomUrl(id, options.base ?? '/'),
    locale: atomLocale(id, options.locales ?? []),
  };
}

function unreadable(file: string, options: LoadOptions, code: string, message: string): Atom {
  return { ...unparsedAtomText({ code, message, range: FILE_START }), ...identity(file, options), header: undefined };
}

class EncodingError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(bytes: Uint8Array): string {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new EncodingError('The file is binary (it contains NUL bytes), not Markdown text.');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new EncodingError('The file is not valid UTF-8 text; save it as UTF-8.');
  }
}

function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
