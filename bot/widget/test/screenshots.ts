/**
 * Regenerates bot/widget/screenshots (light, dark, phone) from the fixture atoms:
 * `npx tsx bot/widget/test/screenshots.ts`. The README shows the light one.
 */
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.js';
import { takeScreenshots } from './flows.js';
import { prepareProject, startStack } from './stack.js';

const project = await prepareProject(fileURLToPath(new URL('./fixtures/atoms/', import.meta.url)));
const stack = await startStack(project);
const browser = await launchChromium();
try {
  const files = await takeScreenshots(
    browser,
    { baseUrl: `${stack.url}/`, startPage: 'error/signature-mismatch-on-webhook-delivery/' },
    'How do I rotate the webhook signing key?',
    fileURLToPath(new URL('../screenshots/', import.meta.url)),
  );
  console.log(files.join('\n'));
} finally {
  await browser.close();
  await stack.close();
  project.remove();
}
