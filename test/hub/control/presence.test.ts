import { describe, expect, it } from 'vitest';
import { presenceCommands } from '../../../hub/control/presence.js';
import type { StationStatus } from '../../../protocol/index.js';
import { stationStatus } from '../../helpers/events.js';

const withScanner = (status: StationStatus, state: 'ok' | 'fault', detail?: string): StationStatus => ({
  ...status,
  scanner: { kind: 'serial', state, ...(detail ? { detail } : {}) },
});

describe('presenceCommands', () => {
  it('turns a first birth into stationOnline', () => {
    expect(presenceCommands(stationStatus('S1', 'online', 1), undefined)).toEqual([{ type: 'stationOnline', station: 'S1' }]);
  });

  it('turns a will into stationOffline', () => {
    expect(presenceCommands(stationStatus('S1', 'offline', 1), stationStatus('S1', 'online', 1))).toEqual([
      { type: 'stationOffline', station: 'S1' },
    ]);
  });

  it('reports a scanner fault and its recovery', () => {
    const online = withScanner(stationStatus('S1', 'online', 1), 'ok');
    const unplugged = withScanner(online, 'fault', 'device unplugged');
    expect(presenceCommands(unplugged, online)).toEqual([
      { type: 'stationFault', station: 'S1', device: 'scanner', detail: 'device unplugged' },
    ]);
    expect(presenceCommands(online, unplugged)).toEqual([{ type: 'stationRecovered', station: 'S1', device: 'scanner' }]);
  });

  it('reports a camera whose recorder restarts, and its recovery', () => {
    const recording: StationStatus = { ...stationStatus('S1', 'online', 1), camera: { kind: 'rtsp', state: 'ok', detail: 'recording' } };
    const restarting: StationStatus = { ...recording, camera: { kind: 'rtsp', state: 'fault', detail: 'restarting: ffmpeg exited with 1' } };
    expect(presenceCommands(restarting, recording)).toEqual([
      { type: 'stationFault', station: 'S1', device: 'camera', detail: 'restarting: ffmpeg exited with 1' },
    ]);
    expect(presenceCommands(recording, restarting)).toEqual([{ type: 'stationRecovered', station: 'S1', device: 'camera' }]);
  });

  it('says nothing when nothing changed', () => {
    const online = withScanner(stationStatus('S1', 'online', 2), 'ok');
    expect(presenceCommands(online, online)).toEqual([]);
  });
});
