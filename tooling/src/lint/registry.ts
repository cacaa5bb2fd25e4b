/** Every lint rule, keyed by code. Adding a rule is one file and one line here. */
import bodyFaqFormat from './rules/body-faq-format.js';
import bodyRequiredSection from './rules/body-required-section.js';
import bodyStepsNumbered from './rules/body-steps-numbered.js';
import configTemplateInvalidCodeBlock from './rules/config-template-invalid-code-block.js';
import contentTemplatePrompt from './rules/content-template-prompt.js';
import fileBom from './rules/file-bom.js';
import fileEncoding from './rules/file-encoding.js';
import fileLineEndings from './rules/file-line-endings.js';
import fileTooDeep from './rules/file-too-deep.js';
import fileTooLarge from './rules/file-too-large.js';
import fileUnreadable from './rules/file-unreadable.js';
import frontmatterDuplicateKey from './rules/frontmatter-duplicate-key.js';
import frontmatterMissing from './rules/frontmatter-missing.js';
import frontmatterSchema from './rules/frontmatter-schema.js';
import frontmatterUnterminated from './rules/frontmatter-unterminated.js';
import frontmatterYamlSyntax from './rules/frontmatter-yaml-syntax.js';
import linkUnresolved from './rules/link-unresolved.js';
import markdown from './rules/markdown.js';
import relatedUnresolved from './rules/related-unresolved.js';
import sizeTooLong from './rules/size-too-long.js';
import sizeTooShort from './rules/size-too-short.js';
import slugDuplicate from './rules/slug-duplicate.js';
import titleDuplicate from './rules/title-duplicate.js';
import translationSameLanguage from './rules/translation-same-language.js';
import translationSourceMissing from './rules/translation-source-missing.js';
import translationStale from './rules/translation-stale.js';
import { INTERVIEW_RULE_METAS } from './interview-rules.js';
import type { Rule, RuleMeta } from './types.js';
import { isCorpusRule } from './types.js';

export const RULES: readonly Rule[] = [
  bodyFaqFormat,
  bodyRequiredSection,
  bodyStepsNumbered,
  configTemplateInvalidCodeBlock,
  contentTemplatePrompt,
  fileBom,
  fileEncoding,
  fileLineEndings,
  fileTooDeep,
  fileTooLarge,
  fileUnreadable,
  frontmatterDuplicateKey,
  frontmatterMissing,
  frontmatterSchema,
  frontmatterUnterminated,
  frontmatterYamlSyntax,
  linkUnresolved,
  markdown,
  relatedUnresolved,
  sizeTooLong,
  sizeTooShort,
  slugDuplicate,
  titleDuplicate,
  translationSameLanguage,
  translationSourceMissing,
  translationStale,
];

/** Every rule code (the Markdown style family expanded), with its meta. */
export const RULE_METAS: ReadonlyMap<string, RuleMeta> = new Map(
  [...RULES.flatMap((rule) => (!isCorpusRule(rule) && rule.codes ? rule.codes : [rule.meta])), ...INTERVIEW_RULE_METAS].map((meta) => [meta.code, meta]),
);

/** Every rule code, sorted. */
export const RULE_CODES: readonly string[] = [...RULE_METAS.keys()].sort();
