/** `atomkit new <type> "<title>"`: scaffold an atom from its type's template. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineNew: DefineCommand = (program, io, setExitCode) => {
  program
    .command('new')
    .description('write a new draft atom from the template of its type (refuses a duplicate title)')
    .argument('<type>', 'error, procedure, playbook, interface-input, troubleshooting, config-template, pitfall or faq')
    .argument('<title>', 'the atom title (the file name is derived from it)')
    .option('--dry-run', 'print the atom instead of writing it')
    .action(async (type: string, title: string, options: { dryRun?: boolean }, command) => {
      const [{ runNew }, { runStudioCommand }] = await Promise.all([import('../../studio/new.js'), import('../../studio/errors.js')]);
      setExitCode(await runStudioCommand(io, () => runNew({ type, title, ...options }, configFor(command), io)));
    });
};
