/**
 * A title or heading led by a rule code in capitals and digits and a separator: `MD013 - Line
 * length`, `TS2307: Cannot find module`, `SC2086 – Double quote`. The importer reads the code as the
 * error code of a rule page; search reads the words after it as the page's name.
 *
 * @example RULE_CODE_LEAD.exec('MD013 - Line length')?.[1] //=> 'MD013'
 * @example 'MD009 - Trailing spaces'.replace(RULE_CODE_LEAD, '') //=> 'Trailing spaces'
 */
export const RULE_CODE_LEAD = /^`?([A-Z][A-Z0-9]{0,7}\d{3,5})`?\s*[-–—:/]\s*(?=\S)/;
