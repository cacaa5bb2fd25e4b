/** `atomkit fix`: apply the linter's safe autofixes (and add missing interview turn anchors). */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineFix: DefineCommand = (program, io, setExitCode) => {
  program
    .command('fix')
    .description("apply the linter's safe autofixes to atoms, and number unanchored interview turns")
    .option('--dry-run', 'show the diff without writing')
    .action(async (options: { dryRun?: boolean }, command) => {
      const [{ runFix }, { runStudioCommand }] = await Promise.all([import('../../studio/fix.js'), import('../../studio/errors.js')]);
      setExitCode(await runStudioCommand(io, () => runFix(options, configFor(command), io)));
    });
};
