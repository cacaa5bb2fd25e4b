/** What `atomkit index` and `atomkit search` do, behind their cheap command definitions. */
import { LANGUAGE_TAG, type AtomkitConfig } from '../config/load.js';
import type { CliIo, Colors } from '../cli/io.js';
import { progress, type Progress } from '../cli/progress.js';
import type { IndexCliOptions } from '../cli/commands/index.js';
import type { SearchCliOptions } from '../cli/commands/search.js';
import { absoluteUrl } from '../atom/identity.js';
import { snippet } from '../text/snippet.js';
import { detectLanguage } from '../../../bot/src/answer/language.js';
import { IndexLoadError, openRetriever, type AnalyzedTerm, type SearchHit } from './api.js';
import { mostConfident } from './confidence.js';
import { languagePreferred } from './preference.js';
import { buildIndex, IndexBuildError, type BuildPhase } from './build.js';
import { renderReportText } from './report.js';

const PHASES: Record<BuildPhase, string> = { scan: 'Reading atoms', chunk: 'Chunking', embed: 'Embedding', write: 'Writing index' };

export async function runIndexCommand(config: AtomkitConfig, options: IndexCliOptions, io: CliIo): Promise<number> {
  const progress = progressReporter(io);
  try {
    const result = await buildIndex(config, {
      requireDense: options.requireDense ?? false,
      full: options.full ?? false,
      onProgress: progress.update,
      onWarning: (message) => {
        progress.pause();
        io.stderr(`${io.colors.yellow(message)}\n`);
      },
    });
    progress.stop();
    if (options.json) io.stdout(`${JSON.stringify({ dir: result.dir, manifest: result.manifest, report: result.report }, null, 2)}\n`);
    else io.stdout(renderReportText(result.report, result.dir));
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof IndexBuildError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

export async function runSearchCommand(config: AtomkitConfig, query: string, options: SearchCliOptions, io: CliIo): Promise<number> {
  const k = Number(options.k);
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
    io.stderr(`${io.colors.red('error')} -k expects a whole number from 1 to 100, got \`${options.k}\`.\n`);
    return 2;
  }
  if (query.trim() === '') {
    io.stderr(`${io.colors.red('error')} The query is empty; pass the question in quotes: atomkit search "how do I ...".\n`);
    return 2;
  }
  for (const [flag, value] of [['--lang', options.lang], ['--prefer-lang', options.preferLang === 'auto' ? undefined : options.preferLang]] as const) {
    if (value !== undefined && !LANGUAGE_TAG.test(value)) {
      io.stderr(`${io.colors.red('error')} ${flag} expects a language tag such as \`ja\` or \`pt-BR\`${flag === '--prefer-lang' ? ' (or `auto`)' : ''}, got \`${value}\`.\n`);
      return 2;
    }
  }
  if (options.lang && options.preferLang) {
    io.stderr(`${io.colors.red('error')} --lang keeps only atoms in one language and --prefer-lang ranks them first: pass one of them.\n`);
    return 2;
  }
  let retriever;
  try {
    retriever = await openRetriever(config, { onWarning: (message) => io.stderr(`${io.colors.yellow(message)}\n`) });
  } catch (error) {
    if (error instanceof IndexLoadError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    const filters = {
      ...(options.type ? { types: options.type } : {}),
      ...(options.tag ? { tags: options.tag } : {}),
      ...(options.lang ? { language: options.lang } : {}),
    };
    const language = options.preferLang === 'auto' ? detectLanguage(query) : options.preferLang;
    // Parts of one long section are found together: asked for more, they are shown as one result.
    const wanted = Math.min(MAX_K, k * PARTS_PER_RESULT);
    const units = language
      ? await languagePreferred(retriever, query, language, { k: wanted, mode: options.mode, filters, minScore: config.bot.minScore })
      : await retriever.search(query, { k: wanted, mode: options.mode, filters });
    const hits = onePerSection(units).slice(0, k);
    // What the chat service would do with this question: it refuses by the most confident hit.
    const refused = (mostConfident(hits)?.confidence ?? 0) < config.bot.minScore;
    const terms = options.explain ? retriever.analyze(query) : undefined;
    if (options.json) {
      io.stdout(`${JSON.stringify({ query, dense: retriever.dense, ...(language ? { preferLanguage: language } : {}), ...(terms ? { terms } : {}), minScore: config.bot.minScore, refused, hits }, null, 2)}\n`);
      return 0;
    }
    if (terms) io.stdout(explanation(terms, io.colors));
    if (hits.length === 0) {
      io.stdout('No matching atoms.\n');
      return 0;
    }
    io.stdout(hits.map((hit, i) => formatHit(hit, i, config, io.colors)).join('\n'));
    if (refused) io.stdout(io.colors.yellow(`No hit reaches bot.minScore (${config.bot.minScore}): the chat service would answer that this is not in the atoms.\n`));
    if (!retriever.dense) io.stdout(io.colors.dim('(lexical search only)\n'));
    return 0;
  } finally {
    retriever.close();
  }
}

/** Results `-k` may ask for. */
const MAX_K = 100;
/** Units searched per result asked for, so that parts of one section still leave k sections. */
const PARTS_PER_RESULT = 3;

/**
 * The first hit of each section (each FAQ pair, which has its question's anchor): a section longer
 * than a unit is indexed in parts.
 *
 * @example onePerSection([{ atomId: 'a', anchor: 'steps' }, { atomId: 'a', anchor: 'steps' }]).length //=> 1
 */
function onePerSection<T extends Pick<SearchHit, 'atomId' | 'anchor'>>(hits: readonly T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = `${hit.atomId}#${hit.anchor ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * How the search read the question, one word a line: the forms searched with the units that hold
 * each, and what a word no atom uses does to the confidence the chat service refuses by.
 */
function explanation(terms: readonly AnalyzedTerm[], colors: Colors): string {
  const lines = terms.map((term) => {
    const forms = term.forms.map(({ form, units }) => `${form} ${colors.dim(String(units))}`).join(', ');
    const unused = term.forms.every(({ units }) => units === 0);
    const note = !unused
      ? term.smallTalk
        ? 'small talk: not held against a hit that lacks it'
        : ''
      : term.concrete
        ? 'a value (a path, a number, a name from code) no atom has: not held against a match'
        : term.everyday
          ? 'an everyday word no atom uses: not held against a match'
          : 'no atom uses it: it lowers the confidence of every hit';
    return `  ${colors.bold(term.term)}: ${forms}${note ? ` ${colors.yellow(`(${note})`)}` : ''}`;
  });
  return `${colors.dim('Words searched (form and the units that hold it):')}\n${lines.join('\n')}\n\n`;
}

/** Characters of a result's preview: about two lines of a terminal. */
const SEARCH_SNIPPET_CHARS = 200;

function formatHit(hit: SearchHit, i: number, config: AtomkitConfig, colors: Colors): string {
  const where = hit.kind === 'faq' ? `Q: ${hit.question}` : (hit.section ?? 'Introduction');
  const preview = snippet(hit.kind === 'faq' ? (hit.answer ?? '') : hit.text, SEARCH_SNIPPET_CHARS);
  const lines = [
    `${colors.bold(`${i + 1}. ${hit.title}`)} ${colors.dim('›')} ${where} ${colors.dim(`(${hit.type}, confidence ${hit.confidence.toFixed(2)})`)}`,
    `   ${colors.cyan(absoluteUrl(hit.url, config.site.url))}`,
    ...(hit.matchedErrorCode ? [`   ${colors.green(`matches error code ${hit.matchedErrorCode}`)}`] : []),
    ...(hit.matchedLink ? [`   ${colors.green(`the question links to its page: ${hit.matchedLink}`)}`] : []),
    `   ${preview}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Embedding progress: a bar on a terminal; in CI or a pipe, one plain line per tenth. */
function progressReporter(io: CliIo) {
  let phase: BuildPhase | undefined;
  let bar: Progress | undefined;
  return {
    update(next: BuildPhase, done: number, total: number) {
      if (next !== phase) {
        bar?.stop();
        bar = undefined;
        phase = next;
      }
      if (next !== 'embed' || total === 0) return;
      (bar ??= progress(io, { label: PHASES[next], unit: 'units', plainLines: true })).update(done, total);
    },
    /** Clears the bar before a warning; the next update draws it again. */
    pause() {
      bar?.stop();
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
