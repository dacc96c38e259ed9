/**
 * Every reason a scan can be refused, as stable string codes. Screens, logs and tests
 * match the code; the message is for people and may change.
 */
export const ScanRejection = {
  /** Nothing but whitespace (or a bare terminator) was scanned. */
  Empty: 'EMPTY',
  /** Longer than the decoder's bound (default 1024 characters). */
  TooLong: 'TOO_LONG',
  /** Bytes that are not valid UTF-8, or text with a lone surrogate or U+FFFD from a lossy decode upstream. */
  NotUtf8: 'NOT_UTF8',
  /** A C0/C1 control character or DEL, or a GS where no GS1 element string is allowed. */
  ControlCharacter: 'CONTROL_CHARACTER',
  /** Starts with `]` but is not `]` + letter + modifier (ISO/IEC 15424). */
  BadSymbologyId: 'BAD_SYMBOLOGY_ID',
  /** `^` inside GS1 data: a scanner or printer sent its FNC1 placeholder instead of GS. */
  CaretInData: 'CARET_IN_DATA',
  /** `(` or `)` inside raw GS1 data: the human-readable text was sent, not the encoded data. */
  ParenthesesInRaw: 'PARENTHESES_IN_RAW',
  /** The element string's structure is broken: no element at all, unbalanced brackets, no AI. */
  MalformedElementString: 'MALFORMED_ELEMENT_STRING',
  /** A URL that is meant as a GS1 Digital Link but cannot be parsed as one. */
  MalformedDigitalLink: 'MALFORMED_DIGITAL_LINK',
  /**
   * An AI that is neither in the table nor well formed as one of a newer GS1 release, or a
   * GS1 scan made of nothing but AIs packgate does not know (docs/barcodes.md).
   */
  UnknownAi: 'UNKNOWN_AI',
  /** A value shorter or longer than its AI or symbology allows. */
  BadLength: 'BAD_LENGTH',
  /** Non-digits where only digits are allowed. */
  NotNumeric: 'NOT_NUMERIC',
  /** A character outside the AI's character set (GS1 CSET 82 for alphanumeric AIs). */
  BadCharacter: 'BAD_CHARACTER',
  /** A date or date-time that does not exist (month 13, 30 February, hour 24…). */
  BadDate: 'BAD_DATE',
  /**
   * A value its AI's GS1 linter refuses: not in the code list (ISO 3166 country, ISO 4217
   * currency, package type), out of range (latitude, piece of total), a malformed coupon…
   */
  BadValue: 'BAD_VALUE',
  /** A wrong check digit (GS1 mod 10: GTIN, SSCC, GLN…), check character pair (GMN) or IBAN check. Never corrected. */
  BadCheckDigit: 'BAD_CHECK_DIGIT',
  /** 8 digits under `]E0` whose number system is not 0 or 1, so not a UPC-E. */
  BadUpcE: 'BAD_UPC_E',
  /** The same AI twice with different values. */
  DuplicateAi: 'DUPLICATE_AI',
  /** An AI that needs another one that is absent, e.g. a lot (10) without a GTIN (01/02). */
  RequiredAiMissing: 'REQUIRED_AI_MISSING',
  /** Two AIs that must not appear together, e.g. 01 with 02. */
  InvalidAiCombination: 'INVALID_AI_COMBINATION',
  /** The control prefix with a command this station does not know. */
  UnknownControlCode: 'UNKNOWN_CONTROL_CODE',
  /** A known control command with a missing, extra or badly formed argument. */
  BadControlCode: 'BAD_CONTROL_CODE',
} as const;

/** One of the {@link ScanRejection} codes. */
export type ScanRejectionCode = (typeof ScanRejection)[keyof typeof ScanRejection];

/** Every rejection code, for membership checks (fuzz tests, metrics labels). */
export const SCAN_REJECTION_CODES: ReadonlySet<ScanRejectionCode> = new Set(Object.values(ScanRejection));

/** A refused scan: a stable code, a readable message, and the AI concerned when there is one. */
export interface Rejection {
  readonly ok: false;
  readonly code: ScanRejectionCode;
  readonly message: string;
  readonly ai?: string;
}

/** Builds a rejection; `ai` names the application identifier at fault, when there is one. */
export function reject(code: ScanRejectionCode, message: string, ai?: string): Rejection {
  return ai === undefined ? { ok: false, code, message } : { ok: false, code, message, ai };
}
