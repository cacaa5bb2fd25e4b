/**
 * Credentials in text readers pasted (an npm token in a 401 log, a database URL with its password),
 * masked before that text is written where it will be committed. What counts as a credential is
 * secretlint's recommended rules: they name what they find by its shape and issuer, and so rarely
 * mask anything else.
 */
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

/** What stands where a credential was. */
export const MASK = '<credential removed>';

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

/**
 * The text with every credential secretlint finds replaced by MASK, and how many there were.
 *
 * @example await withoutCredentials('npm error 401 token npm_abcdefghijklmnopqrstuvwxyz0123456789') //=> { text: 'npm error 401 token <credential removed>', masked: 1 }
 */
export async function withoutCredentials(text: string): Promise<{ text: string; masked: number }> {
  const result = await lintSource({ source: { filePath: 'question.txt', content: text, ext: '.txt', contentType: 'text' }, options: { config } });
  // Overlapping finds (two rules on one token) are one credential.
  const merged: [number, number][] = [];
  for (const [start, end] of result.messages.map((message) => message.range).sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  // From the end, so that each range still points into the text as found.
  let out = text;
  for (const [start, end] of merged.reverse()) out = out.slice(0, start) + MASK + out.slice(end);
  const masked = merged.length;
  return { text: out, masked };
}
