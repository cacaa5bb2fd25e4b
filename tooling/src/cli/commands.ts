/** Every `atomkit` command, in the order `--help` lists them. */
import type { DefineCommand } from './command.js';

export const commands: readonly DefineCommand[] = [];
