import { describe, expect, test } from 'vitest';
import { entryCodes } from './entry-codes.js';

describe('entryCodes', () => {
  test('reads the codes of a table of codes, inside anchors, code marks and links, after prose', () => {
    const table = [
      '| Code | Description | How to solve |',
      '|------|-------------|--------------|',
      '| <a id="fst_err_not_found">FST_ERR_NOT_FOUND</a> | 404 Not Found | - |',
      '| `FST_ERR_CTP_BODY_TOO_LARGE` | The request body is too large. | Raise `bodyLimit`. |',
      '| [**FST_ERR_HOOK_TIMEOUT**](#hook-timeout) | A hook did not finish. | Call `done`. |',
    ].join('\n');
    expect(entryCodes(`Below is a table with all the error codes.\n\n${table}\n\nMore prose.`)).toEqual(['FST_ERR_NOT_FOUND', 'FST_ERR_CTP_BODY_TOO_LARGE', 'FST_ERR_HOOK_TIMEOUT']);
  });

  test('leaves a table that names a code in passing, and one whose codes are a few of many rows', () => {
    expect(entryCodes('| Option | Effect |\n| --- | --- |\n| bodyLimit | raises FST_ERR_CTP_BODY_TOO_LARGE |\n| logger | logs |')).toEqual([]);
    expect(entryCodes('| Name | Kind |\n| --- | --- |\n| ERR_PNPM_A_B | code |\n| ERR_PNPM_C_D | code |\n| port | option |\n| host | option |')).toEqual([]);
  });

  test('reads warning codes of capitals and a number, and leaves numbers and words', () => {
    const table = '| Code | Description |\n| --- | --- |\n| <a id="FSTWRN004">FSTWRN004</a> | An errorHandler is overridden. |\n| DEP0005 | Buffer() is deprecated. |\n| TS2307 | Cannot find module. |';
    expect(entryCodes(table)).toEqual(['FSTWRN004', 'DEP0005', 'TS2307']);
    expect(entryCodes('| Status | Meaning |\n| --- | --- |\n| 404 | Not Found |\n| 500 | Server error |\n| HTTP2 | Protocol |')).toEqual([]);
  });

  test('reads each table of several', () => {
    const table = (a: string, b: string) => `| Code | Meaning |\n| --- | --- |\n| ${a} | x |\n| ${b} | y |`;
    expect(entryCodes(`${table('ERR_A_ONE', 'ERR_A_TWO')}\n\nText.\n\n${table('ERR_B_ONE', 'ERR_A_ONE')}`)).toEqual(['ERR_A_ONE', 'ERR_A_TWO', 'ERR_B_ONE']);
  });

  test('reads the codes of a reference of code sub-headings, and leaves a guide with one heading that names a code', () => {
    const reference = ['Codes Node.js throws.', '### `ERR_INVALID_ARG_TYPE`', 'An argument of the wrong type was passed.', '```js', '# ERR_NOT_A_HEADING_HERE', '```', '### `ERR_REQUIRE_ESM`', 'An attempt was made to `require()` an ES module.'].join('\n\n');
    expect(entryCodes(reference)).toEqual(['ERR_INVALID_ARG_TYPE', 'ERR_REQUIRE_ESM']);
    expect(entryCodes('### Install\n\nRun it.\n\n### `ERR_PNPM_NO_LOCKFILE`\n\nWhen it fails.\n\n### Upgrade\n\nLater.')).toEqual([]);
  });
});
