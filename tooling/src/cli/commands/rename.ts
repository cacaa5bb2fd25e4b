/** `atomkit rename "<old title>" "<new title>"`: rename an atom and every reference to it. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineRename: DefineCommand = (program, io, setExitCode) => {
  program
    .command('rename')
    .description('rename an atom and rewrite every `related` reference to it (formatting kept)')
    .argument('<old>', 'the current title, exactly')
    .argument('<new>', 'the new title')
    .option('--dry-run', 'show the diff without writing')
    .action(async (from: string, to: string, options: { dryRun?: boolean }, command) => {
      const [{ runRename }, { runStudioCommand }] = await Promise.all([import('../../studio/rename.js'), import('../../studio/errors.js')]);
      setExitCode(await runStudioCommand(io, () => runRename({ from, to, ...options }, configFor(command), io)));
    });
};
