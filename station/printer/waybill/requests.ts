import type { ProgramDialect } from './dialects.js';

/** Every program documents protocol version "1.0" in the request envelope. */
export const PROTOCOL_VERSION = '1.0';

/** One document to print: one parcel's waybill. */
export interface PrintDocument {
  /** The program's task id: packgate's job id and attempt (`TB123#1.1`). */
  readonly taskId: string;
  readonly documentId: string;
  readonly waybill: string;
  /** The platform's print data, passed as it is: never read, decrypted or logged. */
  readonly contents: readonly Readonly<Record<string, unknown>>[];
  /** The printer's name as Windows knows it; empty: the program's default printer. */
  readonly printer?: string;
}

function envelope(cmd: string, requestId: string): { cmd: string; requestID: string; version: string } {
  return { cmd, requestID: requestId, version: PROTOCOL_VERSION };
}

export function getPrintersRequest(requestId: string): string {
  return JSON.stringify(envelope('getPrinters', requestId));
}

export function getPrinterConfigRequest(requestId: string, printer: string): string {
  return JSON.stringify({ ...envelope('getPrinterConfig', requestId), printer });
}

/** `getTaskStatus` for the given program task ids. */
export function getTaskStatusRequest(requestId: string, taskIds: readonly string[]): string {
  return JSON.stringify({ ...envelope('getTaskStatus', requestId), taskID: taskIds });
}

/**
 * A `print` of one document in one task: the programs' advice is one document per task, so a
 * task's result is that document's (Cainiao: "建议 1 个 task 使用一个 document，可以有效避免重打问题").
 */
export function printRequest(dialect: ProgramDialect, requestId: string, doc: PrintDocument): string {
  const document = { documentID: doc.documentId, ...dialect.documentFields?.(doc.waybill), contents: doc.contents };
  return JSON.stringify({
    ...envelope('print', requestId),
    task: { taskID: doc.taskId, preview: false, printer: doc.printer ?? '', documents: [document] },
  });
}
