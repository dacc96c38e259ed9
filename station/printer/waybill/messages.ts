/**
 * What a print program said, the same for every platform. Parsing is `parse.ts`; requests are
 * `requests.ts`. A message that cannot be read is `unknown`, with a stable reason, and is never
 * taken as any job's result.
 */

/**
 * Where one document is, as the program reports it. Only `printed` is proof that it came out;
 * `failed` is proof that it did not (the program gave it up); `rendered` and `pending` prove
 * neither.
 */
export type DocumentStatus = 'rendered' | 'printed' | 'failed' | 'pending';

export interface DocumentOutcome {
  readonly documentId: string;
  readonly status: DocumentStatus;
  /** The program's words (`msg`, `detail`), bounded; never print data. */
  readonly detail?: string;
}

export interface PrinterEntry {
  readonly name: string;
  /** False when the program lists it as `disable`. */
  readonly enabled: boolean;
}

/** Why a message from a program was not used. */
export type RejectReason =
  /** Over MAX_PROGRAM_MESSAGE_BYTES. */
  | 'TOO_LARGE'
  /** A binary frame: the programs speak JSON text. */
  | 'BINARY'
  | 'NOT_JSON'
  /** JSON, but not an object with a string `cmd`. */
  | 'NO_CMD'
  /** A `cmd` this platform's program is not known to send. */
  | 'UNKNOWN_CMD'
  /** A known `cmd` with a field missing, of the wrong type or with an unknown value. */
  | 'BAD_FIELD'
  /** A result for a task packgate sent, naming no document of it. */
  | 'UNKNOWN_DOCUMENT'
  /** A result for a task packgate is not waiting on (an earlier attempt, or not ours). */
  | 'STALE_RESULT';

export type ProgramMessage =
  | { readonly kind: 'printers'; readonly requestId: string; readonly defaultPrinter?: string; readonly printers: readonly PrinterEntry[] }
  | { readonly kind: 'printer-config'; readonly requestId: string; readonly printer?: string }
  /** The program took the print request; this says nothing about printing. */
  | { readonly kind: 'print-accepted'; readonly requestId: string; readonly taskId?: string }
  /** A print-result notification: one task's documents. */
  | { readonly kind: 'print-result'; readonly requestId?: string; readonly taskId: string; readonly documents: readonly DocumentOutcome[] }
  /** The answer to `getTaskStatus`: the tasks the program knows, of those asked about. */
  | {
      readonly kind: 'task-status';
      readonly requestId: string;
      readonly tasks: readonly { readonly taskId: string; readonly documents: readonly DocumentOutcome[] }[];
    }
  /** A notification that proves nothing about printing. */
  | { readonly kind: 'notice'; readonly cmd: string }
  /** The program refused a request (`status: "failed"`). */
  | { readonly kind: 'error'; readonly requestId?: string; readonly cmd: string; readonly detail: string }
  | { readonly kind: 'unknown'; readonly reason: RejectReason; readonly cmd?: string; readonly detail: string };
