import { packageFile } from '../../tooling/src/package/files.js';

/** The prebuilt widget script the chat service serves at `/widget/atom-chat.js`; it ships in the package. */
export const WIDGET_FILE = packageFile('dist', 'browser', 'widget', 'atom-chat.js');
