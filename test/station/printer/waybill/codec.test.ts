import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../station/printer/waybill/dialects.js';
import { MAX_PROGRAM_MESSAGE_BYTES, parseProgramMessage } from '../../../../station/printer/waybill/parse.js';
import { getPrinterConfigRequest, getPrintersRequest, getTaskStatusRequest, printRequest } from '../../../../station/printer/waybill/requests.js';

const { cainiao, pdd, douyin, kuaishou } = DIALECTS;
const encrypted = { encryptedData: 'AES:rU904rj6UH2o', signature: 'MD:8Ru2Q==', templateURL: 'https://cloudprint.cainiao.com/template/standard/101/1', ver: 'waybill_print_secret_version_1' };
const custom = { data: { note: '易碎' }, templateURL: 'https://cloudprint.cainiao.com/template/customArea/1' };
const doc = { taskId: 'TB123#1.1', documentId: 'SF1001', waybill: 'SF1001', contents: [encrypted, custom] };

describe('print program requests', () => {
  it('builds the Cainiao envelope and queries', () => {
    expect(getPrintersRequest('r1')).toBe('{"cmd":"getPrinters","requestID":"r1","version":"1.0"}');
    expect(getPrinterConfigRequest('r2', '菜鸟打印机')).toBe('{"cmd":"getPrinterConfig","requestID":"r2","version":"1.0","printer":"菜鸟打印机"}');
    expect(getTaskStatusRequest('r3', ['TB123#1.1'])).toBe('{"cmd":"getTaskStatus","requestID":"r3","version":"1.0","taskID":["TB123#1.1"]}');
  });

  it('prints one document per task, passing the print data as it came', () => {
    expect(JSON.parse(printRequest(cainiao, 'r4', { ...doc, printer: 'ZT410' }))).toEqual({
      cmd: 'print',
      requestID: 'r4',
      version: '1.0',
      task: { taskID: 'TB123#1.1', preview: false, printer: 'ZT410', documents: [{ documentID: 'SF1001', contents: [encrypted, custom] }] },
    });
    // PDD's userid and ver travel inside contents, untouched.
    const pddContents = [{ encryptedData: 'x', signature: 'y', templateUrl: 'https://file-link.pinduoduo.com/t', userid: '9527', ver: '1' }];
    expect(printRequest(pdd, 'r5', { ...doc, contents: pddContents })).toBe(
      '{"cmd":"print","requestID":"r5","version":"1.0","task":{"taskID":"TB123#1.1","preview":false,"printer":"","documents":[{"documentID":"SF1001","contents":[{"encryptedData":"x","signature":"y","templateUrl":"https://file-link.pinduoduo.com/t","userid":"9527","ver":"1"}]}]}}',
    );
  });

  it('adds Kuaishou’s waybillCode and ksOrderFlag to the document', () => {
    const task = JSON.parse(printRequest(kuaishou, 'r6', doc)).task;
    expect(task.documents[0]).toEqual({ documentID: 'SF1001', waybillCode: 'SF1001', ksOrderFlag: true, contents: [encrypted, custom] });
    expect(JSON.parse(printRequest(douyin, 'r7', doc)).task.documents[0]).toEqual({ documentID: 'SF1001', contents: [encrypted, custom] });
  });
});

describe('print program messages', () => {
  it('reads getPrinters, with object or string entries, and numeric request ids', () => {
    expect(
      parseProgramMessage(
        cainiao,
        '{"cmd":"getPrinters","requestID":0,"status":"success","msg":"no error","defaultPrinter":"GP-L80180 Series","printers":[{"name":"Fax","status":"enable","type":"RAW"},{"name":"GP-L80180 Series","status":"disable"}],"errorCode":0}',
      ),
    ).toEqual({
      kind: 'printers',
      requestId: '0',
      defaultPrinter: 'GP-L80180 Series',
      printers: [
        { name: 'Fax', enabled: true },
        { name: 'GP-L80180 Series', enabled: false },
      ],
    });
    expect(parseProgramMessage(pdd, '{"cmd":"getPrinters","requestID":"r1","printers":["XX 快递打印机"]}')).toEqual({
      kind: 'printers',
      requestId: 'r1',
      printers: [{ name: 'XX 快递打印机', enabled: true }],
    });
  });

  it('reads the reply to print as accepted, and a failed reply as the program refusing', () => {
    expect(parseProgramMessage(cainiao, '{"cmd":"print","requestID":"r4","taskID":"TB123#1.1","status":"success","msg":""}')).toEqual({
      kind: 'print-accepted',
      requestId: 'r4',
      taskId: 'TB123#1.1',
    });
    expect(parseProgramMessage(cainiao, '{"cmd":"print","requestID":"r4"}')).toEqual({ kind: 'print-accepted', requestId: 'r4', taskId: undefined });
    expect(parseProgramMessage(kuaishou, '{"cmd":"print","requestID":"r4","status":"failed","msg":"无效的打印机"}')).toEqual({
      kind: 'error',
      requestId: 'r4',
      cmd: 'print',
      detail: '无效的打印机',
    });
  });

  it('reads Cainiao’s notifyPrintResult: rendered, printed, failed', () => {
    const notify = (taskStatus: string, status: string, detail = '') =>
      JSON.stringify({
        cmd: 'notifyPrintResult',
        requestID: 'r4',
        printer: 'ZT410',
        taskID: 'TB123#1.1',
        taskStatus,
        printStatus: [{ documentID: 'SF1001', status, msg: status, detail, printer: 'ZT410' }],
      });
    expect(parseProgramMessage(cainiao, notify('rendered', 'success'))).toEqual({
      kind: 'print-result',
      requestId: 'r4',
      taskId: 'TB123#1.1',
      documents: [{ documentId: 'SF1001', status: 'rendered', detail: 'success' }],
    });
    expect(parseProgramMessage(cainiao, notify('printed', 'success'))).toMatchObject({ documents: [{ documentId: 'SF1001', status: 'printed' }] });
    expect(parseProgramMessage(cainiao, notify('failed', 'failed', '打印机缺纸 paper out'))).toMatchObject({
      documents: [{ documentId: 'SF1001', status: 'failed', detail: '打印机缺纸 paper out' }],
    });
    expect(parseProgramMessage(cainiao, notify('printed', 'canceled'))).toMatchObject({ documents: [{ status: 'failed' }] });
  });

  it('never reads "printed" out of a contradictory or unknown status', () => {
    const bad = (taskStatus: string, status: string) =>
      parseProgramMessage(cainiao, JSON.stringify({ cmd: 'notifyPrintResult', taskID: 'T', taskStatus, printStatus: [{ documentID: 'D', status }] }));
    expect(bad('failed', 'success')).toEqual({ kind: 'unknown', reason: 'BAD_FIELD', cmd: 'notifyPrintResult', detail: 'bad printStatus[0].status' });
    expect(bad('printed', 'done')).toMatchObject({ kind: 'unknown', reason: 'BAD_FIELD' });
    expect(bad('spooled', 'success')).toMatchObject({ kind: 'unknown', reason: 'BAD_FIELD', detail: 'bad taskStatus' });
    expect(parseProgramMessage(cainiao, '{"cmd":"notifyPrintResult","taskID":"T","taskStatus":"printed"}')).toMatchObject({ reason: 'BAD_FIELD', detail: 'bad printStatus' });
  });

  it('reads Pinduoduo’s PrintResultNotify, and not Cainiao’s name for it', () => {
    const message = '{"cmd":"PrintResultNotify","printer":"P","taskID":"T1","taskStatus":"printed","printStatus":[{"documentID":"D1","status":"success","msg":"","detail":""}]}';
    expect(parseProgramMessage(pdd, message)).toEqual({ kind: 'print-result', requestId: undefined, taskId: 'T1', documents: [{ documentId: 'D1', status: 'printed' }] });
    expect(parseProgramMessage(cainiao, message)).toEqual({ kind: 'unknown', reason: 'UNKNOWN_CMD', cmd: 'PrintResultNotify', detail: 'unknown cmd' });
  });

  it('reads Douyin’s and Kuaishou’s notifications with their extra fields', () => {
    expect(
      parseProgramMessage(
        douyin,
        '{"cmd":"notifyPrintResult","printer":"P","taskID":"T1","taskStatus":"printed","printStatus":[{"documentID":"D1","successCount":1,"failCount":0,"status":"success","msg":"","detail":""}]}',
      ),
    ).toMatchObject({ taskId: 'T1', documents: [{ documentId: 'D1', status: 'printed' }] });
    expect(
      parseProgramMessage(
        kuaishou,
        '{"cmd":"notifyPrintResult","requestID":"r","status":"success","msg":"","taskID":"T1","taskStatus":"partPrinted","printStatus":[{"documentID":"D1","waybillCode":"KS1","status":"success","detail":null},{"documentID":"D2","waybillCode":"KS2","status":"failed","detail":null}]}',
      ),
    ).toEqual({
      kind: 'print-result',
      requestId: 'r',
      taskId: 'T1',
      documents: [
        { documentId: 'D1', status: 'printed' },
        { documentId: 'D2', status: 'failed' },
      ],
    });
  });

  it('gives a Kuaishou document without words of its own the task’s msg', () => {
    expect(
      parseProgramMessage(
        kuaishou,
        '{"cmd":"notifyPrintResult","requestID":"r","status":"failed","msg":"打印机缺纸","taskID":"T1","taskStatus":"failed","printStatus":[{"documentID":"D1","waybillCode":"KS1","status":"failed","detail":null}]}',
      ),
    ).toMatchObject({ documents: [{ documentId: 'D1', status: 'failed', detail: '打印机缺纸' }] });
  });

  it('reads Cainiao’s newer per-document notification, code 0 being success', () => {
    const doc = (status: string, code: number) => JSON.stringify({ cmd: 'notifyDocResult', requestID: 'r', status, printer: 'P', taskId: 'T1', documentId: 'D1', code, detail: '' });
    expect(parseProgramMessage(cainiao, doc('printed', 0))).toMatchObject({ kind: 'print-result', taskId: 'T1', documents: [{ documentId: 'D1', status: 'printed' }] });
    expect(parseProgramMessage(cainiao, doc('printed', 3))).toMatchObject({ documents: [{ status: 'failed' }] });
    expect(parseProgramMessage(cainiao, doc('rendered', 0))).toMatchObject({ documents: [{ status: 'rendered' }] });
    expect(parseProgramMessage(cainiao, '{"cmd":"notifyTaskResult","requestID":"r","status":"initial","taskId":"T1"}')).toEqual({ kind: 'notice', cmd: 'notifyTaskResult' });
    expect(parseProgramMessage(pdd, doc('printed', 0))).toMatchObject({ kind: 'unknown', reason: 'UNKNOWN_CMD' });
  });

  it('reads getTaskStatus: success is printed, failed or canceled is failed, anything else under way', () => {
    expect(
      parseProgramMessage(
        pdd,
        '{"cmd":"getTaskStatus","requestID":"r9","printStatus":[{"taskID":"T1","detailStatus":[{"documentID":"D1","status":"success","msg":"","printer":"P"}]},{"taskID":"T2","detailStatus":[{"documentID":"D2","status":"canceled","msg":"用户取消"}]},{"taskID":"T3","detailStatus":[{"documentID":"D3","status":"printing"}]}]}',
      ),
    ).toEqual({
      kind: 'task-status',
      requestId: 'r9',
      tasks: [
        { taskId: 'T1', documents: [{ documentId: 'D1', status: 'printed' }] },
        { taskId: 'T2', documents: [{ documentId: 'D2', status: 'failed', detail: '用户取消' }] },
        { taskId: 'T3', documents: [{ documentId: 'D3', status: 'pending', detail: 'printing' }] },
      ],
    });
    expect(parseProgramMessage(cainiao, '{"cmd":"getTaskStatus","requestID":"r9","printStatus":[]}')).toEqual({ kind: 'task-status', requestId: 'r9', tasks: [] });
    expect(parseProgramMessage(cainiao, '{"cmd":"getTaskStatus","requestID":"r9"}')).toEqual({ kind: 'task-status', requestId: 'r9', tasks: [] });
  });

  it('gives every unreadable message a stable reason and no content', () => {
    const secret = 'AES:rU904rj6UH2oqfSUb43';
    expect(parseProgramMessage(cainiao, `{"cmd":"notifyPrintResult","taskID":"T","taskStatus":"printed","printStatus":[{"documentID":{"x":"${secret}"},"status":"success"}]}`)).toEqual({
      kind: 'unknown',
      reason: 'BAD_FIELD',
      cmd: 'notifyPrintResult',
      detail: 'bad printStatus[0].documentID',
    });
    expect(parseProgramMessage(cainiao, `not json ${secret}`)).toEqual({ kind: 'unknown', reason: 'NOT_JSON', detail: 'not JSON' });
    expect(parseProgramMessage(cainiao, '[1,2]')).toMatchObject({ reason: 'NO_CMD' });
    expect(parseProgramMessage(cainiao, '{"cmd":42}')).toMatchObject({ reason: 'NO_CMD' });
    expect(parseProgramMessage(cainiao, '{"cmd":"print","status":"success"}')).toMatchObject({ reason: 'BAD_FIELD', detail: 'bad requestID' });
    expect(parseProgramMessage(cainiao, '{"cmd":"print","requestID":"r","status":"maybe"}')).toMatchObject({ reason: 'BAD_FIELD', detail: 'bad status' });
    expect(parseProgramMessage(cainiao, '{"cmd":"setGlobalConfig","requestID":"r"}')).toMatchObject({ reason: 'UNKNOWN_CMD', cmd: 'setGlobalConfig' });
    const huge = JSON.stringify({ cmd: 'getPrinters', requestID: 'r', printers: [], pad: 'x'.repeat(MAX_PROGRAM_MESSAGE_BYTES) });
    expect(parseProgramMessage(cainiao, huge)).toEqual({ kind: 'unknown', reason: 'TOO_LARGE', detail: `over ${MAX_PROGRAM_MESSAGE_BYTES} bytes` });
  });

  it('bounds the program’s words and strips control characters', () => {
    const long = JSON.stringify({ cmd: 'print', requestID: 'r', status: 'failed', msg: `a\u0000b\n${'字'.repeat(300)}` });
    const message = parseProgramMessage(cainiao, long);
    expect(message.kind === 'error' && message.detail.startsWith('a b 字')).toBe(true);
    expect(message.kind === 'error' && message.detail.length).toBe(200);
  });
});
