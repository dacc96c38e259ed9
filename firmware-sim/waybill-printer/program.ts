import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import { SIM_DIALECTS, type DocumentEnd, type SimDialect } from './dialects.js';

/** A document the simulated program printed. */
export interface PrintedDocument {
  /** 1, 2, 3 … in print order. */
  readonly number: number;
  readonly platform: WaybillPlatform;
  readonly taskId: string;
  readonly documentId: string;
  /** Kuaishou's `waybillCode`, else the document id. */
  readonly waybill: string;
  readonly printer: string;
  /** The document's `contents` as received: the platform's encrypted payload, for tests to compare. */
  readonly contents: readonly unknown[];
}

/**
 * What the program did with a print task, told as it happens (synchronously), for tests and the
 * bench to time: the request accepted (the reply is on its way), a result notification sent.
 */
export type TaskActivity =
  | { readonly type: 'accepted'; readonly taskId: string; readonly documentIds: readonly string[] }
  | { readonly type: 'notified'; readonly taskId: string; readonly taskStatus: 'rendered' | 'printed' | 'failed' | 'partPrinted' };

/** One connection of a client, as the program answers it. */
export interface ProgramConnection {
  readonly open: boolean;
  send(text: string): void;
}

/** What a person does to the program or its printer. */
export interface ProgramConditions {
  /** Printing paused: tasks wait, unprinted, and their results with them. */
  readonly paused: boolean;
  /** The printer is out of paper: documents fail, as the program reports it. */
  readonly paperOut: boolean;
}

export interface PrintProgramOptions {
  readonly platform: WaybillPlatform;
  /** Printer names (default one, `Simulated Printer 模拟打印机`). */
  readonly printers?: readonly string[];
  /** Default: the first printer. */
  readonly defaultPrinter?: string;
}

interface Task {
  readonly connection: ProgramConnection;
  readonly requestId: string;
  readonly taskId: string;
  readonly printer: string;
  readonly documents: readonly { readonly documentId: string; readonly waybill: string; readonly contents: readonly unknown[] }[];
  readonly notifyRender: boolean;
  readonly notifyPrint: boolean;
}

type DocState = 'printing' | 'success' | 'failed';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A platform's print program without its socket: answers `getPrinters`, `getPrinterConfig`,
 * `print` and `getTaskStatus`, prints (keeps) documents, and reports results on the connection
 * a task came from — lost if that connection is gone, as with the real programs. Controls:
 * pause, paper out, a failed render or a dropped result for the next task, a delay.
 */
export class PrintProgram {
  readonly dialect: SimDialect;
  readonly printed: PrintedDocument[] = [];
  readonly printers: readonly string[];
  readonly defaultPrinter: string;
  /** Messages it could not read. */
  malformed = 0;
  #conditions: ProgramConditions = { paused: false, paperOut: false };
  #delayMs = 0;
  #failRenders = 0;
  #dropResults = 0;
  readonly #tasks = new Map<string, Map<string, { state: DocState; msg: string }>>();
  readonly #held: Task[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #listeners = new Set<(doc: PrintedDocument) => void>();
  readonly #activity = new Set<(activity: TaskActivity) => void>();

  constructor(options: PrintProgramOptions) {
    this.dialect = SIM_DIALECTS[options.platform];
    this.printers = options.printers && options.printers.length > 0 ? options.printers : ['Simulated Printer 模拟打印机'];
    this.defaultPrinter = options.defaultPrinter ?? this.printers[0]!;
  }

  get conditions(): ProgramConditions {
    return this.#conditions;
  }

  /** Tasks waiting while paused or delayed. */
  get waiting(): number {
    return this.#held.length + this.#timers.size;
  }

  get delayMs(): number {
    return this.#delayMs;
  }

  /** One-shot faults armed for the next tasks. */
  get armed(): { readonly failRenders: number; readonly dropResults: number } {
    return { failRenders: this.#failRenders, dropResults: this.#dropResults };
  }

  onPrinted(listener: (doc: PrintedDocument) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls `listener` as each print task is accepted and each of its result notifications is sent. */
  onTask(listener: (activity: TaskActivity) => void): () => void {
    this.#activity.add(listener);
    return () => this.#activity.delete(listener);
  }

  /** Pause or resume printing, refill or run out of paper; resuming prints what waited. */
  setConditions(change: Partial<ProgramConditions>): void {
    this.#conditions = { ...this.#conditions, ...change };
    if (this.#conditions.paused) return;
    for (const task of this.#held.splice(0)) this.#run(task);
  }

  /** Results (and printing) of later tasks wait this long. */
  setDelay(ms: number): void {
    this.#delayMs = ms;
  }

  /** The next task's documents fail to render. */
  failNextRender(): void {
    this.#failRenders += 1;
  }

  /** The next task prints, but its final result is never sent. */
  dropNextResult(): void {
    this.#dropResults += 1;
  }

  /** A restart: tasks, waiting work and unsent results are forgotten; printed documents stay printed. */
  forget(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#held.length = 0;
    this.#tasks.clear();
  }

  /** Takes one text message from a connection. */
  receive(connection: ProgramConnection, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.malformed += 1;
      return;
    }
    if (!isObject(message) || typeof message.cmd !== 'string') {
      this.malformed += 1;
      return;
    }
    const requestId = typeof message.requestID === 'string' || typeof message.requestID === 'number' ? message.requestID : '';
    const reply = (body: Json) => connection.send(JSON.stringify({ cmd: message.cmd, requestID: requestId, ...body }));
    const refuse = (msg: string) => reply({ status: 'failed', msg });
    switch (message.cmd) {
      case 'getPrinters':
        reply({ status: 'success', msg: '', defaultPrinter: this.defaultPrinter, printers: this.printers.map((name) => ({ name, status: 'enable' })) });
        return;
      case 'getPrinterConfig': {
        const name = typeof message.printer === 'string' && message.printer !== '' ? message.printer : this.defaultPrinter;
        if (!this.printers.includes(name)) return refuse('无效的打印机 invalid printer');
        reply({ status: 'success', msg: '', printer: { name, needTopLogo: false, needBottomLogo: false, horizontalOffset: 0, verticalOffset: 0 } });
        return;
      }
      case 'getTaskStatus': {
        const ids = Array.isArray(message.taskID) ? message.taskID.filter((id): id is string => typeof id === 'string') : [];
        const printStatus = ids.flatMap((taskId) => {
          const docs = this.#tasks.get(taskId);
          if (!docs) return [];
          const detailStatus = [...docs].map(([documentID, doc]) => ({ documentID, status: doc.state, msg: doc.msg, printer: this.defaultPrinter }));
          return [{ taskID: taskId, detailStatus }];
        });
        reply({ status: 'success', msg: '', printStatus });
        return;
      }
      case 'print': {
        const task = this.#readTask(connection, String(requestId), message.task);
        if (typeof task === 'string') return refuse(task);
        reply({ taskID: task.taskId, status: 'success', msg: '' });
        this.#tell({ type: 'accepted', taskId: task.taskId, documentIds: task.documents.map((doc) => doc.documentId) });
        this.#tasks.set(task.taskId, new Map(task.documents.map((doc) => [doc.documentId, { state: 'printing' as DocState, msg: '' }])));
        if (this.#delayMs <= 0) return this.#run(task);
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#run(task);
        }, this.#delayMs);
        this.#timers.add(timer);
        return;
      }
      default:
        refuse('unknown cmd');
    }
  }

  /** A print request's task, or why it is refused. */
  #readTask(connection: ProgramConnection, requestId: string, task: unknown): Task | string {
    if (!isObject(task) || typeof task.taskID !== 'string' || task.taskID === '') return '参数错误: task.taskID';
    if (task.preview === true) return 'preview is not simulated';
    const printer = typeof task.printer === 'string' && task.printer !== '' ? task.printer : this.defaultPrinter;
    if (!this.printers.includes(printer)) return '无效的打印机 invalid printer';
    if (!Array.isArray(task.documents) || task.documents.length === 0) return '参数错误: task.documents';
    const documents = [];
    for (const doc of task.documents) {
      if (!isObject(doc) || typeof doc.documentID !== 'string' || doc.documentID === '' || !Array.isArray(doc.contents) || doc.contents.length === 0) {
        return '参数错误: documents';
      }
      const waybill = typeof doc.waybillCode === 'string' ? doc.waybillCode : doc.documentID;
      documents.push({ documentId: doc.documentID, waybill, contents: doc.contents as unknown[] });
    }
    // Cainiao's notifyType: ["render"], ["print"] or both (the default).
    const notifyType = Array.isArray(task.notifyType) ? task.notifyType : ['render', 'print'];
    return { connection, requestId, taskId: task.taskID, printer, documents, notifyRender: notifyType.includes('render'), notifyPrint: notifyType.includes('print') };
  }

  #run(task: Task): void {
    if (this.#conditions.paused) {
      this.#held.push(task);
      return;
    }
    const docs = this.#tasks.get(task.taskId);
    // Forgotten by a restart while it waited.
    if (!docs) return;
    const failRender = this.#failRenders > 0;
    if (failRender) this.#failRenders -= 1;
    const ends: DocumentEnd[] = [];
    for (const doc of task.documents) {
      const msg = failRender ? '模板渲染失败 render failed' : this.#conditions.paperOut ? '打印机缺纸 paper out' : 'success';
      ends.push({ documentId: doc.documentId, status: msg === 'success' ? 'success' : 'failed', msg, waybillCode: doc.waybill });
    }
    const rendered = ends.filter((end) => end.status === 'success');
    if (rendered.length > 0 && this.dialect.sendsRendered && task.notifyRender) {
      this.#notify(task, 'rendered', rendered);
    }
    for (const [i, doc] of task.documents.entries()) {
      const end = ends[i]!;
      docs.set(doc.documentId, { state: end.status, msg: end.msg });
      if (end.status === 'success') this.#print(task, doc);
    }
    const failed = ends.length - rendered.length;
    const taskStatus = failed === 0 ? 'printed' : rendered.length === 0 ? 'failed' : this.dialect.partialStatus;
    if (this.#dropResults > 0) {
      this.#dropResults -= 1;
      return;
    }
    if (task.notifyPrint || taskStatus === 'failed') this.#notify(task, taskStatus, ends);
  }

  #print(task: Task, doc: Task['documents'][number]): void {
    const printed: PrintedDocument = {
      number: this.printed.length + 1,
      platform: this.dialect.platform,
      taskId: task.taskId,
      documentId: doc.documentId,
      waybill: doc.waybill,
      printer: task.printer,
      contents: doc.contents,
    };
    this.printed.push(printed);
    for (const listener of this.#listeners) listener(printed);
  }

  #notify(task: Task, taskStatus: 'rendered' | 'printed' | 'failed' | 'partPrinted', documents: readonly DocumentEnd[]): void {
    if (!task.connection.open) return;
    task.connection.send(JSON.stringify(this.dialect.notification({ requestId: task.requestId, taskId: task.taskId, printer: task.printer, taskStatus, documents })));
    this.#tell({ type: 'notified', taskId: task.taskId, taskStatus });
  }

  #tell(activity: TaskActivity): void {
    for (const listener of this.#activity) listener(activity);
  }
}
