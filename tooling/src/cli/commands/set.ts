/** `atomkit set <field>=<value> --where <field>=<value>`: edit a header field across atoms. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineSet: DefineCommand = (program, io, setExitCode) => {
  program
    .command('set')
    .description('set a header field on every atom that matches --where (formatting kept)')
    .argument('<assignment>', 'field=value, e.g. status=review or tags=[lint, ci]')
    .requiredOption('--where <filter...>', 'field=value filters, all must match (a list field matches when it contains the value)')
    .option('--add', 'add the value to a list field instead of replacing it')
    .option('--remove', 'remove the value from a list field')
    .option('--dry-run', 'show the diff without writing')
    .action(async (assignment: string, options: { where: string[]; add?: boolean; remove?: boolean; dryRun?: boolean }, command) => {
      const [{ runSet }, { runStudioCommand }] = await Promise.all([import('../../studio/set.js'), import('../../studio/errors.js')]);
      setExitCode(await runStudioCommand(io, () => runSet({ assignment, ...options }, configFor(command), io)));
    });
};
