import { describe, expect, it } from 'vitest';
import { PacketGate, type OversizedPacket } from '../../../hub/broker/packet-gate.js';

/** Feeds `chunks` through a gate of bound `max`; resolves what came out and any refusal. */
async function through(max: number, chunks: Buffer[]): Promise<{ out: Buffer; refused?: OversizedPacket }> {
  let refused: OversizedPacket | undefined;
  const gate = new PacketGate(() => max, (packet) => (refused = packet));
  const out: Buffer[] = [];
  gate.on('data', (chunk: Buffer) => out.push(chunk));
  for (const chunk of chunks) gate.write(chunk);
  gate.end();
  await new Promise((resolve) => gate.once('end', resolve).once('close', resolve));
  return { out: Buffer.concat(out), ...(refused ? { refused } : {}) };
}

const packet = (first: number, body: Buffer) => {
  const length: number[] = [];
  let n = body.length;
  do {
    length.push((n % 128) | (n >= 128 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return Buffer.concat([Buffer.from([first, ...length]), body]);
};

describe('PacketGate', () => {
  const stream = Buffer.concat([
    packet(0x10, Buffer.alloc(40, 1)), // CONNECT
    packet(0x32, Buffer.alloc(300, 2)), // PUBLISH, two length bytes
    packet(0xc0, Buffer.alloc(0)), // PINGREQ, no body
    packet(0x32, Buffer.alloc(20_000, 3)), // PUBLISH, three length bytes
  ]);

  it('passes packets on unchanged, however the bytes are cut', async () => {
    expect((await through(20_000, [stream])).out).toEqual(stream);
    const bytes = [...stream].map((byte) => Buffer.from([byte]));
    expect(await through(20_000, bytes)).toEqual({ out: stream });
  });

  it('ends the stream at the first header over the bound, before its body', async () => {
    const { out, refused } = await through(1000, [stream.subarray(0, 400), stream.subarray(400)]);
    expect(refused).toMatchObject({ type: 3, action: 'publish', max: 1000 });
    expect(refused!.declared).toBeGreaterThan(1000);
    expect(out.length).toBeLessThanOrEqual(400);
  });

  it('refuses a length that is still growing past the bound, and a fifth length byte', async () => {
    expect((await through(1000, [Buffer.from([0x10, 0xff, 0xff])])).refused).toMatchObject({ action: 'connect' });
    expect((await through(2 ** 40, [Buffer.from([0x82, 0xff, 0xff, 0xff, 0xff, 0x01])])).refused).toMatchObject({ action: 'subscribe' });
  });
});
