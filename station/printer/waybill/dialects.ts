import type { WaybillPlatform } from '../../../protocol/waybill-vocabulary.js';

/**
 * How one platform's print program (打印组件) differs from Cainiao's protocol, which the others
 * follow: the same `{cmd, requestID, version}` envelope, `getPrinters`, `print` with
 * `task.taskID` and `documents[].documentID`, `getTaskStatus`. docs/printing.md cites where each
 * difference was read.
 */
export interface ProgramDialect {
  readonly platform: WaybillPlatform;
  /** For people: status details, logs. */
  readonly name: string;
  /** Where the program listens on the packing PC. */
  readonly defaultUrl: string;
  /** The `cmd` of its print-result notification. */
  readonly resultCmd: string;
  /** Cainiao's newer component (version > 1.0.0) also reports each document alone. */
  readonly documentResultCmd?: string;
  /** Notifications that say nothing about whether a document printed (task accepted, queued…). */
  readonly noticeCmds: readonly string[];
  /** Fields a document carries besides `documentID` and `contents`. */
  readonly documentFields?: (waybill: string) => Readonly<Record<string, unknown>>;
}

export const DIALECTS: Readonly<Record<WaybillPlatform, ProgramDialect>> = {
  cainiao: {
    platform: 'cainiao',
    name: 'Cainiao',
    defaultUrl: 'ws://127.0.0.1:13528',
    resultCmd: 'notifyPrintResult',
    documentResultCmd: 'notifyDocResult',
    noticeCmds: ['notifyTaskResult'],
  },
  pdd: {
    platform: 'pdd',
    name: 'Pinduoduo',
    defaultUrl: 'ws://127.0.0.1:5000',
    // PDD's component names its notification differently; the body is Cainiao's without "rendered".
    resultCmd: 'PrintResultNotify',
    noticeCmds: [],
  },
  douyin: {
    platform: 'douyin',
    name: 'Douyin',
    defaultUrl: 'ws://127.0.0.1:13888',
    resultCmd: 'notifyPrintResult',
    noticeCmds: [],
  },
  kuaishou: {
    platform: 'kuaishou',
    name: 'Kuaishou',
    defaultUrl: 'ws://127.0.0.1:16888/ks/printer',
    resultCmd: 'notifyPrintResult',
    noticeCmds: [],
    // Kuaishou's documents name their waybill, and say whether the order is a Kuaishou order:
    // packgate drives the Kuaishou program only for Kuaishou orders' waybills.
    documentFields: (waybill) => ({ waybillCode: waybill, ksOrderFlag: true }),
  },
};

/** The dialect of a platform. */
export function dialectOf(platform: WaybillPlatform): ProgramDialect {
  return DIALECTS[platform];
}
