/** What `atomkit site build|dev` do: run the site, and print invalid atoms as the linter does. */
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import type { CliIo } from '../cli/io.js';
import { UsageError } from '../cli/usage-error.js';
import { buildSite, devSite } from './build.js';
import { AtomCheckError, formatDiagnostic } from './check.js';
import { onStopSignal } from '../cli/stop-signal.js';

export async function runSiteBuild(config: AtomkitConfig, options: { atoms?: string; out?: string; drafts?: boolean }, io: CliIo): Promise<number> {
  const started = performance.now();
  try {
    const built = await buildSite({
      config,
      ...(options.atoms ? { atomsDir: path.resolve(options.atoms) } : {}),
      ...(options.out ? { outDir: path.resolve(options.out) } : {}),
      ...(options.drafts ? { drafts: true } : {}),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout(`${io.colors.green('✓')} ${built.atoms} atom pages, ${built.pages} pages in all, built into ${path.relative(process.cwd(), built.outDir) || '.'} in ${seconds} s\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AtomCheckError)) throw error;
    for (const diagnostic of error.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
    io.stderr(`\n${io.colors.red(`${error.diagnostics.length} problem${error.diagnostics.length === 1 ? '' : 's'}`)} in the atoms; the site was not built.\n`);
    return 1;
  }
}

export async function runSiteDev(config: AtomkitConfig, options: { atoms?: string; host: string; port: string; drafts: boolean }, io: CliIo): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`Expected --port to be a port number (0-65535), got \`${options.port}\`.`);
  const server = await devSite({
    config,
    ...(options.atoms ? { atomsDir: path.resolve(options.atoms) } : {}),
    drafts: options.drafts,
    host: options.host,
    port,
  });
  io.stdout(`Serving the docs site at ${server.url} (edit an atom and the page reloads; Ctrl+C stops)\n`);
  await onStopSignal();
  await server.stop();
  return 0;
}
