/**
 * How the site names atom types: plural for index pages, singular for badges, a badge colour and
 * one line on what the type is for (from the atom format in DESIGN.md).
 */
import type { AtomType } from '../../../tooling/src/atom/schema.js';

export interface TypeLabel {
  readonly singular: string;
  readonly plural: string;
  readonly badge: 'note' | 'danger' | 'success' | 'caution' | 'tip' | 'default';
  readonly about: string;
}

export const TYPE_LABELS: Readonly<Record<AtomType, TypeLabel>> = {
  error: { singular: 'Error', plural: 'Errors', badge: 'danger', about: 'What an error message means, its usual causes, and how to resolve it.' },
  procedure: { singular: 'Procedure', plural: 'Procedures', badge: 'success', about: 'Prerequisites and numbered steps for a task, and how to verify it worked.' },
  playbook: { singular: 'Playbook', plural: 'Playbooks', badge: 'caution', about: 'What to do when something happens: trigger, action plan, escalation.' },
  'interface-input': { singular: 'Interface input', plural: 'Interface inputs', badge: 'note', about: 'One input of a system: accepted values and formats, with an example.' },
  troubleshooting: { singular: 'Troubleshooting', plural: 'Troubleshooting', badge: 'tip', about: 'From a symptom, through checks, to a fix.' },
  'config-template': { singular: 'Config template', plural: 'Config templates', badge: 'default', about: 'A configuration to start from, when to use it, and what its parameters mean.' },
  pitfall: { singular: 'Pitfall', plural: 'Pitfalls', badge: 'caution', about: 'What not to do, why, and what to do instead.' },
  faq: { singular: 'FAQ', plural: 'FAQs', badge: 'note', about: 'Questions people ask, with short answers.' },
};
