/**
 * The FAQ pairs of published atoms, kept between loads and builds by the atom's text, so an atom
 * that did not change is loaded without parsing its body: its FAQ is all the store takes from the
 * body when the atoms load (the checks that stop a build read headers), as Astro's content layer
 * skips the entries of a `docs` collection that did not change. Only atoms that were parsed in full
 * and published are kept, so a text the parser would refuse is always parsed again; the code that
 * parses them is part of the file's fingerprint.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Atom } from '../../tooling/src/atom/load.js';
import { codeHash } from '../../tooling/src/package/code-hash.js';
import { atomFaq } from '../../tooling/src/site/faq.js';
import { ATOM_MARKDOWN_CODE } from '../../tooling/src/site/markdown-plugins.js';
import type { FaqText } from '../../tooling/src/site/page-data.js';

interface CacheFile {
  readonly fingerprint: string;
  readonly faq: Record<string, FaqText[]>;
}

export class AtomFaqCache {
  #known = new Map<string, FaqText[]>();
  #used = new Map<string, FaqText[]>();
  #changed = false;

  /** @param file Where the pairs are kept; none, only for the life of the store. */
  constructor(readonly file: string | undefined) {
    if (!file) return;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (stored.fingerprint === fingerprint() && typeof stored.faq === 'object' && stored.faq !== null) {
        for (const [key, pairs] of Object.entries(stored.faq)) if (isFaq(pairs)) this.#known.set(key, pairs);
      }
    } catch {
      // No file yet, or one another version wrote: every body is parsed, and the file rewritten.
    }
  }

  /** Whether an atom with this text (as parsed: no BOM, LF line endings) needs its body parsed. */
  readonly needsBody = (text: string): boolean => !this.#known.has(key(text));

  /** The FAQ of a published atom: kept from an earlier load, or read from its parsed body. */
  faq(atom: Atom): FaqText[] {
    const id = key(atom.text);
    let pairs = this.#known.get(id);
    if (!pairs) {
      pairs = atomFaq(atom).map(({ question, answer }) => ({ question, answer }));
      this.#changed = true;
    }
    this.#used.set(id, pairs);
    return pairs;
  }

  /** Keeps the pairs of this load's atoms only, and writes them when they changed. */
  save(): void {
    const dropped = [...this.#known.keys()].some((id) => !this.#used.has(id));
    this.#known = this.#used;
    this.#used = new Map();
    if (!this.file || !(this.#changed || dropped)) return;
    this.#changed = false;
    const body: CacheFile = { fingerprint: fingerprint(), faq: Object.fromEntries(this.#known) };
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(temp, JSON.stringify(body));
      renameSync(temp, this.file);
    } catch {
      // Not kept, the next load parses every body again; the body cache beside it says why.
    }
  }
}

function key(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

function fingerprint(): string {
  return codeHash(ATOM_MARKDOWN_CODE);
}

function isFaq(value: unknown): value is FaqText[] {
  return Array.isArray(value) && value.every((pair: unknown) => typeof (pair as FaqText | null)?.question === 'string' && typeof (pair as FaqText).answer === 'string');
}
