// package.json's contributes.languageModelTools as the catalogue defines them (scripts/lm-tools-manifest.mjs writes
// them; a unit test compares), so names, descriptions and input schemas cannot drift from what the handlers take.

import { TOOL_SPECS } from './specs';
import type { JsonSchema } from './types';

export interface LanguageModelToolContribution {
  readonly name: string;
  readonly toolReferenceName: string;
  readonly displayName: string;
  readonly userDescription: string;
  readonly modelDescription: string;
  readonly canBeReferencedInPrompt: true;
  readonly icon: string;
  readonly tags: readonly string[];
  /** Offered only while an account is signed in (the extension's context key). */
  readonly when: string;
  readonly inputSchema: JsonSchema;
}

export const SIGNED_IN_WHEN = 'axwaySupport.signedIn';

export function languageModelTools(): LanguageModelToolContribution[] {
  return TOOL_SPECS.map((spec) => ({
    name: spec.name,
    toolReferenceName: spec.referenceName,
    displayName: spec.title,
    userDescription: spec.userDescription,
    modelDescription: spec.description,
    canBeReferencedInPrompt: true,
    icon: `$(${spec.icon})`,
    tags: ['axway', 'support-cases', spec.readOnly ? 'read-only' : 'writes'],
    when: SIGNED_IN_WHEN,
    inputSchema: spec.inputSchema
  }));
}
