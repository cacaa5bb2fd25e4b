/**
 * GitLab CI/CD for a knowledge base, the counterpart of its GitHub workflows: atomkit's jobs in a
 * file of their own (`atomkit.gitlab-ci.yml` in the knowledge base's folder), which the
 * repository's `.gitlab-ci.yml` includes. A repository that has a pipeline keeps it: init adds the
 * `include` (and any stage the jobs need that its `stages` lacks), edited through the YAML
 * document so its comments and layout stay.
 *
 * - `atoms:lint`: the atoms a merge request changes, or all of them on the default branch, with the
 *   findings in the merge request's Code Quality widget (`--format gitlab`) and, when it fails,
 *   in the job log.
 * - `atoms:site`: the site of a merge request, built as it would be published.
 * - `pages`: the site built on the default branch and published with GitLab Pages, at the address
 *   GitLab gives it (`CI_PAGES_URL`). Left out when the pipeline has a `pages` job of its own: the
 *   site is then built on the default branch too, and kept as an artifact.
 * - `atoms:index`: the search index of the default branch, kept as an artifact for 90 days.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { StudioError } from '../studio/errors.js';
import { yamlError } from '../text/yaml-error.js';
import type { Merged } from './merge.js';
import { EXEC, LOCKFILE, type PackageManager } from './package-manager.js';

export interface PipelineSetting {
  /** The knowledge base's folder relative to the repository's root, with `/`; undefined at the root. */
  readonly folder?: string;
  /** The lockfile it installs from, relative to the repository's root. @default the package manager's, in the folder */
  readonly lockfile?: string;
  readonly manager: PackageManager;
  /** Publish the site with GitLab Pages (false: the pipeline has its own `pages` job). @default true */
  readonly pages?: boolean;
}

/** The file of atomkit's jobs, in the knowledge base's folder. */
export const PIPELINE_FILE = 'atomkit.gitlab-ci.yml';

/** How each package manager is installed in `node:24` and installs the dependencies, and what it caches. */
const INSTALLERS: Readonly<Record<PackageManager['name'], (manager: PackageManager) => { readonly setup: readonly string[]; readonly install: string; readonly cache?: string }>> = {
  npm: () => ({ setup: [], install: 'npm ci --cache .npm --prefer-offline --no-audit --no-fund', cache: '.npm/' }),
  // The version package.json's `packageManager` names, else that of the pnpm that ran init.
  pnpm: (manager) => ({
    setup: [`npm install --global --no-audit --no-fund pnpm@${manager.version ?? 'latest'}`, 'pnpm config set store-dir .pnpm-store'],
    install: 'pnpm install --frozen-lockfile',
    cache: '.pnpm-store/',
  }),
  // Corepack, which ships with Node.js 24, gives the project its own Yarn (Classic or Berry).
  yarn: () => ({ setup: ['corepack enable'], install: 'yarn install --frozen-lockfile' }),
  bun: () => ({ setup: ['npm install --global --no-audit --no-fund bun'], install: 'bun install --frozen-lockfile' }),
};

/** The `atomkit.gitlab-ci.yml` of a knowledge base. */
export function gitlabPipeline(setting: PipelineSetting): string {
  const { folder, manager } = setting;
  const at = (file: string) => (folder !== undefined ? `${folder}/${file}` : file);
  const installer = INSTALLERS[manager.name](manager);
  const atomkit = `${EXEC[manager.name]} atomkit`;
  const pages = setting.pages !== false;
  const lines = [
    "# atomkit's jobs, included by the repository's .gitlab-ci.yml:",
    '# - atoms:lint   the atoms and interviews a merge request changes (all of them on the default branch);',
    "#                findings show in the merge request's Code Quality widget, and in the log when it fails",
    '# - atoms:site   the site of a merge request, built as it would be published',
    ...(pages
      ? ['# - pages        the site of the default branch, published with GitLab Pages (Deploy > Pages)']
      : ['#                and of the default branch, kept as an artifact (the pipeline publishes its own pages)']),
    '# - atoms:index  the search index of the default branch, kept as an artifact for 90 days: download it',
    '#                into .atomkit/index/ on the machine that runs `atomkit serve`',
    '',
    '.atomkit:',
    '  image: node:24',
    '  timeout: 30 minutes',
    '  # A newer commit of the branch stops the pipeline of the one before.',
    '  interruptible: true',
    ...(installer.cache
      ? ['  cache:', '    key:', '      files:', `        - ${setting.lockfile ?? at(LOCKFILE[manager.name])}`, '    paths:', `      - ${at(installer.cache)}`]
      : []),
    '  before_script:',
    ...(folder !== undefined ? [`    - cd ${quoted(folder)}`] : []),
    ...installer.setup.map((command) => `    - ${command}`),
    `    - ${installer.install}`,
    '',
    'atoms:lint:',
    '  extends: .atomkit',
    '  stage: test',
    '  variables:',
    '    # The whole history: --changed lints what changed since the merge request left its target branch.',
    '    GIT_DEPTH: 0',
    '  script:',
    '    - |',
    '      report="$CI_PROJECT_DIR/gl-code-quality-report.json"',
    '      if [ -n "$CI_MERGE_REQUEST_DIFF_BASE_SHA" ]; then set -- --changed --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"; else set --; fi',
    `      ${atomkit} lint "$@" --format gitlab > "$report" || { status=$?; ${atomkit} lint "$@"; exit $status; }`,
    '  artifacts:',
    '    when: always',
    '    reports:',
    '      codequality: gl-code-quality-report.json',
    '  rules:',
    '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
    '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
    '',
    'atoms:site:',
    '  extends: .atomkit',
    '  stage: test',
    '  script:',
    ...siteBuild(atomkit, 'site/dist'),
    ...(pages ? [] : ['  artifacts:', '    paths:', `      - ${at('site/dist/')}`]),
    '  rules:',
    '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
    ...(pages ? [] : ['    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']),
    '',
    ...(pages
      ? [
          'pages:',
          '  extends: .atomkit',
          '  stage: deploy',
          '  script:',
          ...siteBuild(atomkit, '"$CI_PROJECT_DIR/public"'),
          '  artifacts:',
          '    paths:',
          '      - public',
          '  rules:',
          '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
          '',
        ]
      : []),
    'atoms:index:',
    '  extends: .atomkit',
    '  stage: deploy',
    '  script:',
    `    - ${atomkit} index`,
    '  artifacts:',
    '    name: search-index-$CI_COMMIT_SHORT_SHA',
    '    paths:',
    `      - ${at('.atomkit/index/')}`,
    '    expire_in: 90 days',
    '  rules:',
    '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The site's address from GitLab (`CI_PAGES_URL`: `https://<group>.gitlab.io/<project>`, or a
 * domain of the project's own), which overrides `site.url` and `site.base` of atomkit.config.yaml;
 * with Pages off, the configuration's stand.
 */
function siteBuild(atomkit: string, out: string): string[] {
  return [
    '    - |',
    '      if [ -n "$CI_PAGES_URL" ]; then',
    `        export ATOMKIT_SITE_URL="$(printf '%s' "$CI_PAGES_URL" | sed -E 's#^(https?://[^/]+).*#\\1#')"`,
    `        export ATOMKIT_SITE_BASE="$(printf '%s' "$CI_PAGES_URL" | sed -E 's#^https?://[^/]+##; s#/*$#/#')"`,
    '      fi',
    `      ${atomkit} site build --out ${out}`,
  ];
}

/** A folder name as a shell word: quoted when it holds anything but letters, digits and `./_-`. */
function quoted(folder: string): string {
  return /^[\w./-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, `'\\''`)}'`;
}

/** The stages atomkit's jobs run in. */
const STAGES = ['test', 'deploy'];

/**
 * The repository's `.gitlab-ci.yml` (`theirs`; undefined when it has none) including `file` (the
 * jobs file, relative to the repository's root), with the stages the jobs need when it lists its own.
 *
 * @throws StudioError when `theirs` is not YAML, or not a mapping of jobs.
 */
export function includePipeline(theirs: string | undefined, file: string, shown: string): Merged {
  if (theirs === undefined || theirs.trim() === '') {
    return { content: `# The knowledge base's jobs are in ${file}.\ninclude:\n  - local: ${file}\n`, added: [`include ${file}`], kept: [] };
  }
  const doc = parseDocument(theirs, { prettyErrors: false });
  const error = yamlError(theirs, doc);
  if (error) throw new StudioError(`${shown}:${error.at.line}:${error.at.column}: Invalid YAML: ${error.reason}. Nothing was written.`, 1);
  const root = doc.contents;
  if (!isMap(root)) throw new StudioError(`${shown}: expected a mapping of jobs and settings at the top. Nothing was written.`, 1);
  const added: string[] = [];
  if (!includes(doc, file)) {
    addInclude(doc, root, file);
    added.push(`include ${file}`);
  }
  const stages = doc.get('stages');
  if (isSeq(stages)) {
    const listed = new Set(stages.items.map((item) => (isScalar(item) ? String(item.value) : '')));
    for (const stage of STAGES.filter((name) => !listed.has(name))) {
      stages.add(doc.createNode(stage));
      added.push(`stage ${stage}`);
    }
  }
  return { content: added.length === 0 ? theirs : doc.toString({ lineWidth: 0 }), added, kept: [] };
}

/** Whether `include` names the local `file`, in any of its forms (a string, a `local:` entry, a list of them). */
function includes(doc: Document, file: string): boolean {
  const include = doc.get('include');
  const entries = isSeq(include) ? include.items : include === undefined ? [] : [include];
  return entries.some((entry) => {
    const named = isScalar(entry) ? entry.value : isMap(entry) ? entry.get('local') : undefined;
    return typeof named === 'string' && named.replace(/^\.?\//, '') === file;
  });
}

function addInclude(doc: Document, root: YAMLMap, file: string): void {
  const entry = doc.createNode({ local: file });
  const include = root.get('include', true);
  if (isSeq(include)) include.add(entry);
  else if (include !== undefined) root.set('include', doc.createNode([include, entry]));
  else {
    // At the end: the head of their file, and whatever its first comment says of it, stay as they are.
    const pair = doc.createPair('include', [entry]);
    const key = doc.createNode('include');
    key.spaceBefore = true;
    key.commentBefore = " The knowledge base's jobs (atomkit).";
    pair.key = key;
    // A node made here is as good as a parsed one to the writer; only the types tell them apart.
    root.items.push(pair as (typeof root.items)[number]);
  }
}

/**
 * Whether the repository's `.gitlab-ci.yml` has a `pages` job of its own: GitLab publishes one
 * site per project, so atomkit's is then built but not published.
 */
export function hasPagesJob(theirs: string | undefined): boolean {
  if (theirs === undefined) return false;
  const root = parseDocument(theirs).contents;
  return isMap(root) && root.has('pages');
}
