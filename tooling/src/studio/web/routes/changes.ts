/**
 * Ready for review: `GET /api/changes` lists the atoms and transcripts changed since the base
 * branch with their lint state and the git commands that commit them; `POST /api/changes/commit`
 * runs those commands (or, with `dryRun`, only returns them), committing the chosen files on a new branch. Nothing is ever pushed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { changedFiles, GitError } from '../../../lint/changed.js';
import { lintInterviewFile, isInterviewFile } from '../../interview/lint.js';
import type { StudioContext } from '../app.js';
import { StudioApiError } from '../errors.js';
import { knowledgeFile, projectRel } from '../writable-paths.js';

function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new StudioApiError('ATOMKIT_ERR_GIT', `git ${args[0]} failed: ${stderr.split('\n').slice(-3).join(' ') || (error as Error).message}`);
  }
}

/** Quotes an argument for a POSIX shell, for the commands shown to people. */
function shellQuote(value: string): string {
  return /^[\w./@:=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The commands that commit `paths` on a new branch (what the commit button runs).
 *
 * @example commitCommands('docs/rotate-key', 'Add an atom', ['atoms/procedure/x.md'])
 * //=> ['git switch -c docs/rotate-key', 'git add -A -- atoms/procedure/x.md', "git commit -m 'Add an atom' -- atoms/procedure/x.md"]
 */
export function commitCommands(branch: string, message: string, paths: readonly string[]): string[] {
  const files = paths.map(shellQuote).join(' ');
  return [`git switch -c ${shellQuote(branch)}`, `git add -A -- ${files}`, `git commit -m ${shellQuote(message)} -- ${files}`];
}

export const changeRoutes: FastifyPluginAsync<StudioContext> = async (app, { config, linter }) => {
  app.get('/api/changes', async () => {
    let changed;
    try {
      changed = changedFiles(config.root);
    } catch (error) {
      if (error instanceof GitError) return { git: false, note: error.message, files: [] };
      throw error;
    }
    const branch = git(config.root, ['rev-parse', '--abbrev-ref', 'HEAD']).trim();
    const ours = (file: string) => ['atoms', 'interviews'].some((folder) => {
      try {
        knowledgeFile(config, projectRel(config, file), folder as 'atoms' | 'interviews');
        return true;
      } catch {
        return false;
      }
    });
    const files = [
      ...changed.changed.filter(ours).map((file) => {
        const diagnostics = isInterviewFile(config, file) ? lintInterviewFile(file, { projectRoot: config.root }) : linter.lint(readFileSync(file, 'utf8'), file).diagnostics;
        const errors = diagnostics.filter((d) => d.severity === 'error').length;
        return { path: projectRel(config, file), change: changed.readAtBase(file) === undefined ? 'added' : 'modified', errors, warnings: diagnostics.length - errors };
      }),
      ...changed.deleted.filter(ours).map((file) => ({ path: projectRel(config, file), change: 'deleted', errors: 0, warnings: 0 })),
    ].sort((a, b) => a.path.localeCompare(b.path));
    return { git: true, branch, base: changed.mergeBase.slice(0, 12), files };
  });

  app.post<{ Body: { branch: string; message: string; paths: string[]; dryRun?: boolean } }>(
    '/api/changes/commit',
    {
      schema: {
        body: {
          type: 'object',
          required: ['branch', 'message', 'paths'],
          additionalProperties: false,
          properties: {
            branch: { type: 'string', minLength: 1, maxLength: 200 },
            message: { type: 'string', minLength: 3, maxLength: 5000 },
            paths: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 1000 } },
            dryRun: { type: 'boolean' },
          },
        },
      },
    },
    async (request) => {
      const { branch, message } = request.body;
      if (branch.startsWith('-')) throw new StudioApiError('ATOMKIT_ERR_INVALID_REQUEST', 'A branch name cannot start with `-`.');
      git(config.root, ['check-ref-format', '--branch', branch]);
      const paths = request.body.paths.map((rel) => {
        const folder = isInterviewFile(config, path.resolve(config.root, rel)) ? 'interviews' : 'atoms';
        return projectRel(config, knowledgeFile(config, rel, folder));
      });
      if (request.body.dryRun) return { branch, commit: null, commands: commitCommands(branch, message, paths) };
      git(config.root, ['switch', '-c', branch]);
      git(config.root, ['add', '-A', '--', ...paths]);
      git(config.root, ['commit', '-m', message, '--', ...paths]);
      return { branch, commit: git(config.root, ['rev-parse', 'HEAD']).trim(), commands: commitCommands(branch, message, paths) };
    },
  );
};
