/**
 * The shape of a command definition: it declares its options on the program (cheap, so `--help`
 * is fast) and imports its implementation only when it runs.
 */
import type { Command } from 'commander';
import { loadConfig, type AtomkitConfig } from '../config/load.js';
import type { CliIo } from './io.js';

export type DefineCommand = (program: Command, io: CliIo, setExitCode: (code: number) => void) => void;

/** The configuration selected by the global `--config` / `--cwd` options. */
export function configFor(command: Command): AtomkitConfig {
  const globals = command.optsWithGlobals<{ config?: string; cwd?: string }>();
  return loadConfig({ ...(globals.config ? { file: globals.config } : {}), ...(globals.cwd ? { cwd: globals.cwd } : {}) });
}
