import { describe, expect, test } from 'vitest';
import { asksYesOrNo, questionIntent } from './intent.js';

describe('questionIntent', () => {
  test.each([
    ['how do I write my first atom?', 'steps'],
    ['my PR check fails with frontmatter/schema, what do I do?', 'steps'],
    ['the bot told a customer something wrong, where do we even start?', 'steps'],
    ['is there a way to change the author of every page at once?', 'steps'],
    ['atoms/x.md:4:7  error  bad  frontmatter/schema', 'steps'],
    // A command is run in steps: what to do before and after it is part of the answer.
    ["what's the command to bump the version and tag it?", 'steps'],
    ['which command builds the search index?', 'steps'],
    ['検索インデックスはどのコマンドで作るの？', 'steps'],
    ['what does file/bom mean', 'meaning'],
    ['what does atomkit fix do', 'meaning'],
    ['file/bom とは', 'meaning'],
    ['is windows supported', 'other'],
    ['what goes wrong if I edit the title line by hand?', 'why'],
    ['I write created: 2026-11-22 without quotes and lint passes. Is that a problem?', 'why'],
    ['created をクォートなしで書いていますが、このままで問題ありますか？', 'why'],
    ['why does the check fail on a file I never changed', 'why'],
    ['なぜ CI で落ちるの？', 'why'],
    ['lint をローカルで実行するには？', 'steps'],
    ['how can I tell whether my search index actually has embeddings in it?', 'check'],
    ['how do I know the widget loaded', 'check'],
    ['インデックスにベクトルがあるか確認するには？', 'check'],
    ['翻訳のやり方を教えて', 'steps'],
    ['ヘッダーのエラーの直し方', 'steps'],
    // 作り直す, し直す: "do again", not "fix".
    ['インデックスを作り直すと埋め込みを全部計算し直すことになる？', 'other'],
    // A problem told without a question wants what to do about it.
    ['my interview transcript fails lint', 'steps'],
    ['the chat widget is not showing on my pages', 'steps'],
    ['lint が CI で落ちる', 'steps'],
    ['why does my transcript fail lint', 'why'],
    ['the widget is broken on mobile', 'steps'],
    ['does too-long fail CI?', 'other'],
  ])('%s: %s', (question, intent) => {
    expect(questionIntent(question, false)).toBe(intent);
  });
});

describe('asksYesOrNo', () => {
  test.each([
    ['can I lint a single atom?', true],
    ['can you give me a GitHub workflow file that checks atoms on every PR?', false],
    ['we use our own LLM. Is there a full config to start from?', false],
    ['Does too-long fail CI?', true],
    ['linting takes ages, can it skip the files nobody touched?', true],
    ['I quote nothing and lint passes. Is that a problem?', true],
    ['how do I rebuild the index?', false],
    ['what does status: draft do', false],
    ['the chat widget is not showing on my pages', false],
    ['where is the global store located', false],
    ['インデックスを作り直すと全部埋め込み直しになる？', true],
    ['Docker で動かせますか', true],
    ['検索インデックスを作り直すには？', false],
    ['何から始めればいい？', false],
    ['lint が CI で落ちる', false],
  ])('%s: %s', (question, expected) => {
    expect(asksYesOrNo(question)).toBe(expected);
  });
});
