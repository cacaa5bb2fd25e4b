import { describe, expect, test } from 'vitest';
import { englishSpelling, katakanaSpelling, loanwordFor, soundIndex } from './loanword.js';
import { tokenize } from './tokenize.js';

/** The index as the retriever builds it: from stems. */
const indexOf = (words: string) => soundIndex(tokenize(words));

describe('loanwordFor', () => {
  const index = indexOf('deploy workspace repository pipeline metrics redirect branch comment template middleware deeper employ');

  test.each([
    ['デプロイ', 'deploi'],
    ['ワークスペース', 'workspac'],
    ['リポジトリ', 'repositori'],
    ['パイプライン', 'pipelin'],
    ['リダイレクト', 'redirect'],
    ['ブランチ', 'branch'],
    ['コメント', 'comment'],
    ['テンプレート', 'templat'],
    ['ミドルウェア', 'middlewar'],
  ])('reads %s as the English term it sounds like (%s)', (katakana, stem) => {
    expect(loanwordFor(katakana, index)).toBe(stem);
  });

  test('reads a plural as the singular stem', () => {
    expect(loanwordFor('メトリクス', index)).toBe('metric');
  });

  test('reads nothing when two words sound equally close', () => {
    expect(loanwordFor('フォルダ', indexOf('folder fold'))).toBeUndefined();
  });

  test('reads nothing for a word of fewer than three consonants: too many words sound like it', () => {
    expect(loanwordFor('ログ', indexOf('log rag'))).toBeUndefined();
    expect(loanwordFor('サイト', indexOf('site'))).toBeUndefined();
  });

  test('reads nothing when no term sounds close enough', () => {
    expect(loanwordFor('テンプレート', indexOf('temper'))).toBeUndefined();
    expect(loanwordFor('ナレッジベース', index)).toBeUndefined();
  });

  test('reads only katakana words', () => {
    expect(loanwordFor('設定', index)).toBeUndefined();
    expect(loanwordFor('deploy', index)).toBeUndefined();
    expect(katakanaSpelling('デプロイする')).toBeUndefined();
  });
});

describe('spellings', () => {
  test('leave out the vowels katakana adds, keep long ones, and write alike what katakana does not tell apart', () => {
    expect(katakanaSpelling('ポート')).toBe('pot');
    expect(katakanaSpelling('トークン')).toBe('tokn');
    expect(englishSpelling('port')).toBe('pot');
    expect(katakanaSpelling('サーバー')).toBe('saba');
    expect(englishSpelling('server')).toBe('sebe');
    expect(englishSpelling('volume')).toBe('borun');
  });
});
