import type { PackAsideReason } from '../../protocol/pack-vocabulary.js';

/** The symbology a scan came in, from its AIM identifier when the scanner sent one. */
export interface Symbology {
  /** The ISO/IEC 15424 (AIM) identifier as sent, e.g. `]C1`; null when the scanner sent none. */
  readonly aim: string | null;
  /** A readable name, e.g. `GS1-128`, `EAN-13/UPC-A/UPC-E`, or `unknown` without an identifier. */
  readonly name: string;
}

interface ElementBase {
  /** The application identifier, e.g. `10`. */
  readonly ai: string;
  /** The GS1 data title, e.g. `BATCH/LOT`. */
  readonly title: string;
  /** The value exactly as it was in the data (after percent-decoding for Digital Link). */
  readonly raw: string;
}

/**
 * One GS1 element string (AI and value), typed by the AI's format. `unknown`: an AI of a
 * newer GS1 release than packgate's table, kept with its value unchecked beyond CSET 82.
 */
export type ElementString =
  | (ElementBase & { readonly format: 'numeric' | 'alphanumeric' | 'unknown' })
  | (ElementBase & {
      readonly format: 'date';
      /** ISO `YYYY-MM-DD`; DD = 00 resolves to the last day of the month. */
      readonly date: string;
      readonly dayOmitted: boolean;
    })
  | (ElementBase & { readonly format: 'datetime'; /** ISO `YYYY-MM-DDTHH:MM`, local to the label. */ readonly dateTime: string })
  | (ElementBase & {
      readonly format: 'measure';
      /** The raw digits with the implied decimals applied, e.g. `001250` in 3102 → 12.5. */
      readonly value: number;
      readonly decimals: number;
      readonly unit: string;
    });

/** How a GS1 scan was written. */
export type Gs1Form = 'raw' | 'bracketed' | 'digital-link';

/** What a plain GTIN was printed as (from its length, or its AIM identifier). */
export type GtinFormat = 'EAN-8' | 'UPC-E' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

/** The commands printed on cards at the bench (`parcel`: NEXT PARCEL, close this parcel and start the next). */
export type ControlCode =
  | { readonly command: 'packer-badge' | 'supervisor-badge'; readonly badge: string }
  | { readonly command: 'cancel' | 'resolve' | 'reprint' | 'parcel' }
  /** `$PG:ASIDE` opens the put-aside menu; `$PG:ASIDE:<REASON>` (a reason card) puts the order aside with that reason. */
  | { readonly command: 'aside'; readonly reason?: PackAsideReason }
  /** The dock's cards (`--mode dock`): close the batch, take a blocked parcel out. */
  | { readonly command: 'close' | 'withdraw' }
  /** A carrier's card at the dock: opens a handover batch for it. The code is lower case (`sf-express`). */
  | { readonly command: 'carrier'; readonly carrier: string };

/** A scanned order, pick task or tote label. */
export interface OrderRef {
  readonly type: 'order' | 'task' | 'tote';
  readonly id: string;
}

interface ScanBase {
  readonly symbology: Symbology;
  /** The whole scan as text, AIM identifier included, terminator removed. */
  readonly text: string;
  /** The scan's data after the AIM identifier. */
  readonly data: string;
}

/** A bare GTIN: EAN-13, UPC-A, EAN-8, UPC-E or GTIN-14 (ITF-14), check digit verified. */
export interface GtinScan extends ScanBase {
  readonly kind: 'gtin';
  /** The GTIN zero-padded to 14 digits, the form every lookup uses. */
  readonly gtin14: string;
  readonly format: GtinFormat;
  /** For UPC-E: the UPC-A it expands to. */
  readonly upcA?: string;
  /** A 2- or 5-digit EAN add-on (`]E3`), e.g. a book's price. */
  readonly addOn?: string;
}

/** GS1 element strings, from raw GS-separated data, the bracketed form or a Digital Link. */
export interface Gs1Scan extends ScanBase {
  readonly kind: 'gs1';
  readonly form: Gs1Form;
  /** Every element string in the order it appeared (Digital Link: path, then query). */
  readonly elements: readonly ElementString[];
  /** AI 01 as GTIN-14. */
  readonly gtin14?: string;
  /** AI 02: the GTIN of the trade items inside a logistic unit. */
  readonly contentGtin14?: string;
  /** AI 00. */
  readonly sscc?: string;
  /** AI 10. */
  readonly batch?: string;
  /** AI 21. */
  readonly serial?: string;
  /** AI 17 as ISO date (DD = 00 → the month's last day). */
  readonly expiry?: string;
  /** AI 15 as ISO date. */
  readonly bestBefore?: string;
  /** AI 37, or AI 30 when there is no 37. */
  readonly count?: number;
  /**
   * Raw data that starts with two digits of an AI family packgate does not know, up to the
   * next GS: an AI of a newer GS1 release whose length, and so where its value starts, the
   * table cannot tell. Kept as sent; absent when there is none.
   */
  readonly unparsed?: readonly string[];
}

/** A station control card: badge, cancel, resolve, reprint, put aside, next parcel. */
export interface ControlScan extends ScanBase {
  readonly kind: 'control';
  readonly control: ControlCode;
}

/** An order, task or tote label. */
export interface OrderScan extends ScanBase {
  readonly kind: 'order';
  readonly order: OrderRef;
}

/** Anything else that is clean text: a channel SKU, an internal code, a plain URL. */
export interface TextScan extends ScanBase {
  readonly kind: 'text';
}

/** A successfully decoded scan; switch on `kind`. */
export type DecodedScan = GtinScan | Gs1Scan | ControlScan | OrderScan | TextScan;

/** Options for {@link decodeScan}. */
export interface DecodeOptions {
  /** "Today" for the GS1 century rule on YYMMDD dates. Defaults to the clock; pass it for a pure call. */
  readonly today?: Date;
  /** Longest scan accepted, in characters (default {@link MAX_SCAN_LENGTH}). */
  readonly maxLength?: number;
}

/** Internal: a scan under construction, before it is handed out read-only. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
