import { randomUUID } from 'node:crypto';
import { PAYLOAD_VERSION, type StationEvent, type StationStatus } from '../../protocol/index.js';

/** A valid scan event as a station would publish it. */
export function scanEvent(station: string, seq: number, data = `CODE-${seq}`, id = randomUUID()): StationEvent {
  return {
    v: PAYLOAD_VERSION,
    id,
    station,
    seq,
    at: new Date(Date.UTC(2026, 10, 22, 8, 0, seq)).toISOString(),
    body: { type: 'scan', data, raw: Buffer.from(data).toString('base64'), source: 'sim' },
  };
}

export function stationStatus(station: string, state: StationStatus['state'], bdSeq: number): StationStatus {
  return { v: PAYLOAD_VERSION, station, state, bdSeq, at: new Date().toISOString() };
}
