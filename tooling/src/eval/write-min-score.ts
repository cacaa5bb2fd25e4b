/**
 * `atomkit eval sets --set-min-score`: the threshold the dev parts suggest, written into the
 * project's config as `bot.minScore`, so a team calibrates on its own readers' questions in one step.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isScalar, parseDocument } from 'yaml';

/**
 * Sets `bot.minScore` in a YAML config file, keeping its comments, order and every other setting as
 * written; the file is replaced whole, so an interrupted write leaves the old one.
 *
 * @example writeMinScore('/kb/atomkit.config.yaml', 0.19) // bot:\n  minScore: 0.19 (other settings unchanged)
 */
export function writeMinScore(file: string, minScore: number): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const node = doc.getIn(['bot', 'minScore'], true);
  // An existing value keeps its place and any comment beside it.
  if (isScalar(node)) node.value = minScore;
  else doc.setIn(['bot', 'minScore'], minScore);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, doc.toString(), { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    // The config file is as it was; only a half-written copy of ours may be left to remove.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temporary, { force: true });
    throw new MinScoreWriteError(`Could not write bot.minScore into ${file}: ${(error as Error).message}. The file is unchanged.`);
  }
}

/** Writing the config failed; the file is unchanged. */
export class MinScoreWriteError extends Error {
  override name = 'MinScoreWriteError';
}
