import type { ProgramDialect } from './dialects.js';
import type { DocumentOutcome, PrinterEntry, ProgramMessage, RejectReason } from './messages.js';

/**
 * The largest message read from a program. A print result or a printer list is well under a
 * kilobyte; previews (which packgate never asks for) are what grows.
 */
export const MAX_PROGRAM_MESSAGE_BYTES = 64 * 1024;

const MAX_DETAIL = 200;
const MAX_ID = 128;

class BadField extends Error {}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The program's words for people: control characters out, at most MAX_DETAIL characters. */
export function cleanDetail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (text.length === 0) return undefined;
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function id(message: Json, name: string, where = name): string {
  const value = message[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID) throw new BadField(where);
  return value;
}

function optionalId(message: Json, name: string): string | undefined {
  return message[name] === undefined || message[name] === null ? undefined : id(message, name);
}

/** `requestID` as the programs send it: a string, though some echo numbers (`"requestID": 0`). */
function requestId(message: Json): string | undefined {
  const value = message.requestID;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return optionalId(message, 'requestID');
}

function array(message: Json, name: string): unknown[] {
  const value = message[name];
  if (!Array.isArray(value)) throw new BadField(name);
  return value;
}

function words(entry: Json): string | undefined {
  return cleanDetail(entry.detail) ?? cleanDetail(entry.msg);
}

/** One document of a print-result notification (`printStatus[i]`), judged with its task's status. */
function notifiedDocument(taskStatus: string, entry: unknown, where: string, taskWords: string | undefined): DocumentOutcome {
  if (!isObject(entry)) throw new BadField(where);
  const documentId = id(entry, 'documentID', `${where}.documentID`);
  // Kuaishou gives its documents no words (`detail: null`), only the task's `msg`.
  const detail = words(entry) ?? (entry.status === 'success' ? undefined : taskWords);
  const outcome = (status: DocumentOutcome['status']): DocumentOutcome => ({ documentId, status, ...(detail && { detail }) });
  switch (entry.status) {
    case 'failed':
    case 'canceled':
      return outcome('failed');
    case 'success':
      // A document that succeeded in a failed task proves nothing either way.
      if (taskStatus === 'printed' || taskStatus === 'partPrinted') return outcome('printed');
      if (taskStatus === 'rendered') return outcome('rendered');
      throw new BadField(`${where}.status`);
    default:
      throw new BadField(`${where}.status`);
  }
}

/** `notifyPrintResult` (`PrintResultNotify` at Pinduoduo). */
function printResult(message: Json): ProgramMessage {
  const taskId = id(message, 'taskID');
  // Trimmed: one public wrapper types Kuaishou's value as "failed " with a space.
  const taskStatus = typeof message.taskStatus === 'string' ? message.taskStatus.trim() : '';
  if (!['rendered', 'printed', 'failed', 'partPrinted'].includes(taskStatus)) throw new BadField('taskStatus');
  const taskWords = cleanDetail(message.msg);
  const documents = array(message, 'printStatus').map((entry, i) => notifiedDocument(taskStatus, entry, `printStatus[${i}]`, taskWords));
  return { kind: 'print-result', requestId: requestId(message), taskId, documents };
}

/** Cainiao's newer per-document notification: `code` 0 is success, anything else failure. */
function documentResult(message: Json): ProgramMessage {
  const taskId = id(message, 'taskId');
  const documentId = id(message, 'documentId');
  if (typeof message.code !== 'number') throw new BadField('code');
  const detail = cleanDetail(message.detail);
  let status: DocumentOutcome['status'];
  if (message.code !== 0 || message.status === 'failed') status = 'failed';
  else if (message.status === 'printed') status = 'printed';
  else if (message.status === 'rendered') status = 'rendered';
  else throw new BadField('status');
  return { kind: 'print-result', requestId: requestId(message), taskId, documents: [{ documentId, status, ...(detail && { detail }) }] };
}

/** A document in a `getTaskStatus` answer: success, failed and canceled are final; anything else is under way. */
function taskDocument(entry: unknown, where: string): DocumentOutcome {
  if (!isObject(entry)) throw new BadField(where);
  const documentId = id(entry, 'documentID', `${where}.documentID`);
  if (typeof entry.status !== 'string') throw new BadField(`${where}.status`);
  const status = entry.status === 'success' ? 'printed' : entry.status === 'failed' || entry.status === 'canceled' ? 'failed' : 'pending';
  const detail = words(entry) ?? (status === 'pending' ? cleanDetail(entry.status) : undefined);
  return { documentId, status, ...(detail && { detail }) };
}

function taskStatus(message: Json, request: string): ProgramMessage {
  // A program that knows none of the tasks asked about may leave the list out.
  const list = message.printStatus === undefined || message.printStatus === null ? [] : array(message, 'printStatus');
  const tasks = list.map((entry, i) => {
    if (!isObject(entry)) throw new BadField(`printStatus[${i}]`);
    const documents = array(entry, 'detailStatus').map((doc, j) => taskDocument(doc, `printStatus[${i}].detailStatus[${j}]`));
    return { taskId: id(entry, 'taskID', `printStatus[${i}].taskID`), documents };
  });
  return { kind: 'task-status', requestId: request, tasks };
}

function printers(message: Json, request: string): ProgramMessage {
  const list: PrinterEntry[] = array(message, 'printers').map((entry, i) => {
    if (typeof entry === 'string') return { name: entry, enabled: true };
    if (!isObject(entry) || typeof entry.name !== 'string') throw new BadField(`printers[${i}]`);
    return { name: entry.name, enabled: entry.status !== 'disable' && entry.status !== 'disabled' };
  });
  const defaultPrinter = typeof message.defaultPrinter === 'string' && message.defaultPrinter.length > 0 ? message.defaultPrinter : undefined;
  return { kind: 'printers', requestId: request, printers: list, ...(defaultPrinter && { defaultPrinter }) };
}

/** A reply to a request packgate sends; `status: "failed"` is the program refusing it. */
function reply(cmd: string, message: Json): ProgramMessage {
  const request = requestId(message);
  if (request === undefined) throw new BadField('requestID');
  if (message.status === 'failed') {
    return { kind: 'error', requestId: request, cmd, detail: cleanDetail(message.msg) ?? 'refused without a reason' };
  }
  if (message.status !== undefined && message.status !== 'success') throw new BadField('status');
  switch (cmd) {
    case 'getPrinters':
      return printers(message, request);
    case 'getPrinterConfig': {
      const printer = isObject(message.printer) && typeof message.printer.name === 'string' ? message.printer.name : undefined;
      return { kind: 'printer-config', requestId: request, ...(printer !== undefined && { printer }) };
    }
    case 'print':
      return { kind: 'print-accepted', requestId: request, taskId: optionalId(message, 'taskID') };
    default:
      return taskStatus(message, request);
  }
}

const REPLIES = new Set(['getPrinters', 'getPrinterConfig', 'print', 'getTaskStatus']);

function unknown(reason: RejectReason, detail: string, cmd?: string): ProgramMessage {
  return { kind: 'unknown', reason, detail, ...(cmd !== undefined && { cmd: cmd.slice(0, 64) }) };
}

/**
 * Reads one WebSocket text message from a platform's print program. Never throws: what cannot
 * be read is `{kind: 'unknown', reason}`, and its detail names the field, never the content.
 */
export function parseProgramMessage(dialect: ProgramDialect, text: string): ProgramMessage {
  if (Buffer.byteLength(text, 'utf8') > MAX_PROGRAM_MESSAGE_BYTES) return unknown('TOO_LARGE', `over ${MAX_PROGRAM_MESSAGE_BYTES} bytes`);
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return unknown('NOT_JSON', 'not JSON');
  }
  if (!isObject(message) || typeof message.cmd !== 'string') return unknown('NO_CMD', 'not an object with a cmd');
  const cmd = message.cmd;
  try {
    if (cmd === dialect.resultCmd) return printResult(message);
    if (cmd === dialect.documentResultCmd) return documentResult(message);
    if (dialect.noticeCmds.includes(cmd)) return { kind: 'notice', cmd };
    if (REPLIES.has(cmd)) return reply(cmd, message);
  } catch (err) {
    if (err instanceof BadField) return unknown('BAD_FIELD', `bad ${err.message}`, cmd);
    throw err;
  }
  return unknown('UNKNOWN_CMD', 'unknown cmd', cmd);
}
