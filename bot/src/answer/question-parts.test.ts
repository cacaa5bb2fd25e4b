import { describe, expect, test } from 'vitest';
import { questionParts } from './question-parts.js';

describe('questionParts', () => {
  test('splits a message at the question marks between its questions', () => {
    expect(questionParts('What port does the service use? And where are the chats stored?')).toEqual(['What port does the service use?', 'And where are the chats stored?']);
    expect(questionParts('チャットサービスって何番ポートで立ち上がるんでしたっけ？あと、ユーザーとの会話はどこに保存されてますか？')).toEqual([
      'チャットサービスって何番ポートで立ち上がるんでしたっけ？',
      'あと、ユーザーとの会話はどこに保存されてますか？',
    ]);
  });

  test('splits at "Also", at numbered items and at あと / ついでに, keeping each mark with its question', () => {
    expect(questionParts('In CI I run tests only in changed packages. Also, how do I leave out the docs package?')).toEqual([
      'In CI I run tests only in changed packages.',
      'Also, how do I leave out the docs package?',
    ]);
    expect(questionParts('1) can the error handler apply to /admin only? 2) does a throw there reach the root handler')).toEqual([
      '1) can the error handler apply to /admin only?',
      '2) does a throw there reach the root handler',
    ]);
    expect(questionParts('2点質問です。① CSS Modules のクラス名を名前付き import したい。② SCSS の変数を全ファイルで自動で読み込みたい')).toEqual([
      '2点質問です。① CSS Modules のクラス名を名前付き import したい。',
      '② SCSS の変数を全ファイルで自動で読み込みたい',
    ]);
  });

  test('is one question when it asks one: a URL query or a short tag question does not split it', () => {
    expect(questionParts('If a client sends ?tag=red once I get a string')).toEqual(['If a client sends ?tag=red once I get a string']);
    expect(questionParts('How do I run the linter? right?')).toEqual(['How do I run the linter? right?']);
    expect(questionParts('The build is slow.\n\nHow do I make it faster?')).toHaveLength(1);
    // Marks with no words between them ask nothing.
    expect(questionParts('a? '.repeat(2000))).toHaveLength(1);
    expect(questionParts(`${'\n\n'.repeat(2000)}x`)).toEqual(['x']);
  });

  test('reads pasted error output and the question asked about it after a blank line as two questions', () => {
    expect(questionParts("Error: ERR_AVVIO_PLUGIN_TIMEOUT: Plugin did not start in time: 'db'\n    at Timeout._onTimeout (/app/node_modules/avvio/plugin.js:60:11)\n\nCan I give plugins more time, and where is that limit set?")).toEqual([
      "Error: ERR_AVVIO_PLUGIN_TIMEOUT: Plugin did not start in time: 'db'\n    at Timeout._onTimeout (/app/node_modules/avvio/plugin.js:60:11)",
      'Can I give plugins more time, and where is that limit set?',
    ]);
    // Output alone, or output after the prose, is one question.
    expect(questionParts('npm ERR! code ERESOLVE\n\nnpm ERR! ERESOLVE unable to resolve dependency tree')).toHaveLength(1);
  });
});
