/**
 * Bundles `<atom-chat>` (bot/widget/src) into one minified ES module, `dist/browser/widget/atom-chat.js`,
 * which the chat service serves at `/widget/atom-chat.js` (`WIDGET_PATH` in bot/src/app.ts). The
 * package build (tooling/scripts/build-package.ts) writes it; it ships prebuilt in the package.
 *
 * Run `npm run build:widget` to build it alone; it prints the size.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform, type Plugin } from 'esbuild';
import { WIDGET_FILE } from '../src/widget-file.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The widget's entry point. */
export const WIDGET_ENTRY = path.join(here, 'src', 'atom-chat.ts');

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
  /** Where to write the bundle. @default WIDGET_FILE */
  readonly outfile?: string;
  /** Minify (turn off to debug). @default true */
  readonly minify?: boolean;
}

/**
 * Bundles the widget and writes it.
 *
 * @example (await buildWidget()).file //=> '/repo/dist/browser/widget/atom-chat.js'
 */
export async function buildWidget(options: BuildWidgetOptions = {}): Promise<WidgetBuild> {
  const outfile = options.outfile ?? WIDGET_FILE;
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, bytes, gzipBytes } = await buildWidget();
  console.log(`${path.relative(process.cwd(), file)}  ${(bytes / 1024).toFixed(1)} KiB, ${(gzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
