// Vitest global setup: tests run the `atomkit` CLI as users do, from the compiled package, so
// dist/ is built from the sources under test first.
import { buildPackage } from '../scripts/build-package.js';

export default async function setup(): Promise<void> {
  await buildPackage();
}
