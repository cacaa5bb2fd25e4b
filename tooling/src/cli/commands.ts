/** Every `atomkit` command, in the order `--help` lists them. */
import type { DefineCommand } from './command.js';
import { defineNew } from './commands/new.js';
import { defineExtract } from './commands/extract.js';

export const commands: readonly DefineCommand[] = [defineNew, defineExtract];
