/** `atomkit init [dir]`: scaffold a knowledge base (atoms, an interview, config, package.json, workflows). */
import type { Command } from 'commander';
import type { DefineCommand } from '../command.js';

export const defineInit: DefineCommand = (program, io, setExitCode) => {
  program
    .command('init')
    .description('scaffold a knowledge base, in a new folder or a repository you have: example atoms and interview, atomkit.config.yaml, package.json scripts, GitHub workflows')
    .argument('[dir]', 'folder to create it in (default: the current folder)')
    .option('-y, --yes', 'take every default without asking (also when not run in a terminal)')
    .option('--name <organisation>', 'organisation or team name, for the site title')
    .option('--url <url>', 'URL the docs site will be published at')
    .option('--repo <url>', 'repository URL, for edit links and "suggest an atom" issues')
    .option('--contact <text>', 'who readers can ask when the atoms have no answer')
    .option('--languages <tags>', 'languages of the atoms, comma-separated, the default first (e.g. en,ja)')
    .option('--no-workflows', 'leave out the GitHub workflows (for a repository that runs another CI)')
    .option('--json', 'print what was written as JSON')
    .action(async (dir: string | undefined, options: { yes?: boolean; name?: string; url?: string; repo?: string; contact?: string; languages?: string; workflows: boolean; json?: boolean }, command: Command) => {
      const [{ runInit }, { runStudioCommand }] = await Promise.all([import('../../init/run.js'), import('../../studio/errors.js')]);
      const { cwd } = command.optsWithGlobals<{ cwd?: string }>();
      setExitCode(
        await runStudioCommand(io, () =>
          runInit(
            dir,
            {
              ...(options.yes ? { yes: true } : {}),
              ...(options.json ? { json: true } : {}),
              ...(options.workflows ? {} : { workflows: false }),
              ...(options.name !== undefined ? { organisation: options.name } : {}),
              ...(options.url !== undefined ? { siteUrl: options.url } : {}),
              ...(options.repo !== undefined ? { repoUrl: options.repo } : {}),
              ...(options.contact !== undefined ? { contact: options.contact } : {}),
              ...(options.languages !== undefined ? { languages: options.languages } : {}),
              interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && !options.json,
            },
            cwd ?? process.cwd(),
            io,
          ),
        ),
      );
    });
};
