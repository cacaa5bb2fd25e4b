import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../../atom/markdown.js';
import { classifyPiece, errorCodesIn, isProblemHeading } from './classify.js';

const shape = (markdown: string, heading?: string, extra: { problem?: boolean; faqPage?: boolean } = {}) => ({
  heading,
  nodes: parseMarkdown(markdown).children,
  problem: extra.problem ?? false,
  faqPage: extra.faqPage ?? false,
});

describe('classifyPiece', () => {
  test.each([
    ['an error code as the heading', shape('A modules directory is linked to a different store.\n\nTo fix it, run `pnpm install`.', 'ERR_PNPM_UNEXPECTED_STORE'), 'error'],
    ['what went wrong / how to fix sections', shape('> **MissingSharp**: Could not find Sharp.\n\n### What went wrong?\n\nNo sharp.\n\n### How to fix\n\nInstall it.'), 'error'],
    ['numbered imperative steps', shape('1. Install the CLI.\n2. Run `widgets login`.\n3. Check the status.'), 'procedure'],
    ['a numbered list that is not steps', shape('1. Speed.\n2. Disk space.\n3. Strictness.'), 'interface-input'],
    ['one of several problems on its page', shape('Requests hang after a while.\n\nCheck the proxy.', 'Requests are stalled forever', { problem: true }), 'troubleshooting'],
    ['a page of questions', shape('## Does it work on Windows?\n\nYes.', undefined, { faqPage: true }), 'faq'],
    ['the intro of a page of questions (no question to pair it with)', shape('Acme is a sanitizer for HTML.\n\n## Does it work on Windows?\n\nYes.', undefined, { faqPage: true }), 'interface-input'],
    ['a part of a long answer cut at its sub-heading', shape('### Running it on the server\n\nIt needs a DOM.', 'Running it on the server', { faqPage: true }), 'interface-input'],
    ['a whole config file with its keys explained', shape('```yaml\nname: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu\n    steps: []\n```\n\n- `name` names the workflow.\n- `jobs` lists the jobs.'), 'config-template'],
    ['option headings with types and defaults', shape('### --recursive\n\n- Type: Boolean\n- Default: false\n\n### --filter\n\n- Type: String'), 'interface-input'],
    ['a README section with a note label (no error name)', shape('**Note**: nested objects are parsed up to 5 levels deep.\n\n```js\nqs.parse("a[b]=c")\n```'), 'interface-input'],
    ['a man page section heading in capitals (no errno code)', shape('```sh\nminipass --help\n```', 'EXAMPLES'), 'interface-input'],
    ['an API class named by an acronym shaped like an errno code', shape('The `ECDH` class is a utility for creating Elliptic Curve Diffie-Hellman key exchanges.\n\n```js\nconst alice = createECDH(\'secp521r1\');\n```', 'Class: ECDH'), 'interface-input'],
    ['an errno code as the heading', shape('The DNS lookup found no such host.\n\nCheck the host name.', '`ENOTFOUND`'), 'error'],
    ['an environment variable given a value (no error code)', shape('A space-separated list of command-line options.\n\n```bash\nNODE_OPTIONS=\'--require "./a.js"\'\n```', '`NODE_OPTIONS=options...`'), 'interface-input'],
    ["a don't heading", shape('Never commit the lockfile of a library instead of the app.', "Don't commit node_modules"), 'pitfall'],
  ])('%s', (_name, piece, type) => {
    expect(classifyPiece(piece).type).toBe(type);
  });

  test('a rule page titled by its code is an error with that code; a title with a number but no code is not', () => {
    const rule = { ...shape('Tags: `line_length`\n\nThis rule is triggered when lines are longer than the limit.'), title: '`MD013` - Line length' };
    expect(classifyPiece(rule).type).toBe('error');
    expect(errorCodesIn('`MD013` - Line length', [])).toEqual(['MD013']);
    expect(classifyPiece({ ...shape('Modules in ES2015 syntax are bundled as they are.'), title: 'ES2015 modules' }).type).toBe('interface-input');
  });

  test('gives a lower confidence when the signals disagree', () => {
    const clear = classifyPiece(shape('x', 'ERR_PNPM_X'));
    const mixed = classifyPiece(shape('1. Install it.\n2. Run it.\n\n```yaml\na: 1\nb: 2\n```\n\n- `a` is one.\n- `b` is two.'));
    expect(clear.confidence).toBeGreaterThan(mixed.confidence);
    expect(clear.signals).toEqual(['error code `ERR_PNPM_X` in the heading (error +4)']);
  });
});

describe('isProblemHeading', () => {
  test.each([
    ['Requests time out.', true],
    ['`pnpm install` fails with EACCES', true],
    ['timeout.unref()', false],
    ['clearTimeout(timeout)', false],
    ['`requestTimeout`', false],
    ['connectionTimeout', false],
    // A task done to errors is a how-to: a contributor guide's "Adding new errors" is no problem.
    ['Adding new errors', false],
    ['Testing new errors', false],
    ['Handling errors in hooks', false],
    ['Errors while adding a plugin', true],
    // A rule's docs label the code that breaks it: examples, not problems.
    ['invalid', false],
    ['Invalid', false],
    ['❌ Incorrect', false],
    ['Examples of invalid code', false],
    ['Fail', false],
    ['Invalid configuration file', true],
    ['Build fails on CI', true],
  ])('%s: %s', (heading, problem) => {
    expect(isProblemHeading(heading)).toBe(problem);
  });

  test('reads a heading of 200,000 letters in one pass (a hostile page)', () => {
    expect(isProblemHeading('a'.repeat(200_000))).toBe(false);
    expect(isProblemHeading(`${'a'.repeat(200_000)} fails`)).toBe(true);
  });
});

describe('errorCodesIn', () => {
  test('finds the codes and messages a log would show', () => {
    const nodes = parseMarkdown('> **MissingSharp**: Could not find Sharp.\n\nSee `ERR_PNPM_FOO` and `ENOSPC`.\n\n```\nError: Cannot find module x\n```').children;
    expect(errorCodesIn('ERR_PNPM_BAR', nodes)).toEqual(['ERR_PNPM_BAR', 'MissingSharp', 'ERR_PNPM_FOO', 'ENOSPC', 'Error: Cannot find module x']);
  });

  test('takes an errno-shaped word in a heading for a code only where a code would be: first, or in a heading about a problem', () => {
    expect(errorCodesIn('Class: ECDH', [])).toEqual([]);
    expect(errorCodesIn('ERESOLVE unable to resolve dependency tree', [])).toEqual(['ERESOLVE']);
    expect(errorCodesIn('Common system errors: EACCES', [])).toEqual(['EACCES']);
  });

  test('takes no environment variable given a value for a code', () => {
    expect(errorCodesIn('`UV_THREADPOOL_SIZE=size`', [])).toEqual([]);
    expect(errorCodesIn('ERR_PNPM_BAR: when UV_THREADPOOL_SIZE= is empty', [])).toEqual(['ERR_PNPM_BAR']);
  });

  test('takes an error message heading as written', () => {
    expect(errorCodesIn("Error: Cannot find module 'vite'", [])).toEqual(["Error: Cannot find module 'vite'"]);
  });
});
