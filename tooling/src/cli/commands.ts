/** Every `atomkit` command, in the order `--help` lists them. */
import type { DefineCommand } from './command.js';
import { defineLint } from './commands/lint.js';
import { defineServe } from './commands/serve.js';
import { defineConversations } from './commands/conversations.js';
import { defineNew } from './commands/new.js';
import { defineExtract } from './commands/extract.js';
import { defineEval } from './commands/eval.js';
import { defineSite } from './commands/site.js';
import { defineIndex } from './commands/index.js';
import { defineSearch } from './commands/search.js';
import { defineRename } from './commands/rename.js';
import { defineSet } from './commands/set.js';
import { defineCoverage } from './commands/coverage.js';
import { defineImport } from './commands/import.js';
import { defineFix } from './commands/fix.js';

export const commands: readonly DefineCommand[] = [defineLint, defineNew, defineExtract, defineIndex, defineSearch, defineEval, defineServe, defineConversations, defineRename, defineSet, defineSite, defineCoverage, defineImport, defineFix];
