import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintEvent } from '../../../station/printer/events.js';
import { FileTransport } from '../../../station/printer/file.js';
import { PrintQueue } from '../../../station/printer/queue.js';
import { createPrinterTransport, parsePrinterSpec } from '../../../station/printer/spec.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { sampleLabel } from './fixtures.js';
import { EventLog, about } from './event-log.js';
import { devicePrinterSpec } from '../../helpers/printer-spec.js';

describe('FileTransport', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('packgate-printer-');
  });
  afterEach(() => dir.remove());

  it('appends each job to the file and answers no queries', async () => {
    const path = join(dir.path, 'labels.zpl');
    const transport = await createPrinterTransport(devicePrinterSpec(`file:${path}`));
    expect(transport).toBeInstanceOf(FileTransport);
    expect(transport.answersQueries).toBe(false);
    await transport.send(Buffer.from('^XA^FDone^FS^XZ\n'), 1000);
    await transport.send(Buffer.from('^XA^FDtwo^FS^XZ\n'), 1000);
    expect(readFileSync(path, 'utf8')).toBe('^XA^FDone^FS^XZ\n^XA^FDtwo^FS^XZ\n');
    await expect(transport.query(Buffer.from('~HS'), () => 0, 100)).rejects.toMatchObject({ code: 'PRINTER_NO_QUERIES' });
    await transport.close();
    await expect(transport.send(Buffer.from('x'), 100)).rejects.toMatchObject({ code: 'PRINTER_UNREACHABLE' });
  });

  it('reports a file it cannot open as unreachable: nothing was written', async () => {
    const transport = new FileTransport(join(dir.path, 'missing', 'labels.zpl'));
    await expect(transport.send(Buffer.from('x'), 100)).rejects.toMatchObject({ code: 'PRINTER_UNREACHABLE' });
  });

  it('under the queue: a written job is printed; an unwritable file keeps the job queued', async () => {
    const path = join(dir.path, 'labels.zpl');
    const events = new EventLog();
    const queue = new PrintQueue({ transport: new FileTransport(path), onEvent: events.add, pollMs: 20, idlePollMs: 0 });
    queue.start();
    const job = queue.print('TB1', sampleLabel());
    expect(job.id).toBe('TB1#1');
    await events.next(about('printed', 'TB1#1'));
    expect(readFileSync(path, 'utf8')).toBe(queue.jobs()[0]!.zpl);
    expect(queue.status().device).toMatchObject({ kind: 'file', state: 'ok' });
    await queue.close();

    const blocked = new EventLog();
    const stuck = new PrintQueue({ transport: new FileTransport(join(dir.path, 'no-dir', 'x.zpl')), onEvent: blocked.add, pollMs: 20, idlePollMs: 0 });
    stuck.start();
    stuck.print('TB2', sampleLabel());
    const failed = await blocked.next<Extract<PrintEvent, { type: 'failed' }>>((event) => event.type === 'failed');
    expect(failed).toMatchObject({ outcome: 'not-sent', code: 'PRINTER_UNREACHABLE' });
    expect(stuck.jobs()[0]).toMatchObject({ id: 'TB2#1', state: 'queued', attempts: 1 });
    expect(stuck.status().device.state).toBe('fault');
    await stuck.close();
  });

  it('sends nothing when the listener cannot take the sending event (it could not persist it)', async () => {
    const path = join(dir.path, 'labels.zpl');
    let refusals = 0;
    const events = new EventLog();
    const queue = new PrintQueue({
      transport: new FileTransport(path),
      pollMs: 20,
      idlePollMs: 0,
      onEvent: (event) => {
        if (event.type === 'sending' && refusals++ === 0) throw new Error('disk full');
        events.add(event);
      },
    });
    queue.start();
    queue.print('TB3', sampleLabel());
    // The first attempt is refused before any byte is written; the next poll sends it once.
    await events.next(about('printed', 'TB3#1'));
    expect(refusals).toBe(2);
    expect(queue.jobs()[0]).toMatchObject({ state: 'printed', attempts: 1 });
    expect(readFileSync(path, 'utf8')).toBe(queue.jobs()[0]!.zpl);
    await queue.close();
  });
});
