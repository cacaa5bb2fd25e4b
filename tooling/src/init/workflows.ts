/**
 * The GitHub workflows of a knowledge base kept in a folder of a larger repository. GitHub runs
 * only the workflows at the repository's root (`.github/workflows/`), so `atomkit init` writes them
 * there, each made to work in the knowledge base's folder: its `run` steps start there, npm's cache
 * is keyed by that folder's lockfile, and the paths given to actions (a cache, an artifact) are
 * that folder's.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';

/**
 * The workflow `text` for a knowledge base in `folder` (relative to the repository's root, with `/`).
 *
 * @example inFolder('on: push\njobs:\n  lint:\n    steps:\n      - run: npx atomkit lint\n', 'kb') //=> 'on: push\n\n# The knowledge base is in kb/: every run step starts there.\ndefaults:\n  run:\n    working-directory: kb\njobs:\n  lint:\n    steps:\n      - run: npx atomkit lint\n'
 */
export function inFolder(text: string, folder: string): string {
  const doc = parseDocument(text);
  const root = doc.contents;
  if (!isMap(root)) throw new TypeError('Expected a workflow: a YAML mapping with jobs');
  const defaults = doc.createPair('defaults', { run: { 'working-directory': folder } });
  const key = doc.createNode('defaults');
  key.spaceBefore = root.items.length > 0;
  key.commentBefore = ` The knowledge base is in ${folder}/: every run step starts there.`;
  defaults.key = key;
  // Before the jobs, where a reader of the workflow looks for what applies to all of them.
  const jobsAt = root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === 'jobs');
  // A node made here is as good as a parsed one to the writer; only the types tell them apart.
  root.items.splice(jobsAt === -1 ? root.items.length : jobsAt, 0, defaults as (typeof root.items)[number]);
  for (const step of steps(doc)) {
    const uses = String(step.get('uses') ?? '');
    const inputs = step.get('with');
    if (!uses || !isMap(inputs)) continue;
    if (/^actions\/setup-node@/.test(uses) && inputs.has('cache') && !inputs.has('cache-dependency-path')) inputs.set('cache-dependency-path', `${folder}/package-lock.json`);
    const given = inputs.get('path');
    if (typeof given === 'string' && isRelative(given)) inputs.set('path', `${folder}/${given}`);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Every step of every job. */
function steps(doc: Document): YAMLMap[] {
  const jobs = doc.get('jobs');
  if (!isMap(jobs)) return [];
  return jobs.items.flatMap((job) => {
    const list = isMap(job.value) ? job.value.get('steps') : undefined;
    return isSeq(list) ? list.items.filter((item): item is YAMLMap => isMap(item)) : [];
  });
}

/** A path an action resolves from the workspace: not absolute, not from home, not an expression. */
function isRelative(value: string): boolean {
  return !/^(?:\/|~|\$)/.test(value);
}
