/** Every `atomkit` command, in the order `--help` lists them. */
import type { DefineCommand } from './command.js';
import { defineLint } from './commands/lint.js';
import { defineServe } from './commands/serve.js';
import { defineMcp } from './commands/mcp.js';
import { defineConversations } from './commands/conversations.js';
import { defineNew } from './commands/new.js';
import { defineExtract } from './commands/extract.js';
import { defineSet } from './commands/set.js';
import { defineCoverage } from './commands/coverage.js';
import { defineStore } from './commands/store.js';
import { defineImport } from './commands/import.js';
import { defineFix } from './commands/fix.js';
import { defineRename } from './commands/rename.js';
import { defineEval } from './commands/eval.js';
import { defineSite } from './commands/site.js';
import { defineIndex } from './commands/index.js';
import { defineSearch } from './commands/search.js';
import { defineStart } from './commands/start.js';
import { defineInit } from './commands/init.js';
import { defineStudio } from './commands/studio.js';

export const commands: readonly DefineCommand[] = [defineInit, defineStart, defineStudio, defineLint, defineNew, defineExtract, defineSet, defineRename, defineCoverage, defineImport, defineFix, defineIndex, defineSearch, defineEval, defineServe, defineMcp, defineConversations, defineStore, defineSite];
