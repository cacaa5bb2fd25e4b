/** `--format sarif`: SARIF 2.1.0 for code scanning, one run, rules with their help URIs. */
import type { Reporter } from './types.js';

export const sarif: Reporter = (diagnostics, options = {}) => {
  const codes = [...new Set([...(options.rules?.keys() ?? []), ...diagnostics.map((d) => d.code)])].sort();
  const index = new Map(codes.map((code, i) => [code, i]));
  const rules = codes.map((code) => {
    const known = options.rules?.get(code);
    const docsUrl = known?.docsUrl ?? diagnostics.find((d) => d.code === code)?.docsUrl;
    return {
      id: code,
      shortDescription: { text: known?.description ?? code },
      ...(docsUrl ? { helpUri: docsUrl } : {}),
    };
  });
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: index.get(d.code),
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: d.file },
          region: {
            startLine: d.start.line,
            startColumn: d.start.column,
            ...(d.end ? { endLine: d.end.line, endColumn: d.end.column } : {}),
          },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'atomkit', informationUri: 'https://github.com/atomkit/atomkit', rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
