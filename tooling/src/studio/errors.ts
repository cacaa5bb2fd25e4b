/**
 * Failures of studio commands that people cause and can fix: printed as one message (with a
 * hint), never with a stack. Exit code 1 for refused work (a duplicate, a collision), 2 for usage.
 */
import type { CliIo } from '../cli/io.js';
import { ChangeError } from './changes.js';
import { HeaderEditError } from './header-edit.js';

export class StudioError extends Error {
  override name = 'StudioError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Runs a command body, turning studio failures into a message and an exit code. */
export async function runStudioCommand(io: CliIo, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof StudioError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n`);
      if (error.hint) io.stderr(`  ${io.colors.dim(error.hint)}\n`);
      return error.exitCode;
    }
    if (error instanceof ChangeError || error instanceof HeaderEditError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
