/** `atomkit init [dir]`: scaffold a knowledge base (atoms, an interview, config, package.json, workflows). */
import { Option, type Command } from 'commander';
import type { CiService } from '../../init/scaffold.js';
import type { DefineCommand } from '../command.js';

export const defineInit: DefineCommand = (program, io, setExitCode) => {
  program
    .command('init')
    .description('scaffold a knowledge base, in a new folder or a repository you have: example atoms and interview, atomkit.config.yaml, package.json scripts, GitHub workflows or GitLab CI/CD')
    .argument('[dir]', 'folder to create it in (default: the current folder)')
    .option('-y, --yes', 'take every default without asking (also when not run in a terminal)')
    .option('--name <organisation>', 'organisation or team name, for the site title')
    .option('--url <url>', 'URL the docs site will be published at')
    .option('--repo <url>', 'repository URL, for edit links and "suggest an atom" issues')
    .option('--contact <text>', 'who readers can ask when the atoms have no answer')
    .option('--languages <tags>', 'languages of the atoms, comma-separated, the default first (e.g. en,ja)')
    .addOption(
      new Option('--ci <service>', 'where the atoms are checked and the site and index built (default: gitlab for a repository on GitLab, else github; none: a repository that runs another CI)').choices(['github', 'gitlab', 'none']),
    )
    .option('--json', 'print what was written as JSON')
    .action(async (dir: string | undefined, options: { yes?: boolean; name?: string; url?: string; repo?: string; contact?: string; languages?: string; ci?: CiService; json?: boolean }, command: Command) => {
      const [{ runInit }, { runStudioCommand }] = await Promise.all([import('../../init/run.js'), import('../../studio/errors.js')]);
      const { cwd } = command.optsWithGlobals<{ cwd?: string }>();
      setExitCode(
        await runStudioCommand(io, () =>
          runInit(
            dir,
            {
              ...(options.yes ? { yes: true } : {}),
              ...(options.json ? { json: true } : {}),
              ...(options.ci ? { ci: options.ci } : {}),
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
