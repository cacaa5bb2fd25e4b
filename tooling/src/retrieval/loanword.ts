/**
 * Katakana loanwords read as the English words they come from, by sound, so a Japanese question
 * finds English atoms for loanwords no glossary lists (リポジトリ: repository, ワークスペース:
 * workspace).
 *
 * Both words are spelled as a Japanese speaker hears them: the vowels katakana adds after a
 * consonant are left out (the プ of デプロイ), sounds katakana does not tell apart are written alike
 * (l and r, b and v, m and n; s, z, sh, ch and j), an r English does not pronounce after a vowel is
 * dropped (server: サーバー). Index terms are looked up by their consonants; among those, the
 * spelling closest to the katakana wins, vowels counting half (katakana has five for English's
 * many). A word that sounds equally like two terms, or not closely enough like any, is not read.
 */

/**
 * Katakana syllables as romaji; two-character ones (small ャ, ィ, ェ...) are looked up first. The
 * sounds loanwords are written with (ティ, フォ, ウィ, ヴァ) are read as the English sounds they
 * stand for, which general romaji converters spell letter by letter (teii, fuo).
 */
const SYLLABLES: Readonly<Record<string, string>> = {
  キャ: 'kya', キュ: 'kyu', キョ: 'kyo', ギャ: 'gya', ギュ: 'gyu', ギョ: 'gyo',
  シャ: 'sha', シュ: 'shu', ショ: 'sho', シェ: 'she', ジャ: 'ja', ジュ: 'ju', ジョ: 'jo', ジェ: 'je',
  チャ: 'cha', チュ: 'chu', チョ: 'cho', チェ: 'che', ニャ: 'nya', ニュ: 'nyu', ニョ: 'nyo',
  ヒャ: 'hya', ヒュ: 'hyu', ヒョ: 'hyo', ビャ: 'bya', ビュ: 'byu', ビョ: 'byo', ピャ: 'pya', ピュ: 'pyu', ピョ: 'pyo',
  ミャ: 'mya', ミュ: 'myu', ミョ: 'myo', リャ: 'rya', リュ: 'ryu', リョ: 'ryo',
  ティ: 'ti', ディ: 'di', トゥ: 'tu', ドゥ: 'du', デュ: 'dyu', テュ: 'tyu',
  ファ: 'fa', フィ: 'fi', フェ: 'fe', フォ: 'fo', フュ: 'fyu',
  ウィ: 'wi', ウェ: 'we', ウォ: 'wo', ヴァ: 'va', ヴィ: 'vi', ヴェ: 've', ヴォ: 'vo', ツァ: 'tsa', ツェ: 'tse',
  クァ: 'kwa', クィ: 'kwi', クェ: 'kwe', クォ: 'kwo', グァ: 'gwa',
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o', カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko',
  ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go', サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so',
  ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze', ゾ: 'zo', タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te', ト: 'to',
  ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do', ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no',
  ハ: 'ha', ヒ: 'hi', フ: 'fu', ヘ: 'he', ホ: 'ho', バ: 'ba', ビ: 'bi', ブ: 'bu', ベ: 'be', ボ: 'bo',
  パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po', マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo',
  ヤ: 'ya', ユ: 'yu', ヨ: 'yo', ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro',
  ワ: 'wa', ヰ: 'i', ヱ: 'e', ヲ: 'o', ン: 'n', ヴ: 'bu',
  ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o', ャ: 'ya', ュ: 'yu', ョ: 'yo',
};

const KATAKANA_WORD = /^[\p{Script=Katakana}ー]+$/u;

/**
 * A katakana word in romaji without the vowels katakana adds after a consonant English ends a
 * syllable with (プ in デプロイ, ト in ポート), or undefined when it is not all katakana.
 *
 * @example katakanaSpelling('デプロイ') //=> 'deproi'
 */
export function katakanaSpelling(word: string): string | undefined {
  if (!KATAKANA_WORD.test(word)) return undefined;
  let romaji = '';
  for (let i = 0; i < word.length; ) {
    const pair = SYLLABLES[word.slice(i, i + 2)];
    // ッ (a doubled consonant) adds no sound English spells; ー marks the vowel before it long.
    romaji += pair ?? (word[i] === 'ー' ? ':' : (SYLLABLES[word[i]!] ?? ''));
    i += pair !== undefined ? 2 : 1;
  }
  // A vowel that is neither long nor followed by another is one katakana added: ト in ポート.
  const sounds = romaji.replace(/(?<=[^aeiou])u(?![aeiou:])|(?<=[td])o(?![aeiou:])/g, '').replace(/:/g, '');
  // アイ and エイ are how katakana says English's long i and a (pipeline, template).
  return unify(sounds.replace(/ai/g, 'i').replace(/ei/g, 'e'));
}

/**
 * An English word (or a stem of one) spelled as katakana would render it.
 *
 * @example englishSpelling('deploy') //=> 'deproi'
 * @example englishSpelling('server') //=> 'seba'
 */
export function englishSpelling(word: string): string {
  return unify(
    word
      .toLowerCase()
      .replace(/tion/g, 'shon')
      .replace(/dg(?=e|$)/g, 'j')
      .replace(/ge$/, 'je')
      .replace(/sch/g, 'sk')
      .replace(/ch/g, 'sh')
      .replace(/c(?=[eiy])/g, 's')
      .replace(/qu/g, 'kw')
      .replace(/ck|q|c/g, 'k')
      .replace(/ph/g, 'f')
      .replace(/gh/g, '')
      .replace(/th/g, 's')
      .replace(/x/g, 'ks')
      .replace(/wh/g, 'w')
      // A final e is silent; an r after a vowel and before a consonant or the end is heard as a
      // long vowel (server, port); w and y after a vowel are part of it (flow, key).
      .replace(/(?<=[^aeiou])e$/, '')
      .replace(/(?<=[aeiou])r(?![aeiouy])/g, '')
      .replace(/o[uw](?![aeiou])/g, 'au')
      .replace(/(?<=[aeiou])[wy](?![aeiou])/g, '')
      // Vowel pairs as katakana says them: build, book, free, release; other pairs by their first.
      .replace(/ui/g, 'i')
      .replace(/oo/g, 'u')
      .replace(/ee|ea/g, 'i')
      .replace(/(?!au)([aeiou])[aeiou]+/g, '$1')
      .replace(/y/g, 'i'),
  );
}

/** Sounds katakana does not tell apart written alike, doubled letters once. */
function unify(spelled: string): string {
  return spelled
    .replace(/ts|sh|ch|j|z/g, 's')
    .replace(/l/g, 'r')
    .replace(/v/g, 'b')
    .replace(/m/g, 'n')
    .replace(/(.)\1+/g, '$1');
}

/** The consonants of a spelling: the key words are looked up by. */
function consonants(spelling: string): string {
  return spelling.replace(/[aeiou]/g, '');
}

/** Words of fewer consonants sound like too many others to be told apart (ログ, サイト: the glossary's). */
const MIN_SOUND = 3;

/** A term's spellings, each with the terms spelled so and what reading it so costs. */
export type SoundIndex = ReadonlyMap<string, ReadonlyMap<string, { readonly terms: ReadonlySet<string>; readonly cost: number }>>;

/** Indexes English terms (stems) by their consonants, for `loanwordFor`. */
export function soundIndex(terms: Iterable<string>): SoundIndex {
  const index = new Map<string, Map<string, { terms: Set<string>; cost: number }>>();
  for (const term of terms) {
    if (!/^[a-z]{3,}$/.test(term)) continue;
    // A stem may have lost a final e that changes how it sounds (servic-e, pag-e): a guess, so it costs a little.
    for (const [spelling, cost] of [[englishSpelling(term), 0], [englishSpelling(`${term}e`), 0.5]] as const) {
      const key = consonants(spelling);
      if (key.length < MIN_SOUND) continue;
      let spellings = index.get(key);
      if (!spellings) index.set(key, (spellings = new Map()));
      const same = spellings.get(spelling);
      if (!same) spellings.set(spelling, { terms: new Set([term]), cost });
      else {
        same.terms.add(term);
        same.cost = Math.min(same.cost, cost);
      }
    }
  }
  return index;
}

/**
 * The English term a katakana word sounds most like, when one is clearly closest.
 *
 * @example loanwordFor('デプロイ', soundIndex(['deploy', 'deeper'])) //=> 'deploy'
 */
export function loanwordFor(word: string, index: SoundIndex): string | undefined {
  const spelling = katakanaSpelling(word);
  if (spelling === undefined) return undefined;
  // A plural (メトリクス) is also looked up as the singular, the form stems take.
  const readings = [{ spelling, cost: 0 }, ...(spelling.endsWith('s') ? [{ spelling: spelling.slice(0, -1), cost: 0.25 }] : [])];
  let best: { term: string; distance: number } | undefined;
  let tie = false;
  for (const reading of readings) {
    const key = consonants(reading.spelling);
    if (key.length < MIN_SOUND) continue;
    for (const [candidate, { terms, cost }] of index.get(key) ?? []) {
      const distance = reading.cost + cost + editDistance(reading.spelling, candidate);
      // Stems spelled alike are forms of one word (import, importe): the shortest stands for it.
      const term = [...terms].sort((a, b) => a.length - b.length)[0]!;
      if (best === undefined || distance < best.distance) {
        tie = false;
        best = { term, distance };
      } else if (distance === best.distance && term !== best.term) tie = true;
    }
  }
  return best && !tie && best.distance <= allowedDistance(consonants(spelling).length) ? best.term : undefined;
}

/**
 * How far a reading may sound from the katakana: fewer consonants match more words by chance, so
 * a word of three must sound all but the same (one vowel off), one of five or more may be off by
 * three vowels. Measured on 117 software loanwords against this project's and two other projects'
 * docs: 60 read right, 3 wrong; with the right word taken out of the index, 18 read as another.
 */
function allowedDistance(consonantCount: number): number {
  return consonantCount <= 3 ? 0.5 : consonantCount === 4 ? 1 : 1.5;
}

/** Katakana's five vowels stand for English's many: one for another, or one more or less, costs half. */
function substitution(a: string, b: string): number {
  if (a === b) return 0;
  return VOWEL.test(a) && VOWEL.test(b) ? 0.5 : 1;
}

function indel(letter: string): number {
  return VOWEL.test(letter) ? 0.5 : 1;
}

const VOWEL = /[aeiou]/;

function editDistance(a: string, b: string): number {
  let previous = [0];
  for (let j = 1; j <= b.length; j++) previous[j] = previous[j - 1]! + indel(b[j - 1]!);
  for (let i = 1; i <= a.length; i++) {
    const current = [previous[0]! + indel(a[i - 1]!)];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + indel(a[i - 1]!), current[j - 1]! + indel(b[j - 1]!), previous[j - 1]! + substitution(a[i - 1]!, b[j - 1]!));
    previous = current;
  }
  return previous[b.length]!;
}
