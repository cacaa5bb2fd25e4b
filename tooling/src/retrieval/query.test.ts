import { describe, expect, test } from 'vitest';
import { analyzeQuery, completed, normalizePhrases, withinOneEdit, writtenAsNames } from './query.js';

const vocabulary = ['search', 'complet', 'backup', 'databas', 'default', 'serv', 'listen', 'linter', 'local', 'connect', 'stack', 'lack'];
const known = (term: string) => vocabulary.includes(term);
const analyze = (text: string) => analyzeQuery(text, known, () => vocabulary);
const byTerm = (text: string) => Object.fromEntries(analyze(text).map((t) => [t.term, t]));

describe('analyzeQuery', () => {
  test('marks URLs, paths, hosts and numbers pasted from a log as concrete values', () => {
    const terms = byTerm('fetch failed https://cdn.example.com/models/x.onnx from intranet.example.corp at /var/log/kb/app.log after 41 s');
    expect(terms['cdn']?.concrete).toBe(true);
    expect(terms['onnx']?.concrete).toBe(true);
    expect(terms['intranet']?.concrete).toBe(true);
    expect(terms['41']?.concrete).toBe(true);
    expect(terms['fetch']?.concrete).toBe(false);
  });

  test('reads a name with a number (a rule code, a protocol) as a word of the question, and other values with digits as concrete', () => {
    const terms = byTerm('MD013 fires on http2 and utf8 pages from host api-7c9d4, request 2f, commit a1b2c3 on port 4321');
    for (const name of ['md013', 'http2', 'utf8']) expect(terms[name]?.concrete).toBe(false);
    for (const value of ['7c9d4', '2f', 'a1b2c3', '4321']) expect(terms[value]?.concrete).toBe(true);
  });

  test('marks the frames of a pasted stack trace as concrete values, and the words of its message as the question', () => {
    const trace = [
      'TypeError: fetch failed',
      '    at Object.fetch (node:internal/deps/undici/undici:11730:11)',
      '    at async syncInvoices (/app/jobs/sync.js:22:17)',
      'Traceback (most recent call last):',
      '  File "/srv/app/worker.py", line 12, in handle_job',
      'cause: self-signed certificate in certificate chain',
    ].join('\n');
    const terms = byTerm(trace);
    for (const value of ['undici', 'syncinvoic', 'handle_job', 'worker']) expect(terms[value]?.concrete, value).toBe(true);
    for (const word of ['fetch', 'fail', 'certif', 'chain']) expect(terms[word]?.concrete, word).toBe(false);
    // "at" in a sentence is no frame.
    expect(byTerm('the server crashed at startup with a timeout')['startup']?.concrete).toBe(false);
  });

  test('marks Windows paths pasted from a log as concrete values, as it does Unix ones', () => {
    const terms = byTerm('C:\\Users\\alice\\kb\\atoms\\faq\\billing.md:3:1 error in \\\\fileserver\\share\\docs and build\\Release');
    for (const value of ['alic', 'kb', 'bill', 'fileserv', 'releas']) expect(terms[value]?.concrete).toBe(true);
    expect(terms['error']?.concrete).toBe(false);
  });

  test('marks a scoped package name pasted from a log as a concrete value', () => {
    const terms = byTerm('No matching version found for @acme/utils@workspace:^3.0.0 inside the workspace');
    expect([terms['acm']?.concrete, terms['util']?.concrete, terms['match']?.concrete]).toEqual([true, true, false]);
  });

  test('keeps a word that is also written outside the pasted value as a topic word', () => {
    expect(byTerm('models fail: https://hub.example.com/models/x')['model']?.concrete).toBe(false);
  });

  test('gives a Japanese loanword its English word, so English atoms match', () => {
    expect(byTerm('チャットのデータベースをバックアップから戻したい')['バックアップ']?.forms).toEqual(['バックアップ', 'backup']);
    expect(byTerm('チャットのデータベースをバックアップから戻したい')['バックアップ']?.translated).toEqual(['backup']);
  });

  test('reads a katakana word the segmenter cuts into pieces as one word: インポート is import, not port', () => {
    const terms = byTerm('インポートが失敗する');
    expect(terms['インポート']?.forms).toEqual(['インポート', 'import']);
    // The pieces stay for Japanese atoms cut alike, without English forms, and are not held against English atoms.
    expect(terms['ポート']).toEqual({ term: 'ポート', forms: ['ポート'], concrete: false, everyday: true, smallTalk: false });
  });

  test('reads a glossary word the segmenter cuts into pieces whole: 埋め込み is embedding, しきい値 threshold', () => {
    expect(byTerm('埋め込みモデルを変えたい')['埋込']?.forms).toEqual(['埋込', 'embed']);
    expect(byTerm('ウィジェットを埋め込みたい')['埋込']?.forms).toEqual(['埋込', 'embed']);
    expect(byTerm('しきい値を下げたい')['しきい値']?.forms).toEqual(['しきい値', 'threshold']);
  });

  test('reads a loanword the segmenter cuts into pieces that are words of their own as the one word it is: パスキー is passkey, not path and key', () => {
    const terms = byTerm('パスキーで認証したい');
    expect(terms['パスキー']?.forms).toEqual(['パスキー', 'passkei']);
    expect(terms['パス']?.everyday).toBe(true);
    expect(byTerm('タイトルをリネームしたい')['リネーム']?.forms).toEqual(['リネーム', 'renam']);
  });

  test('gives the English word of the kanji words documentation is written with: 場所 is location or path, 出力 output', () => {
    const terms = byTerm('pnpm ストア 場所 確認、ソースマップを出力したい');
    expect(terms['場所']?.forms).toEqual(['場所', 'locat', 'path']);
    expect(terms['出力']?.forms).toEqual(['出力', 'output']);
    expect(byTerm('設定が反映されない')['反映']?.forms).toEqual(['反映', 'appli']);
  });

  test('finds a glossary word written without its final long mark: サーバ is server', () => {
    expect(byTerm('サーバが起動しない')['サーバ']?.forms).toEqual(['サーバ', 'server']);
  });

  test('finds a glossary word in another spelling or conjugation: 読込み and 読み込む are load', () => {
    expect(byTerm('設定の読込みに失敗')['読込']?.forms).toContain('load');
    expect(byTerm('設定を読み込む')['読込']?.forms).toContain('load');
  });

  test('gives the English word of loanwords whose katakana sound is far from it: フック is hook, ツール tool, イメージ image', () => {
    const terms = byTerm('インストール時に JS のフックを挟める仕組みとツールの Docker イメージ');
    expect(terms['フック']?.forms).toEqual(['フック', 'hook']);
    expect(terms['ツール']?.forms).toEqual(['ツール', 'tool']);
    expect(terms['イメージ']?.forms).toEqual(['イメージ', 'imag']);
  });

  test('reads a katakana loanword no glossary lists by its sound', () => {
    const loanword = (word: string) => (word === 'リポジトリ' ? 'repository' : undefined);
    const terms = Object.fromEntries(analyzeQuery('リポジトリを同期したい', known, () => vocabulary, loanword).map((t) => [t.term, t]));
    expect(terms['リポジトリ']?.forms).toEqual(['リポジトリ', 'repositori']);
    expect(terms['リポジトリ']?.translated).toEqual(['repositori']);
  });

  test('gives the short loanwords too few consonants to read by sound their English words: キー is key, チェック check, チーム team', () => {
    const terms = byTerm('チームの API キーを型チェックしたい');
    expect([terms['キー']?.translated, terms['チェック']?.translated, terms['チーム']?.translated]).toEqual([['kei'], ['check'], ['team']]);
  });

  test('corrects a long word one edit from exactly one known word, and strips a common prefix', () => {
    expect(analyzeQuery('databsae', (t) => t === 'databas', () => ['databas'])[0]?.forms).toEqual(['databsa', 'databas']);
    expect(byTerm('autocomplete')['autocomplet']?.forms).toEqual(['autocomplet', 'complet']);
  });

  test('never reads a short unknown word as one a changed letter away: it may be a name the atoms do not mention', () => {
    expect(analyzeQuery('slack', (t) => t === 'stack', () => ['stack'])[0]?.forms).toEqual(['slack']);
  });

  test('tells everyday words from topic words', () => {
    const terms = byTerm("I'm stuck, can atoms live in PostgreSQL? 担当チーム");
    expect(terms['stuck']?.everyday).toBe(true);
    expect(terms['postgresql']?.everyday).toBe(false);
    expect(terms['担当']?.everyday).toBe(true);
    expect(terms['チーム']?.everyday).toBe(false);
  });

  test("the asker's own service, app or repo is everyday, not a topic the atoms lack", () => {
    const terms = byTerm('our kubernetes service and the web app in the same repo');
    expect(['servic', 'app', 'repo'].map((term) => terms[term]?.everyday)).toEqual([true, true, true]);
    expect(terms['kubernet']?.everyday).toBe(false);
  });

  test('small talk is the short list of words said around a question, not every common word', () => {
    const terms = byTerm('restore the database on my machine, the terminal shows a wall of text');
    expect(terms['machin']?.smallTalk).toBe(true);
    // Common words all the same, and everyday when no atom uses them.
    expect(['restor', 'databas', 'termin', 'wall'].map((term) => terms[term]?.smallTalk)).toEqual([false, false, false, false]);
  });

  test('a word people say every day is everyday, though no atom uses it: it tells how the asker talks', () => {
    const terms = byTerm('the terminal is a wall of json and the accents come out as garbage');
    expect(['wall', 'accent', 'garbag'].map((term) => terms[term]?.everyday)).toEqual([true, true, true]);
    expect(terms['json']?.everyday).toBe(false);
  });

  test('a common word written as a name inside a sentence names a topic: "Slack" is the product', () => {
    expect(byTerm('can the assistant run as a Slack bot?')['slack']?.everyday).toBe(false);
    expect(byTerm('cut me some slack, the bot is slow')['slack']?.everyday).toBe(true);
    // Opening a sentence or a line, any word is capitalised.
    expect(byTerm('Garbage comes out. Wall of text.')['garbag']?.everyday).toBe(true);
  });

  test('searches a symbol the question quotes by its name, when an atom names it so', () => {
    const named = (text: string, vocabulary: string[]) => analyzeQuery(text, (term) => vocabulary.includes(term)).map((t) => t.term);
    expect(named('each command starts with "$ " in the code block', ['dollar'])).toContain('dollar');
    expect(named('rows split with `|` and a `#` title', ['pipe', 'hash'])).toEqual(expect.arrayContaining(['pipe', 'hash']));
    // A prompt pasted with its command is no symbol being asked about, and a name no atom uses is left out.
    expect(named('$ npm run lint', ['dollar'])).not.toContain('dollar');
    expect(named('each command starts with "$"', [])).not.toContain('dollar');
  });

  test("a linter's complaint is everyday: the question's word for a report", () => {
    expect(byTerm('markdownlint complains about my lists')['complain']?.everyday).toBe(true);
  });

  test("the asker's own computer is everyday, whatever they call it", () => {
    const terms = byTerm('remove it from my machine and from the computer at work');
    expect(['machin', 'comput'].map((term) => terms[term]?.everyday)).toEqual([true, true]);
  });

  test('searches a hyphenated word also written as one when an atom writes it so, and otherwise leaves that form out', () => {
    expect(analyzeQuery('set ignore-scripts', (t) => ['ignor', 'script', 'ignorescript'].includes(t)).map((t) => t.term)).toEqual(['set', 'ignor', 'script', 'ignorescript']);
    expect(analyzeQuery('copied as-is', (t) => t === 'copi').map((t) => t.term)).toEqual(['copi']);
  });

  test("reads a camelCase name no atom uses as a value from the asker's code in a sentence, and as the topic in a few words of search", () => {
    const terms = byTerm('how do I stop the old requestAnimationFrame loop when the new module version replaces it during a hot update of the backup');
    expect(terms['requestanimationfram']?.concrete).toBe(true);
    expect(terms['loop']?.concrete).toBe(false);
    // A name the atoms use is a word of the question like any other; a product's name starts with a capital.
    const known = analyzeQuery('a long question whose config sets ignoreScripts and stores chats in PostgreSQL for the whole team today', (t) => t === 'ignorescript');
    expect(Object.fromEntries(known.map((t) => [t.term, t.concrete]))).toMatchObject({ ignorescript: false, postgresql: false });
    expect(byTerm('storybook viteFinal alias')['vitefin']?.concrete).toBe(false);
  });

  test('searches a dotted name no atom writes whole by its parts, unless it names a file, a product or a code', () => {
    const known = (t: string) => ['req', 'log', 'env', 'exampl', 'next', 'js', 'err', 'pnpm', 'lock'].includes(t);
    const terms = (text: string) => analyzeQuery(text, known).map((t) => t.term);
    expect(terms('req.log in express')).toEqual(['req', 'log', 'express']);
    expect(terms('ships our .env.example')).toEqual(['ship', 'env', 'exampl']);
    // Written whole by some atom, it is searched whole too.
    expect(analyzeQuery('req.log', (t) => ['req.log', 'req', 'log'].includes(t)).map((t) => t.term)).toEqual(['req.log', 'req', 'log']);
    expect(terms('next.js caches fetch')).toContain('next.js');
    expect(terms('ERR_PNPM.LOCK seen')).toContain('err_pnpm.lock');
  });

  test('reads an agent noun also as its verb when the atoms use that: server is also serve', () => {
    expect(byTerm('server port')['server']?.forms).toEqual(['server', 'serv']);
    expect(byTerm('header')['header']?.forms).toEqual(['header']);
  });

  test('reads a word the stemmer leaves with a doubled consonant as its verb: debugger is also debug, spinner spin', () => {
    const known = (t: string) => ['debug', 'spin', 'log'].includes(t);
    const forms = (text: string) => analyzeQuery(text, known)[0]?.forms;
    expect([forms('debugger'), forms('spinner'), forms('logger')]).toEqual([['debugg', 'debug'], ['spinner', 'spin'], ['logger', 'log']]);
    // Words that end doubled of their own (pass, diff) are left as they are.
    expect(analyzeQuery('pass the diff', (t) => ['pass', 'pas', 'diff', 'dif'].includes(t)).map((t) => t.forms)).toEqual([['pass'], ['diff']]);
  });

  test('also searches the word documentation uses for an everyday one: dump is export, exclude is ignore', () => {
    expect(byTerm('dump all the chats')['dump']?.forms).toEqual(['dump', 'export']);
    expect(byTerm('two empty lines before a heading')['empti']?.forms).toEqual(['empti', 'blank']);
    // Another word for it, not its translation: it counts less than the word as written.
    expect(byTerm('dump all the chats')['dump']?.translated).toBeUndefined();
    expect(byTerm('exclude a folder')['exclud']?.forms).toEqual(['exclud', 'ignor']);
    expect(byTerm('exclude a folder')['folder']?.forms).toEqual(['folder', 'directori', 'dir']);
    expect(byTerm('hide the authorization header in logs')['hide']?.forms).toEqual(['hide', 'redact', 'mask']);
  });

  test('also searches an abbreviation as the word documentation spells out: env vars are environment variables', () => {
    expect(byTerm('set env vars')['env']?.forms).toEqual(['env', 'environ']);
    expect(byTerm('set env vars')['var']?.forms).toEqual(['var', 'variabl']);
    expect(byTerm('the repo config')['repo']?.forms).toEqual(['repo', 'repositori']);
  });

  test('also searches a phrase as the word documentation says it in: token by token is stream, out of date is outdated', () => {
    expect(byTerm('can the answer come back token by token')['token']?.forms).toEqual(['token', 'stream']);
    expect(byTerm('turn off the cache')['turn']?.forms).toEqual(['turn', 'disabl']);
    expect(byTerm('the front matter is wrong')['matter']?.forms).toEqual(['matter', 'frontmatt']);
    expect(byTerm('an old lock file')['lock']?.forms).toEqual(['lock', 'lockfil']);
    expect(byTerm('open it from a phone on the same Wi-Fi')['fi']?.forms).toEqual(['fi', 'wifi', 'host', 'network']);
    expect(byTerm('the lockfile is out of date')['date']?.forms).toEqual(['date', 'outdat', 'stale']);
    expect(byTerm("is there a threshold for 'I don't know'")['know']?.forms).toEqual(['know', 'cover', 'refus', 'unansw']);
    expect(byTerm('it keeps telling people it has nothing on the topic')['noth']?.forms).toEqual(['noth', 'cover', 'refus', 'unansw']);
  });

  test('reads "out of the box" as default', () => {
    expect(normalizePhrases('what does serve listen on out of the box')).toContain('default');
    expect(analyze('what does serve listen on out of the box').map((t) => t.term)).toEqual(['serv', 'listen', 'default']);
  });
});

describe('hostile questions', () => {
  // Each of these took from 15 seconds to a minute when a pattern for paths, hosts and e-mail
  // addresses read every run of dotted or hyphenated letters to its end from each of its letters.
  test('a question of a hundred thousand dotted, hyphenated or joined characters is read, not hung on', { timeout: 10_000 }, async () => {
    for (const text of ['x.'.repeat(50_000) + 'y', 'x-'.repeat(50_000) + '!', 'a.b@'.repeat(25_000), 'a\\'.repeat(50_000), `see https://x.example/${'a.'.repeat(40_000)}`]) {
      expect(analyzeQuery(text, known)).toBeInstanceOf(Array);
      // Let the test's timer run between inputs, so a slow one fails the test rather than stalling it.
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
});

describe('writtenAsNames', () => {
  test('finds capitalised words and acronyms inside a sentence, not those opening a sentence or a line', () => {
    expect(writtenAsNames('Can it post to Slack? Our SRE team\nWants it in Teams: Yes')).toEqual(['Slack', 'SRE', 'Teams']);
  });
});

describe('typos in short words', () => {
  test('a short word with a letter left out, or two letters swapped, is also searched as the known word', () => {
    expect(byTerm('run the lintr')['lintr']?.forms).toEqual(['lintr', 'linter']);
    expect(byTerm('run it localy')['locali']?.forms).toEqual(['locali', 'local']);
    expect(byTerm('conect it')['conect']?.forms).toEqual(['conect', 'connect']);
    expect(byTerm('the backpu folder')['backpu']?.forms).toEqual(['backpu', 'backup']);
    expect(byTerm('serach')['serach']?.forms).toEqual(['serach', 'search']);
  });

  test('a name the atoms never mention is not read as a typo of a word a letter away from it', () => {
    // `stack` is a changed letter from `slack`, `lack` one left out: neither is a letter missed.
    expect(byTerm('a slack bot')['slack']?.forms).toEqual(['slack']);
    expect(completed('slack', known)).toBeUndefined();
  });

  test('a word two known words are each a letter from is left as written', () => {
    expect(completed('lintr', (term) => term === 'linter' || term === 'lintar')).toBeUndefined();
  });
});

describe('withinOneEdit', () => {
  test.each([
    ['serach', 'search', true],
    ['search', 'searches', false],
    ['indx', 'index', true],
    ['index', 'inde', true],
    ['lint', 'mint', true],
    ['lint', 'mild', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });
});
