/** `atomkit search "question"`: the top units from the search index, with their page URLs. */
import { Option } from 'commander';
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const defineSearch: DefineCommand = (program, io, setExitCode) => {
  program
    .command('search')
    .description('search the atoms index and print the best units with their page URLs')
    .argument('<query...>', 'the question or a pasted log line')
    .option('-k, --k <n>', 'number of results (sections; the parts of a long one are one result)', '5')
    .option('--type <type>', 'only atoms of this type (repeatable)', collect)
    .option('--tag <tag>', 'only atoms with this tag (repeatable)', collect)
    .option('--lang <language>', 'only atoms in this language')
    .option('--prefer-lang <language>', "rank as the chat service does for a reader of this language (`auto`: the question's): its atoms first when they cover the question, an atom found in another language shown by its translation")
    .addOption(new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'lexical', 'dense']).default('hybrid'))
    .option('--explain', 'also print how the search read the question: each word, the forms searched and how many units hold each')
    .option('--json', 'print the hits as JSON')
    .action(async (query: string[], options: SearchCliOptions, command) => {
      const { runSearchCommand } = await import('../../retrieval/cli.js');
      setExitCode(await runSearchCommand(configFor(command), query.join(' '), options, io));
    });
};

export interface SearchCliOptions {
  readonly k: string;
  readonly type?: string[];
  readonly tag?: string[];
  readonly lang?: string;
  readonly preferLang?: string;
  readonly mode: 'hybrid' | 'lexical' | 'dense';
  readonly explain?: boolean;
  readonly json?: boolean;
}
