/**
 * MkDocs' snippets (pymdownx.snippets), read as MkDocs builds the page: `--8<-- "file.md"`, and a
 * block of file names between two `--8<--` lines, become the text of the files, inside code blocks
 * too (where most of them are: the example's source kept in a file of its own). A file is read
 * within the imported folder only: by its path from there, from the page's folder, or without the
 * folder's own name in front (snippets name their path from the project's root, `docs/x.md`). A
 * part of a file is named `file.md:name` (between its `--8<-- [start:name]` and `[end:name]` lines)
 * or `file.md:3:8` (lines 3 to 8). A snippet that cannot be read stays as written, and is reported.
 */
import path from 'node:path';

/** `--8<-- "file"` alone on its line (quotes single or double), its indentation captured. */
const SNIPPET_LINE = /^([ \t]*)(;?)--8<--[ \t]+(["'])([^"']+)\3[ \t]*$/;
/** The line that opens or closes a block of file names. */
const BLOCK_MARK = /^[ \t]*--8<--[ \t]*$/;
/** A section's marker in an included file. */
const SECTION_MARK = /--8<--[ \t]*\[(start|end):([\w-]+)\]/;
/** Snippets inside snippets, as deep as this. */
const MAX_DEPTH = 4;

export interface SnippetContext {
  /** A text file of the imported folder by its path there; undefined when it is not one. */
  readonly readFile: (rel: string) => string | undefined;
  /** The imported folder's own name, which snippet paths from the project's root begin with. */
  readonly folderName?: string;
}

/**
 * @example mkdocsSnippets('```py\n--8<-- "ex/hello.py"\n```', 'guide.md', { readFile: () => 'print(1)\n' }, []) //=> '```py\nprint(1)\n```'
 */
export function mkdocsSnippets(markdown: string, rel: string, context: SnippetContext, problems: string[], depth = 0): string {
  if (!markdown.includes('--8<--')) return markdown;
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const single = SNIPPET_LINE.exec(line);
    if (single) {
      const [, indent, escaped, , name] = single as unknown as [string, string, string, string, string];
      // `;--8<--` is how a page shows the syntax itself.
      out.push(escaped ? line.replace(';--8<--', '--8<--') : include(name, indent, line));
      continue;
    }
    const close = BLOCK_MARK.test(line) ? lines.findIndex((later, j) => j > i && BLOCK_MARK.test(later)) : -1;
    if (close < 0) {
      out.push(line);
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0];
    for (const name of lines.slice(i + 1, close).map((entry) => entry.trim())) if (name !== '' && !name.startsWith(';')) out.push(include(name, indent, name));
    i = close;
  }
  return out.join('\n');

  function include(name: string, indent: string, asWritten: string): string {
    if (depth >= MAX_DEPTH) {
      problems.push(`${rel}: the snippet \`${name}\` is nested more than ${MAX_DEPTH} deep (does it include itself?); kept as written`);
      return asWritten;
    }
    const text = snippetText(name, rel, context);
    if (text === undefined) {
      problems.push(`${rel}: the snippet \`${name}\` is not in the imported folder; kept as written`);
      return asWritten;
    }
    const nested = mkdocsSnippets(text, rel, context, problems, depth + 1);
    return nested
      .replace(/\n$/, '')
      .split('\n')
      .map((part) => (part === '' ? '' : indent + part))
      .join('\n');
  }
}

/** The text a snippet names (a section or lines of it), section markers left out; none when the file cannot be read. */
function snippetText(name: string, rel: string, context: SnippetContext): string | undefined {
  if (/^[a-z]+:\/\//i.test(name)) return undefined;
  const [file, ...part] = name.split(':');
  const text = candidates(file!, rel, context.folderName).map(context.readFile).find((found) => found !== undefined);
  if (text === undefined) return undefined;
  let lines = text.replace(/\n$/, '').split('\n');
  if (part.length === 1 && !/^\d*$/.test(part[0]!)) {
    const start = lines.findIndex((line) => SECTION_MARK.exec(line)?.[1] === 'start' && SECTION_MARK.exec(line)?.[2] === part[0]);
    if (start < 0) return undefined;
    const end = lines.findIndex((line, j) => j > start && SECTION_MARK.exec(line)?.[1] === 'end' && SECTION_MARK.exec(line)?.[2] === part[0]);
    lines = lines.slice(start + 1, end < 0 ? undefined : end);
  } else if (part.length > 0) {
    const from = Number(part[0]) || 1;
    const to = Number(part[1]) || lines.length;
    lines = lines.slice(from - 1, to);
  }
  return lines.filter((line) => !SECTION_MARK.test(line)).join('\n');
}

/** Where in the imported folder a snippet's path may point. */
function candidates(file: string, rel: string, folderName: string | undefined): string[] {
  const clean = file.replace(/^\.\//, '');
  const fromPage = path.posix.normalize(path.posix.join(path.posix.dirname(rel), clean));
  const fromRoot = folderName !== undefined && clean.startsWith(`${folderName}/`) ? [clean.slice(folderName.length + 1)] : [];
  return [...new Set([clean, fromPage, ...fromRoot])];
}
