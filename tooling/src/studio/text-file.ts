/**
 * Reads a file the studio was asked to work on as UTF-8 text, turning every way it can fail
 * (missing, a folder, binary, not UTF-8, too large, a link out of the project) into a message for
 * people.
 */
import { readFileSync, statSync } from 'node:fs';
import { LINK_OUTSIDE_MESSAGE, linksOutside } from '../atom/outside-links.js';

export type TextFileResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @param root Never read through a link that leads out of it (the project, or the folder imported).
 * @example readTextFile('/x.png', 1e6, '/') //=> { ok: false, reason: 'The file is binary (it contains NUL bytes), not Markdown text.' }
 */
export function readTextFile(file: string, maxBytes: number, root: string): TextFileResult {
  if (linksOutside(file, root)) return { ok: false, reason: LINK_OUTSIDE_MESSAGE };
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return { ok: false, reason: 'This path is not a regular file.' };
    size = stats.size;
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  if (size > maxBytes) return { ok: false, reason: `The file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit.` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'The file is binary (it contains NUL bytes), not Markdown text.' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'The file is not valid UTF-8 text; save it as UTF-8.' };
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'The file does not exist.';
    case 'EACCES':
    case 'EPERM':
      return 'The file cannot be read: permission denied.';
    case 'ELOOP':
      return 'The path is a symbolic link that points back to itself.';
    case 'EISDIR':
      return 'This path is a folder, not a file.';
    default:
      return `The file cannot be read (${code ?? String(error)}).`;
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
