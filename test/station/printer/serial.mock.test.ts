import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { MockPortBinding } from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterFirmware } from '../../../firmware-sim/printer/firmware.js';
import { PrintQueue } from '../../../station/printer/queue.js';
import { SerialTransport, type SerialBinding } from '../../../station/printer/serial.js';
import { EventLog, about } from './event-log.js';
import { sampleLabel } from './fixtures.js';

// binding-mock's ESM build keeps a separate port table; the CommonJS one is used, as in firmware-sim/scanner/mock-link.ts.
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as typeof import('@serialport/binding-mock', {
  with: { 'resolution-mode': 'require' },
});

/** A serialport binding whose one mock port is wired to a simulated printer's firmware. */
function printerPort(path: string, firmware: PrinterFirmware): SerialBinding {
  MockBinding.createPort(path, { echo: false, record: true });
  return {
    list: () => MockBinding.list(),
    open: async (options) => {
      const port: MockPortBinding = await MockBinding.open(options);
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        for (const reply of firmware.feed(buffer).replies) port.emitData(reply);
      };
      return port;
    },
  };
}

describe('SerialTransport (serialport mock binding)', () => {
  let queue: PrintQueue | undefined;
  let transport: SerialTransport | undefined;

  afterEach(async () => {
    await queue?.close();
    await transport?.close();
    queue = transport = undefined;
  });

  it('asks ~HS and prints a label through the queue', async () => {
    const firmware = new PrinterFirmware();
    const path = `/dev/mock-printer-${randomUUID()}`;
    transport = new SerialTransport({ path, baudRate: 9600, binding: printerPort(path, firmware) });
    expect(transport.target).toBe(`${path}@9600`);
    const events = new EventLog();
    queue = new PrintQueue({ transport, onEvent: events.add, pollMs: 20, idlePollMs: 0, statusTimeoutMs: 1000, settleMs: 100 });
    queue.start();
    queue.print('TB700', sampleLabel());
    await events.next(about('printed', 'TB700#1'));
    expect(firmware.printed.map((label) => label.jobId)).toEqual(['TB700#1']);
    expect(queue.status().device).toMatchObject({ kind: 'serial', state: 'ok' });
  });

  it('a missing port is unreachable: nothing was sent', async () => {
    transport = new SerialTransport({ path: `/dev/mock-missing-${randomUUID()}`, baudRate: 9600, binding: MockBinding });
    await expect(transport.send(Buffer.from('^XA^XZ'), 500)).rejects.toMatchObject({ code: 'PRINTER_UNREACHABLE' });
  });
});
