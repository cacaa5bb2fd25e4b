/** `atomkit import <folder>`: turn existing Markdown docs into draft atoms. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineImport: DefineCommand = (program, io, setExitCode) => {
  program
    .command('import')
    .description('turn a folder of .md/.mdx/.markdown docs (Markdown, MDX, Starlight, Docusaurus, VitePress, MkDocs, Hugo, Jekyll, MyST, GitBook) into draft atoms (nothing is overwritten)')
    .argument('<folder>', 'the docs folder')
    .option('--out <dir>', 'folder to write drafts to (default: the atoms folder)')
    .option('--dry-run', 'report what would be written without writing')
    .option('--json', 'print the report as JSON')
    .option('--max-depth <n>', 'deepest folder nesting to read', (value: string) => Number.parseInt(value, 10))
    .option('--dialect <name>', 'the docs tool the folder is written for: markdown, starlight, docusaurus, vitepress, mkdocs, hugo, jekyll, myst, gitbook (default: detected)')
    .option('--report <file>', 'write a review report, least certain drafts first (.json for JSON, else Markdown)')
    .option('--status <status>', 'status of the drafts: draft, or review to index and publish them for review', 'draft')
    .action(async (folder: string, options: { out?: string; dryRun?: boolean; json?: boolean; maxDepth?: number; dialect?: string; report?: string; status?: string }, command) => {
      const [{ runImport }, { runStudioCommand }] = await Promise.all([import('../../studio/import/run.js'), import('../../studio/errors.js')]);
      setExitCode(await runStudioCommand(io, () => runImport({ folder, ...options }, configFor(command), io)));
    });
};
