/**
 * Everyday English: words people use around a question (time, effort, feelings, people, size,
 * everyday objects and verbs, the device asked from, the asker's own service, app or repo) rather
 * than to name what it is about. A question's word that no atom uses is a sign the atoms do not
 * cover it, unless it is one of these, or one of the most common words of spoken English.
 */
import { SPOKEN_TERMS } from '../generated/spoken-words.js';

const WORDS = `
able about absolutely actually add after afternoon again ago agree ahead almost alone along already alright although always
arrive arrived arrives belong contain receive received reach return returned
amazing annoying another answer anybody anymore anyone anything anyway anywhere apparently appear appreciate around ask asked
asking attempt available avoid away awesome awful back bad badly basic basically bear beat beautiful became become before begin
beginning behind believe best better big bigger biggest bit bother bottom box boy brand break bring broke broken brought bug
buggy bunch busy button buy call came care careful carefully case catch cause certain certainly chance change cheap check child
choose chose clean clear clearly click close closed cloud colleague come comes coming common company complete completely confused
confusing constantly correct correctly couple course crash crazy cut daily damn day days dead deal dear decide decided definitely
delete describe did die different difficult dig direct directly do does doing done double down easily easy either else empty
end ended enough entire entirely even evening ever every everybody everyone everything everywhere exact exactly example except
expect expected explain extra eye face fact fail fair fall false family far fast faster fastest favorite feel feeling fellow few
figure fill final finally find fine finish first five fix fixed follow forever forget forgot form forward found four free
friday friend front full fully fun funny garbage gave general generally get gets getting give given giving glad go goes going gone good
got great guess guy guys half hand handle happen happened happening happens happy hard hardly hate head hear heard hello help
helpful here hey hi high hit hold home honest honestly hope hopefully hour hours house huge idea ideally ignore imagine important
impossible include instead interesting issue item job junk just keep kept kid kind kinda knew know known large last late lately later
least leave left less let letter level life light like likely line little live long longer look looked looking lose lost lot
lots love low luck lucky made main mainly major make makes making man manage manager many matter maybe mean means meant meanwhile
meet member mention mess message middle might mind mine minute minutes miss missed mistake moment monday money month months
more morning most mostly move much must name nearly need needed needs never new newer next nice night nobody none normal normally
nothing nowhere notice now number obvious obviously odd often oh ok okay old older once one ones online only onto open opposite order
ordinary other others otherwise ought out outside over own page part particular pass past pay people perfect perfectly perhaps
person phone pick piece place plain plan play please plus point pointless possible possibly pretty previous probably problem
proper properly pull push put question quick quickly quite random rather read ready real really reason recent recently red
remember remove repeat reply right room round rule run running sad safe said same saturday save saw say saying says second see
seem seemed seems seen send sense sent serious set several shall share short should show showed shown shows side silly simple
simply since single sit six size slow slowly small smaller so some somebody somehow someone something sometimes somewhere soon
sorry sort special specific spend spent stand start started state stay step still stop story strange stuck stuff stupid such
suddenly suggest sunday super suppose supposed sure surprise take taken takes taking talk team tell ten terrible than thank
thanks that thing things think third though thought three through thursday time times tiny tired today together told tomorrow
tonight too took top total totally touch tough tried trouble true truly try trying tuesday turn turned twice two type under
understand unfortunately unhappy unless unlikely until unusual upon urgent use used useful useless user usual usually very wait
walk want wanted wants warn waste watch way ways wednesday week weekend weeks weird well went whatever whenever whether while
white whole wide wife win wish within without woman wonder wonderful word words work worked working works world worry worse
worst worth wrong year years yes yesterday yet young
iphone ipad pc laptop smartphone tablet mac macbook desktop computer machine
service services app apps application project projects repo codebase website site production prod staging
complain complained complaining complains complaint complaints
`;

let stems: ReadonlySet<string> | undefined;
let spokenTerms: ReadonlySet<string> | undefined;

/**
 * Is the (tokenized) term an everyday word? Terms are compared in the tokenizer's form, so the
 * caller passes `tokenize` to keep this module free of it.
 *
 * @example isEveryday('stuck', tokenize) //=> true
 */
export function isEveryday(term: string, tokenize: (text: string) => string[]): boolean {
  stems ??= new Set(WORDS.split(/\s+/).filter(Boolean).flatMap((word) => tokenize(word)));
  return stems.has(term);
}

/**
 * Is the (tokenized) term one of the 10,000 most common words of spoken English? Beyond the words
 * above, these are how people describe what they see ("a wall of json", "garbage characters",
 * "halfway down the file"); a documentation set written in other words does not fail to cover the
 * question for them. The caller decides when such a word is a name instead (`Slack`). The terms
 * are generated from word counts of film and TV subtitles (tooling/scripts/generate-spoken-words.ts).
 *
 * @example isSpokenWord('garbag') //=> true
 */
export function isSpokenWord(term: string): boolean {
  spokenTerms ??= new Set(SPOKEN_TERMS.split(/\s+/).filter(Boolean));
  return spokenTerms.has(term);
}
