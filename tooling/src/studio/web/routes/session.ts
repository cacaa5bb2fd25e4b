/** `GET /api/session`: what the client builds its forms from: the atom schema, each type's scaffold, the knowledge base's titles and tags. */
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { atomSchema, ATOM_TYPES } from '../../../atom/schema.js';
import { renderAtom, templateSections } from '../../draft.js';
import { gitUserName, today } from '../../new.js';
import { splitAtom } from '../atom-text.js';
import type { StudioContext } from '../app.js';

export const sessionRoutes: FastifyPluginAsync<StudioContext> = async (app, context) => {
  const { config } = context;
  // A new atom of each type starts with the sections the type requires, with their prompts.
  const scaffolds = Object.fromEntries(
    ATOM_TYPES.map((type) => [type, splitAtom(renderAtom({ header: { title: 'x' } as never, sections: templateSections(type), ...(type === 'faq' ? { lead: 'Q: A question a reader would ask?\nA: The short answer.' } : {}) })).body]),
  );
  // Asking git costs a process per page load; the name is read once per studio run.
  const author = context.author ?? gitUserName(config.root);
  app.get('/api/session', async () => ({
    project: path.basename(config.root),
    atomsDir: path.relative(config.root, config.atoms.dirAbs).split(path.sep).join('/'),
    interviewsDir: path.relative(config.root, config.atoms.interviewsAbs).split(path.sep).join('/'),
    schema: atomSchema,
    scaffolds,
    author,
    today: context.today ?? today(),
    llm: Boolean(config.bot.llm.baseUrl),
    ...context.linter.vocabulary(),
  }));
};
