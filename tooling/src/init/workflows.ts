/**
 * The GitHub workflows of a knowledge base as its repository needs them. Installed with pnpm, Yarn
 * or Bun, they set that package manager up and install and run with it (npm's `npm ci` fails with
 * no package-lock.json). Kept in a folder of a larger repository, they are written to the
 * repository's root (`.github/workflows/`, the only place GitHub runs them from) and made to work in
 * that folder: its `run` steps start there, the package cache is keyed by the lockfile it installs from,
 * and the paths given to actions (a cache, an artifact) are that folder's.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { EXEC, LOCKFILE, type PackageManager } from './package-manager.js';

export interface WorkflowSetting {
  /** The knowledge base's folder relative to the repository's root, with `/`; undefined at the root. */
  readonly folder?: string;
  /** With a folder: the lockfile it installs from, relative to the repository's root (`lockfileOf`). */
  readonly lockfile?: string;
  readonly manager: PackageManager;
  /** The package.json that names the package manager (`manager.declaredIn`), relative to the repository's root. */
  readonly packageManagerFile?: string;
  /** The branch the repository's work lands on, where the workflows written for `main` run (`defaultBranch`). @default 'main' */
  readonly branch?: string;
}

/** What each package manager changes in a workflow written for npm. */
interface Installer {
  /** setup-node's `cache` (none: the package manager is set up after Node.js, or setup-node cannot cache it). */
  readonly cache?: string;
  readonly install: string;
  /** A step that sets the package manager up, and whether it goes before setup-node (which needs it for its cache) or after. */
  readonly setup?: (setting: WorkflowSetting) => { readonly step: Record<string, unknown>; readonly before: boolean };
}

const INSTALLERS: Readonly<Record<PackageManager['name'], Installer>> = {
  npm: { cache: 'npm', install: 'npm ci --no-audit --no-fund' },
  pnpm: {
    cache: 'pnpm',
    install: 'pnpm install --frozen-lockfile',
    // The action reads the version from package.json's packageManager when there is one, and
    // refuses a second one given beside it.
    setup: ({ manager, packageManagerFile }) => ({
      step: {
        name: 'Set up pnpm',
        uses: 'pnpm/action-setup@v6',
        with: packageManagerFile === undefined ? { version: manager.version?.split('.')[0] ?? 'latest' } : packageManagerFile === 'package.json' ? undefined : { package_json_file: packageManagerFile },
      },
      before: true,
    }),
  },
  // Corepack, which ships with Node.js 24, gives the project its own Yarn (Classic or Berry) once
  // Node.js is set up, too late for setup-node's cache.
  yarn: { install: 'yarn install --frozen-lockfile', setup: () => ({ step: { name: 'Enable Corepack', run: 'corepack enable' }, before: false }) },
  bun: { install: 'bun install --frozen-lockfile', setup: () => ({ step: { name: 'Set up Bun', uses: 'oven-sh/setup-bun@v2' }, before: false }) },
};

/** The workflow `text` (written for npm at the repository's root) as `setting` needs it. */
export function adaptWorkflow(text: string, setting: WorkflowSetting): string {
  const { folder, manager, branch = 'main' } = setting;
  if (folder === undefined && manager.name === 'npm' && branch === 'main') return text;
  const doc = parseDocument(text);
  const root = doc.contents;
  if (!isMap(root)) throw new TypeError('Expected a workflow: a YAML mapping with jobs');
  if (folder !== undefined) addDefaults(doc, root, folder);
  if (branch !== 'main') onBranch(doc, branch);
  const installer = INSTALLERS[manager.name];
  for (const steps of jobSteps(doc)) {
    const setupNode = steps.items.findIndex((step) => isMap(step) && /^actions\/setup-node@/.test(String(step.get('uses') ?? '')));
    for (const step of steps.items) {
      if (!isMap(step)) continue;
      // The scalar itself is changed, so a block script (`run: |`) stays one.
      const run = step.get('run', true);
      if (isScalar(run) && typeof run.value === 'string') run.value = run.value.replace(/^npm ci\b.*$/m, installer.install).replace(/\bnpx atomkit\b/g, `${EXEC[manager.name]} atomkit`);
      const inputs = step.get('with');
      if (!isMap(inputs)) continue;
      if (step === steps.items[setupNode] && inputs.has('cache')) {
        if (installer.cache) inputs.set('cache', installer.cache);
        else inputs.delete('cache');
        if (installer.cache && folder !== undefined) inputs.set('cache-dependency-path', setting.lockfile ?? `${folder}/${LOCKFILE[manager.name]}`);
      }
      const given = inputs.get('path');
      if (folder !== undefined && typeof given === 'string' && isRelative(given)) inputs.set('path', `${folder}/${given}`);
    }
    const setup = installer.setup?.(setting);
    if (setup && setupNode !== -1) {
      const step = Object.fromEntries(Object.entries(setup.step).filter(([, value]) => value !== undefined));
      steps.items.splice(setup.before ? setupNode : setupNode + 1, 0, doc.createNode(step));
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** `defaults.run.working-directory`, with a comment, before the jobs: where a reader looks for what applies to all of them. */
function addDefaults(doc: Document, root: YAMLMap, folder: string): void {
  const defaults = doc.createPair('defaults', { run: { 'working-directory': folder } });
  const key = doc.createNode('defaults');
  key.spaceBefore = root.items.length > 0;
  key.commentBefore = ` The knowledge base is in ${folder}/: every run step starts there.`;
  defaults.key = key;
  const jobsAt = root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === 'jobs');
  // A node made here is as good as a parsed one to the writer; only the types tell them apart.
  root.items.splice(jobsAt === -1 ? root.items.length : jobsAt, 0, defaults as (typeof root.items)[number]);
}

/** The workflow run on pushes to `branch`, and deploying from it, where it was written for `main`. */
function onBranch(doc: Document, branch: string): void {
  const branches = doc.getIn(['on', 'push', 'branches'], true);
  if (isSeq(branches)) for (const item of branches.items) if (isScalar(item) && item.value === 'main') item.value = branch;
  const jobs = doc.get('jobs');
  if (!isMap(jobs)) return;
  for (const job of jobs.items) {
    const condition = isMap(job.value) ? job.value.get('if', true) : undefined;
    if (isScalar(condition) && typeof condition.value === 'string') condition.value = condition.value.replace(/'refs\/heads\/main'/g, `'refs/heads/${branch.replace(/'/g, "''")}'`);
  }
}

/** The step list of every job. */
function jobSteps(doc: Document) {
  const jobs = doc.get('jobs');
  if (!isMap(jobs)) return [];
  return jobs.items.flatMap((job) => {
    const steps = isMap(job.value) ? job.value.get('steps') : undefined;
    return isSeq(steps) ? [steps] : [];
  });
}

/** A path an action resolves from the workspace: not absolute, not from home, not an expression. */
function isRelative(value: string): boolean {
  return !/^(?:\/|~|\$)/.test(value);
}
