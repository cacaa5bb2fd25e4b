import type { APIRoute } from 'astro';
import site from 'virtual:atomkit/site';
import { atomEntries } from '../lib/atoms.js';
import { llmsFull } from '../lib/llms.js';

export const prerender = true;

export const GET: APIRoute = () => {
  const entries = atomEntries();
  const text = llmsFull(site, entries.map((entry) => ({ title: entry.data.title, atom: entry.data.atom, body: entry.body ?? '' })));
  return new Response(text, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
};
