/** `atomkit eval retrieval|answers`: measure search and answers on the question set. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineEval: DefineCommand = (program, io, setExitCode) => {
  const evalCommand = program
    .command('eval')
    .description('measure retrieval, answers and refusals on the dev and test parts of every question set (eval/questions*.yaml, eval/corpora/*.yaml)');
  // `atomkit eval` alone runs this one: its options are its own, not the parent's, so they never swallow a subcommand's.
  evalCommand
    .command('sets', { isDefault: true })
    .description('every question set, dev and test parts: retrieval, extractive answers, refusals; writes eval/report.{json,md}')
    .argument('[file]', 'only this question set (as --questions): `atomkit eval eval/corpora/pnpm.yaml`')
    .option('--questions <file>', 'only this question set (its report is written only with --out: eval/report.* holds every set)')
    .option('--part <part>', 'dev (what tuning may look at), test or all; only all writes the report', 'all')
    .option('--misses', "also list the part's missed questions: the question, its gold atoms, the best hit and its confidence")
    .option('--out <dir>', 'folder for report.json and report.md (default: eval)')
    .option('--no-write', 'print the table without writing the report')
    .option('--json', "print the figures as JSON (each set's parts, bot.minScore and the threshold the dev parts suggest; with --misses, the missed questions)")
    .option('--set-min-score', 'write the threshold the dev parts suggest into atomkit.config.yaml as bot.minScore (comments and other settings kept)')
    .action(async (file: string | undefined, options, command) => {
      if (file !== undefined && options.questions !== undefined && file !== options.questions) {
        io.stderr(`${io.colors.red('error')} Two question sets were given, \`${file}\` and --questions \`${options.questions}\`; pass one.\n`);
        setExitCode(2);
        return;
      }
      const { evalHeldoutCommand } = await import('../../eval/cli.js');
      setExitCode(await evalHeldoutCommand(configFor(command), { ...options, questions: options.questions ?? file }, io));
    });
  evalCommand
    .command('retrieval')
    .description('hit@1/3/5, MRR and nDCG@5 of lexical, dense, hybrid (and Pagefind) search; writes eval/report.{json,md}')
    .option('--questions <file>', 'question set (default: eval/questions.yaml)')
    .option('--out <dir>', 'folder for report.json and report.md (default: eval)')
    .option('--pagefind', "also run the docs site's Pagefind search (builds the site when site/dist has no Pagefind index)")
    .option('--rebuild-site', 'with --pagefind: build the site even when site/dist exists')
    .option('--systems <list>', 'comma-separated systems to run: lexical, dense, hybrid, hybrid+rerank, pagefind')
    .option('--reranker <model>', 'cross-encoder model for hybrid+rerank, loaded like the embedding model (e.g. Xenova/ms-marco-MiniLM-L-6-v2)')
    .option('--check', 'exit 1 when a figure is below eval/thresholds.json')
    .option('--no-write', 'print the table without writing the report')
    .action(async (options, command) => {
      const { evalRetrievalCommand } = await import('../../eval/cli.js');
      setExitCode(await evalRetrievalCommand(configFor(command), options, io));
    });
  evalCommand
    .command('answers')
    .description("citation precision/recall and fact recall of the chat service's answers (LLM-judged when an endpoint is configured)")
    .option('--questions <file>', 'question set (default: eval/questions.yaml)')
    .option('--out <dir>', 'folder for report.json and report.md (default: eval)')
    .option('--judge-model <model>', 'model that judges correctness (default: the first of bot.llm.models)')
    .option('--no-judge', 'skip the LLM judge even when an endpoint is configured')
    .option('--limit <n>', 'only the first n questions')
    .option('--no-write', 'print the table without writing the report')
    .action(async (options, command) => {
      const { evalAnswersCommand } = await import('../../eval/cli.js');
      setExitCode(await evalAnswersCommand(configFor(command), options, io));
    });
};
