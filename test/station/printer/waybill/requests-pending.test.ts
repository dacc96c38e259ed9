import { describe, expect, it } from 'vitest';
import { PendingRequests } from '../../../../station/printer/waybill/requests-pending.js';

function harness(send: (text: string) => Promise<void> = async () => undefined) {
  const sent: string[] = [];
  const pending = new PendingRequests(async (text) => {
    sent.push(text);
    await send(text);
  }, 'the Cainiao print program');
  return { sent, pending };
}

describe('PendingRequests', () => {
  it('gives each request a fresh id and resolves it with the reply carrying that id, onReply first', async () => {
    const { sent, pending } = harness();
    const seen: string[] = [];
    const first = pending.request((id) => `getPrinters ${id}`, 1000, () => seen.push('onReply'));
    const second = pending.request((id) => `getPrinters ${id}`, 1000);
    const [firstId, secondId] = sent.map((text) => text.split(' ')[1]!);
    expect(firstId).not.toBe(secondId);
    expect(pending.answer({ kind: 'printers', requestId: secondId!, printers: [] })).toBe(true);
    expect(pending.answer({ kind: 'printers', requestId: firstId!, printers: [] })).toBe(true);
    expect(seen).toEqual(['onReply']);
    await expect(first).resolves.toMatchObject({ requestId: firstId });
    await expect(second).resolves.toMatchObject({ requestId: secondId });
    expect(pending.answer({ kind: 'printers', requestId: firstId!, printers: [] })).toBe(false);
    expect(pending.answer({ kind: 'notice', cmd: 'notifyPrintResult' })).toBe(false);
  });

  it('fails with PROGRAM_TIMEOUT when no reply comes', async () => {
    const { pending } = harness();
    await expect(pending.request((id) => id, 5)).rejects.toMatchObject({ code: 'PROGRAM_TIMEOUT', message: 'the Cainiao print program did not answer in 5 ms' });
  });

  it('fails with the send error when the request cannot leave', async () => {
    const { pending } = harness(async () => {
      throw Object.assign(new Error('no connection'), { code: 'PROGRAM_UNREACHABLE' });
    });
    await expect(pending.request((id) => id, 1000)).rejects.toMatchObject({ code: 'PROGRAM_UNREACHABLE' });
  });

  it('failAll fails every waiting request with PROGRAM_IO', async () => {
    const { pending } = harness();
    const waiting = [pending.request((id) => id, 1000), pending.request((id) => id, 1000)];
    pending.failAll('connection lost (closed 1006)');
    for (const request of waiting) await expect(request).rejects.toMatchObject({ code: 'PROGRAM_IO', message: 'connection lost (closed 1006)' });
  });
});
