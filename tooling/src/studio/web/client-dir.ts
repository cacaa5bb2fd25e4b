/**
 * Where the package keeps the studio's browser client, which the package build bundles there
 * (build.ts). A module of its own: the bundler is a build tool, not installed with atomkit, and
 * `atomkit studio` and `atomkit start` only need to know where the bundle is.
 */
import { packageFile } from '../../package/files.js';

export function studioClientDir(): string {
  return packageFile('dist', 'browser', 'studio');
}
