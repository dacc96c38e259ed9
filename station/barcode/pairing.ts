import { aiSpec } from './ai.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString } from './types.js';

/** `pattern` is an AI or a pattern such as `31nn` (`n`: any digit) of the same length. */
function matches(pattern: string, ai: string): boolean {
  if (pattern.length !== ai.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern.charAt(i);
    if (p !== 'n' && p !== ai.charAt(i)) return false;
  }
  return true;
}

/** The AI present, other than `self`, that `pattern` names (an AI never excludes or satisfies itself). */
function present(ais: readonly string[], pattern: string, self: string): string | undefined {
  return ais.find((ai) => ai !== self && matches(pattern, ai));
}

function describe(rule: readonly (readonly string[])[]): string {
  return rule.map((group) => group.map((ai) => `(${ai})`).join(' with ')).join(' or ');
}

/**
 * GS1 Barcode Syntax Dictionary `ex=`, then `req=`, over the AIs of one scan, as the GS1
 * Syntax Engine applies them; and its rule that a digital signature (8030) needs the
 * serial component of a GDTI (253), GCN (255) or GRAI (8003). AIs the table does not know
 * have no rules of their own but are matched by patterns (`ex=333n` excludes (3338)).
 */
export function checkPairing(elements: readonly ElementString[]): Rejection | undefined {
  const ais = [...new Set(elements.map((element) => element.ai))];
  const specs = ais.map((ai) => aiSpec(ai));
  for (const spec of specs) {
    for (const pattern of spec?.entry?.excludes ?? []) {
      const other = spec && present(ais, pattern, spec.ai);
      if (spec && other !== undefined) {
        return reject(ScanRejection.InvalidAiCombination, `(${spec.ai}) and (${other}) must not appear together`, spec.ai);
      }
    }
  }
  for (const spec of specs) {
    for (const rule of spec?.entry?.requires ?? []) {
      if (!spec) continue;
      if (!rule.some((group) => group.every((pattern) => present(ais, pattern, spec.ai) !== undefined))) {
        return reject(ScanRejection.RequiredAiMissing, `(${spec.ai}) needs ${describe(rule)} in the same scan`, spec.ai);
      }
    }
  }
  if (ais.includes('8030')) {
    for (const element of elements) {
      const spec = aiSpec(element.ai);
      if ((element.ai === '253' || element.ai === '255' || element.ai === '8003') && spec && element.raw.length === spec.minLength) {
        return reject(ScanRejection.InvalidAiCombination, `a digital signature (8030) needs (${element.ai}) with its serial component`, element.ai);
      }
    }
  }
  return undefined;
}
