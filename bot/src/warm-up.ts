/**
 * The first question a process answers also reads the word lists that reading a question needs
 * (everyday words, synonyms, the Japanese glossary cut into words) and runs code not yet compiled:
 * over 1,000 atoms it took about 100 ms where the next ones took 30-50. The chat service does that
 * work on a question of its own before it listens, and before a rebuilt index replaces the one in
 * use, and `atomkit mcp` before it reads its client's first message, so no reader's question pays
 * for it. Nothing is stored or counted.
 */
import type { Retriever } from '../../tooling/src/retrieval/api.js';
import { languagePreferred } from '../../tooling/src/retrieval/preference.js';
import { composeExtractive } from './answer/extractive.js';

/** One question in each language the question reader treats apart. */
const QUESTIONS = [
  { question: 'How do I fix the error when the service does not start?', language: 'en' },
  { question: 'サービスが起動しないときのエラーを直す方法は？', language: 'ja' },
] as const;

export async function warmUp(retriever: Retriever): Promise<void> {
  try {
    for (const { question, language } of QUESTIONS) {
      // Searched as the answerer searches (in the reader's language first where atoms are in
      // several), by words only: the start neither asks a remote embeddings endpoint nor waits for it.
      const hits = await languagePreferred(retriever, question, language, { k: 8, minScore: 0, mode: 'lexical' });
      if (hits.length > 0) composeExtractive(question, hits, { language, minScore: 0, atomUnits: retriever.unitsOf(hits[0]!.atomId) });
    }
  } catch {
    // Only time is at stake here: an index a search cannot read says so to the first reader's
    // question, with the status and message the service gives it, and to the health check.
  }
}
