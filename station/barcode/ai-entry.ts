/**
 * The shape of one row of the generated AI table (station/barcode/ai-table.ts), as the GS1
 * Barcode Syntax Dictionary describes an AI or a range of AIs.
 */

/** A component's character set: N digits, X GS1 CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type Cset = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's value, applied in order, each consuming a prefix of the value. */
export interface AiPart {
  readonly cset: Cset;
  readonly min: number;
  readonly max: number;
  /** `[…]` in the dictionary: may be left out once the value is exhausted. */
  readonly optional?: true;
  /** The dictionary's linters for the component, by name (see linters.ts). */
  readonly linters?: readonly string[];
}

/** One dictionary line: an AI, or a range of AIs sharing the line. */
export interface AiEntry {
  /** The AI, or the first of the range. */
  readonly ai: string;
  /** The last AI of a range such as 3100–3105. */
  readonly last?: string;
  /** The GS1 data title; empty where the dictionary gives none (8110, 8112). */
  readonly title: string;
  /** The value needs an FNC1 (GS) after it when another AI follows (no `*` flag). */
  readonly fnc1: boolean;
  /** `?` flag: the AI may be a GS1 Digital Link query attribute. */
  readonly dlAttribute: boolean;
  readonly parts: readonly AiPart[];
  /**
   * `req=` attributes. Every rule must hold; a rule holds when one of its alternatives is
   * present in full; an alternative is AIs or patterns such as `31nn` (`n` any digit).
   */
  readonly requires?: readonly (readonly (readonly string[])[])[];
  /** `ex=`: AIs or patterns that must not appear with this AI (never matching itself). */
  readonly excludes?: readonly string[];
  /** `dlpkey`: a Digital Link primary key, with its alternative ordered qualifier sequences. */
  readonly dlKey?: readonly (readonly string[])[];
}
