import { describe, expect, test } from 'vitest';
import { normalizeCode, queryTerms, tokenize } from './tokenize.js';

describe('tokenize', () => {
  test('lower-cases, drops stop words and stems English words', () => {
    expect(tokenize('Fixing the Frontmatter schemas')).toEqual(['fix', 'frontmatt', 'schema']);
  });

  test('gives an adverb of -ful or -less the stem of its adjective, which the Porter stemmer does not', () => {
    expect(tokenize('close it gracefully')).toEqual(['close', ...tokenize('graceful')]);
    expect(tokenize('installed successfully, seamlessly')).toEqual(['instal', ...tokenize('successful seamless')]);
  });

  test('splits Japanese text into words without spaces', () => {
    expect(tokenize('スキーマのエラーを直す方法')).toEqual(['スキーマ', 'エラ', '直す', '方法']);
  });

  test('gives a katakana word with and without its final long mark one term: サーバー is サーバ', () => {
    expect(tokenize('サーバーのユーザー')).toEqual(tokenize('サーバのユーザ'));
    expect(tokenize('キー')).toEqual(['キー']);
  });

  test('gives a kanji compound one term however its kana endings are written or conjugated', () => {
    expect(tokenize('読み込み')).toEqual(tokenize('読込み'));
    expect(tokenize('読み込む')).toEqual(tokenize('読込み'));
    expect(tokenize('切り替え')).toEqual(tokenize('切替'));
    expect(tokenize('直す')).toEqual(['直す']);
  });

  test('keeps a compound verb the segmenter cuts apart one word, as the glossary knows it, and never joins across a particle', () => {
    // ICU reads 埋め込みたい as 埋 | め | 込 | みたい and 立ち上げる as 立ち | 上げる.
    expect(tokenize('ウィジェットを埋め込みたい')).toEqual(['ウィジェット', '埋込']);
    expect(tokenize('埋め込み')).toEqual(['埋込']);
    expect(tokenize('立ち上げる')).toEqual(['立上']);
    expect(tokenize('設定を変更')).toEqual(['設定', '変更']);
    expect(tokenize('それを見て決める')).toEqual(['見', '決める']);
    // A noun of two kanji before し is a word of its own: 入力し直す is about 入力.
    expect(tokenize('入力し直す')).toContain('入力');
    // Compounds back to back, thousands of them: each is read once.
    expect(tokenize('埋め込'.repeat(1300))).toEqual(expect.arrayContaining(['埋込']));
  });

  test('gives every form of a word the stemmer reads a suffix into one term: embed, embeds, embedded', () => {
    expect(new Set(tokenize('embed embeds embedded embedding'))).toEqual(new Set(['embed']));
    expect(new Set(tokenize('exceeds exceeded'))).toEqual(new Set(['exceed']));
  });

  test('normalizes full-width letters and digits with NFKC', () => {
    expect(tokenize('ＥＲＲＯＲ　Ｅ１０４２')).toEqual(['error', 'e1042']);
  });

  test('indexes dotted and underscored names whole and in parts', () => {
    expect(tokenize('atomkit.config.yaml max_unit_tokens')).toEqual(
      expect.arrayContaining(['atomkit.config.yaml', 'atomkit', 'config', 'yaml', 'max_unit_tokens', 'unit', 'token']),
    );
  });

  test('indexes a hyphenated word also as one word, the form its camelCase spelling takes', () => {
    expect(tokenize('ignore-scripts')).toEqual(['ignor', 'script', 'ignorescript']);
    expect(tokenize('ignoreScripts')).toEqual(['ignorescript']);
    expect(tokenize('2026-01-07 and e2e-tests')).not.toContain('20260107');
  });

  test('a command-line flag is a hyphenated word too: `--inspect-brk` finds the entry of that flag, not every page that says inspect', () => {
    expect(tokenize('node --inspect-brk app.js')).toContain('inspectbrk');
    expect(tokenize('`--frozen-lockfile`')).toContain('frozenlockfil');
    // A compound is read from its start, never from its middle.
    expect(tokenize('x--y-z')).not.toContain('yz');
  });

  test('returns nothing for punctuation, emoji and empty text', () => {
    expect(tokenize('  ?!… 🙂 ---')).toEqual([]);
  });

  test('query terms are distinct', () => {
    expect(queryTerms('error error errors')).toEqual(['error']);
  });
});

describe('normalizeCode', () => {
  test('matches codes regardless of case, width and spacing', () => {
    expect(normalizeCode(' Frontmatter/Schema ')).toBe('frontmatter/schema');
    expect(normalizeCode('ＥＲＲ  42')).toBe('err 42');
  });
});

describe('tokenize: small words', () => {
  test("drops the possessive 's and one-letter parts of contractions", () => {
    expect(tokenize("last month's chats")).toEqual(['last', 'month', 'chat']);
    expect(tokenize("what's the port")).toEqual(['port']);
  });

  test('a contraction that is a stop word leaves no parts behind, with either apostrophe', () => {
    expect(tokenize("a threshold for 'I don't know'")).toEqual(['threshold', 'know']);
    expect(tokenize('it doesn’t start')).toEqual(['start']);
  });

  test('a contraction typed without its apostrophe is a stop word too', () => {
    expect(tokenize('whats wrong, ctrl+c doesnt stop it and i cant tell why')).toEqual(['wrong', 'ctrl', 'c', 'stop', 'tell']);
  });

  test('keeps apart words the stemmer would merge with a more technical one', () => {
    expect(tokenize('an important general experience')).toEqual(['important', 'general', 'experienc']);
    expect(tokenize('import generated experiments')).toEqual(['import', 'gener', 'experi']);
  });

  test('hedges and intensifiers are stop words: stemmed, they would match topic words', () => {
    expect(tokenize('generally I specifically want to completely remove it')).toEqual(['want', 'remov']);
    expect(tokenize('generate a specification on completion')).toEqual(['gener', 'specif', 'complet']);
  });

  test('drops short runs of hiragana (particles and endings), keeping kanji and katakana words', () => {
    expect(tokenize('怒られたらどうする')).not.toContain('たら');
    expect(tokenize('バックアップから戻したい')).toContain('バックアップ');
  });
});
