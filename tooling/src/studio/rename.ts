/**
 * `atomkit rename "<old title>" "<new title>"`: changes an atom's title and rewrites every
 * `related` (and `translation_of`) reference to it, through the YAML document model so nothing
 * else in any header moves. The file keeps its name: ids and URLs, and so citations, stay put.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isSeq, isScalar } from 'yaml';
import type { AtomkitConfig } from '../config/load.js';
import type { CliIo } from '../cli/io.js';
import { applyChanges, unifiedDiff, type FileChange } from './changes.js';
import { StudioError } from './errors.js';
import { editHeader } from './header-edit.js';
import { loadKnowledgeBase, nearDuplicate } from './knowledge-base.js';

export interface RenameOptions {
  readonly from: string;
  readonly to: string;
  readonly dryRun?: boolean;
}

export async function runRename(options: RenameOptions, config: AtomkitConfig, io: CliIo): Promise<number> {
  const to = options.to.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (to.length < 3 || to.length > 120) throw new StudioError(`A title has 3 to 120 characters, found ${to.length}.`, 2);
  const kb = loadKnowledgeBase(config);
  const target = kb.byTitle.get(options.from);
  if (!target) {
    const near = nearDuplicate(options.from, kb.byTitle.keys());
    throw new StudioError(`No atom is titled \`${options.from}\`.`, 1, near ? `Did you mean \`${near}\`?` : 'Titles match exactly, including case.');
  }
  if (to === options.from) throw new StudioError('The new title is the same as the old one.', 2);
  const owner = kb.byTitle.get(to);
  if (owner) throw new StudioError(`An atom titled \`${to}\` already exists: ${path.relative(config.root, owner.file)}.`, 1);

  const changes: FileChange[] = [];
  for (const atom of kb.atoms) {
    if (atom.frontmatter === undefined) continue;
    const isTarget = atom.file === target.file;
    const mentions = JSON.stringify((atom.data as Record<string, unknown> | undefined) ?? {}).includes(JSON.stringify(options.from));
    if (!isTarget && !mentions) continue;
    const raw = readFileSync(atom.file, 'utf8');
    const result = editHeader(raw, (doc) => {
      if (isTarget) doc.set('title', to);
      const related = doc.get('related', true);
      if (isSeq(related)) {
        for (const item of related.items) if (isScalar(item) && item.value === options.from) item.value = to;
      }
      const translation = doc.get('translation_of', true);
      if (isScalar(translation) && translation.value === options.from) translation.value = to;
    });
    if (result.changed) changes.push({ file: atom.file, before: raw, after: result.text });
  }
  for (const change of changes) {
    if (options.dryRun) io.stdout(unifiedDiff(change, config.root));
  }
  if (!options.dryRun) applyChanges(changes);
  const others = changes.length - 1;
  io.stderr(
    `${options.dryRun ? 'would rename' : 'renamed'} \`${options.from}\` to \`${to}\` in ${path.relative(config.root, target.file)}` +
      `${others > 0 ? ` and ${others} referencing atom${others === 1 ? '' : 's'}` : ''}\n`,
  );
  return 0;
}
