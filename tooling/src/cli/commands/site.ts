/** `atomkit site build|dev`: publish the atoms as the docs site, or serve it while editing. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineSite: DefineCommand = (program, io, setExitCode) => {
  const site = program.command('site').description('the docs site (Astro + Starlight + Pagefind) built from the atoms');
  site
    .command('build')
    .description('build the site with its search index into site/dist; invalid atoms stop it with lint messages')
    .option('--atoms <dir>', 'atoms folder to publish (default: atoms.dir of the config)')
    .option('--out <dir>', 'output folder (default: site/dist)')
    .option('--drafts', 'publish draft atoms too')
    .action(async (options: { atoms?: string; out?: string; drafts?: boolean }, command) => {
      const { runSiteBuild } = await import('../../site/cli.js');
      setExitCode(await runSiteBuild(configFor(command), options, io));
    });
  site
    .command('dev')
    .description('serve the site with live reload while atoms are edited (drafts shown)')
    .option('--atoms <dir>', 'atoms folder to serve (default: atoms.dir of the config)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '4321')
    .option('--no-drafts', 'hide draft atoms, as a production build does')
    .action(async (options: { atoms?: string; host: string; port: string; drafts: boolean }, command) => {
      const { runSiteDev } = await import('../../site/cli.js');
      setExitCode(await runSiteDev(configFor(command), options, io));
    });
};
