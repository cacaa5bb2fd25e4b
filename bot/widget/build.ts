/**
 * Bundles `<atom-chat>` (bot/widget/src) into one minified ES module, `bot/widget/dist/atom-chat.js`,
 * which the chat service serves at `/widget/atom-chat.js` (`WIDGET_PATH` in bot/src/app.ts). The
 * bundle is built on demand and not committed: `ensureWidget()` rebuilds it only when a source file
 * is newer.
 *
 * Run `npm run build:widget` to build it by hand; it prints the size.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform, type Plugin } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The widget's entry point. */
export const WIDGET_ENTRY = path.join(here, 'src', 'atom-chat.ts');
/** Where the bundle is written. */
export const WIDGET_BUNDLE = path.join(here, 'dist', 'atom-chat.js');

export interface WidgetBuild {
  /** Absolute path of the bundle. */
  readonly file: string;
  /** The bundle itself. */
  readonly code: string;
  readonly bytes: number;
  /** Size after gzip (level 9), what a browser downloads from a compressing server. */
  readonly gzipBytes: number;
}

export interface BuildWidgetOptions {
  /** Where to write the bundle. @default WIDGET_BUNDLE */
  readonly outfile?: string;
  /** Minify (turn off to debug). @default true */
  readonly minify?: boolean;
}

/**
 * Bundles the widget and writes it.
 *
 * @example (await buildWidget()).file //=> '/repo/bot/widget/dist/atom-chat.js'
 */
export async function buildWidget(options: BuildWidgetOptions = {}): Promise<WidgetBuild> {
  const outfile = options.outfile ?? WIDGET_BUNDLE;
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    minify: options.minify ?? true,
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
    plugins: [inlineCss],
  });
  const code = result.outputFiles[0]!.text;
  mkdirSync(path.dirname(outfile), { recursive: true });
  writeFileSync(outfile, code);
  return { file: outfile, code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** `import css from './x.css'` becomes the minified stylesheet as a string (for the shadow root). */
const inlineCss: Plugin = {
  name: 'atomkit-inline-css',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true, target: ['chrome111', 'firefox113', 'safari16.4'] });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
};

/**
 * The bundle, rebuilt first when it is missing or older than any widget source (or the lockfile,
 * which pins marked, DOMPurify and eventsource-parser). Returns the bundle's path.
 *
 * @example await ensureWidget() //=> '/repo/bot/widget/dist/atom-chat.js'
 */
export async function ensureWidget(): Promise<string> {
  const built = mtime(WIDGET_BUNDLE);
  const sources = [...walk(path.join(here, 'src')), path.join(here, '..', '..', 'package-lock.json')];
  if (built === undefined || sources.some((file) => (mtime(file) ?? 0) > built)) await buildWidget();
  return WIDGET_BUNDLE;
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (!entry.name.endsWith('.test.ts')) yield full;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, bytes, gzipBytes } = await buildWidget();
  console.log(`${path.relative(process.cwd(), file)}  ${(bytes / 1024).toFixed(1)} KiB, ${(gzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
