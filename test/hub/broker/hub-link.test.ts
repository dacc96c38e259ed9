import { describe, expect, it } from 'vitest';
import { HubLink, MAX_HELD_SENDS, type HubSender } from '../../../hub/broker/hub-link.js';

/** A client that records what it is asked to send. */
function recorder(): HubSender & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    publish: (topic, payload, retain) => void sent.push(`publish ${topic} ${JSON.stringify(payload)}${retain ? ' retained' : ''}`),
    sendAck: (station, upTo, incarnation) => void sent.push(`ack ${station} ${upTo}${incarnation === undefined ? '' : ` ${incarnation}`}`),
  };
}

describe('the hub link', () => {
  it('holds what is sent before the client connects and sends it, in order, when it is attached', () => {
    const link = new HubLink();
    link.sendAck('S1', 4, 'inc-a');
    link.publish('t/stops', { v: 1 }, true);
    link.publish('t/station/S1/cmd', { type: 'replay' });
    expect(link.held).toBe(3);
    const client = recorder();
    link.attach(client);
    expect(client.sent).toEqual(['ack S1 4 inc-a', 'publish t/stops {"v":1} retained', 'publish t/station/S1/cmd {"type":"replay"}']);
    expect(link.held).toBe(0);
    link.sendAck('S2', 1);
    expect(client.sent.at(-1)).toBe('ack S2 1');
  });

  it('keeps its first client: a reconnect attaches the same one again, nothing is sent twice', () => {
    const link = new HubLink();
    link.publish('a', 1);
    const first = recorder();
    link.attach(first);
    link.attach(first);
    link.attach(recorder());
    link.publish('b', 2);
    expect(first.sent).toEqual(['publish a 1', 'publish b 2']);
  });

  it(`holds at most ${MAX_HELD_SENDS} sends, dropping the oldest`, () => {
    const link = new HubLink();
    for (let i = 0; i < MAX_HELD_SENDS + 2; i += 1) link.sendAck('S1', i);
    expect(link.held).toBe(MAX_HELD_SENDS);
    const client = recorder();
    link.attach(client);
    expect(client.sent[0]).toBe('ack S1 2');
    expect(client.sent).toHaveLength(MAX_HELD_SENDS);
  });
});
