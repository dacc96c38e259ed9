import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';

/** One document's end as the simulated program reports it. */
export interface DocumentEnd {
  readonly documentId: string;
  readonly status: 'success' | 'failed';
  readonly msg: string;
  /** Kuaishou's documents carry their waybill. */
  readonly waybillCode?: string;
}

export interface NotifyInput {
  readonly requestId: string;
  readonly taskId: string;
  readonly printer: string;
  readonly taskStatus: 'rendered' | 'printed' | 'failed' | 'partPrinted';
  readonly documents: readonly DocumentEnd[];
}

/**
 * How each platform's program speaks, written from the program's side (the station's reading of
 * it is station/printer/waybill/; the two are kept apart so a test catches either side's
 * mistake). docs/printing.md cites the sources.
 */
export interface SimDialect {
  readonly platform: WaybillPlatform;
  readonly name: string;
  /** The port the real program listens on. */
  readonly port: number;
  /** The WebSocket path it serves; any path when absent. */
  readonly path?: string;
  /** Whether it sends a `rendered` notification before the printed one. */
  readonly sendsRendered: boolean;
  /** The `taskStatus` of a task where some documents printed and some failed. */
  readonly partialStatus: 'failed' | 'partPrinted';
  notification(input: NotifyInput): Record<string, unknown>;
}

function cainiaoLike(cmd: string, input: NotifyInput, withRequestId: boolean): Record<string, unknown> {
  return {
    cmd,
    ...(withRequestId && { requestID: input.requestId }),
    printer: input.printer,
    taskID: input.taskId,
    taskStatus: input.taskStatus,
    printStatus: input.documents.map((doc) => ({ documentID: doc.documentId, status: doc.status, msg: doc.msg, detail: doc.msg, printer: input.printer })),
  };
}

export const SIM_DIALECTS: Readonly<Record<WaybillPlatform, SimDialect>> = {
  cainiao: {
    platform: 'cainiao',
    name: 'Cainiao',
    port: 13528,
    sendsRendered: true,
    partialStatus: 'failed',
    notification: (input) => cainiaoLike('notifyPrintResult', input, true),
  },
  pdd: {
    platform: 'pdd',
    name: 'Pinduoduo',
    port: 5000,
    sendsRendered: false,
    partialStatus: 'failed',
    notification: (input) => cainiaoLike('PrintResultNotify', input, true),
  },
  douyin: {
    platform: 'douyin',
    name: 'Douyin',
    port: 13888,
    sendsRendered: true,
    partialStatus: 'failed',
    notification: (input) => ({
      cmd: 'notifyPrintResult',
      printer: input.printer,
      taskID: input.taskId,
      taskStatus: input.taskStatus,
      printStatus: input.documents.map((doc) => ({
        documentID: doc.documentId,
        successCount: doc.status === 'success' ? 1 : 0,
        failCount: doc.status === 'failed' ? 1 : 0,
        status: doc.status,
        msg: doc.msg,
        detail: doc.msg,
      })),
    }),
  },
  kuaishou: {
    platform: 'kuaishou',
    name: 'Kuaishou',
    port: 16888,
    path: '/ks/printer',
    sendsRendered: false,
    partialStatus: 'partPrinted',
    notification: (input) => ({
      cmd: 'notifyPrintResult',
      requestID: input.requestId,
      status: input.taskStatus === 'failed' ? 'failed' : 'success',
      msg: input.documents.find((doc) => doc.status === 'failed')?.msg ?? '',
      taskID: input.taskId,
      taskStatus: input.taskStatus,
      printStatus: input.documents.map((doc) => ({ documentID: doc.documentId, waybillCode: doc.waybillCode ?? doc.documentId, status: doc.status, detail: null })),
    }),
  },
};
