import type { StationStatus } from '../../protocol/index.js';
import type { DomainCommand } from '../domain/schemas.js';

const DEVICES = ['scanner', 'printer', 'scale', 'camera'] as const;

/** The domain commands a station status change stands for: presence, then each device's fault or recovery. */
export function presenceCommands(status: StationStatus, previous: StationStatus | undefined): DomainCommand[] {
  const commands: DomainCommand[] = [];
  const station = status.station;
  if (status.state !== previous?.state) {
    commands.push(status.state === 'online' ? { type: 'stationOnline', station } : { type: 'stationOffline', station });
  }
  for (const device of DEVICES) {
    const now = status[device];
    const before = previous?.[device];
    if (now?.state === 'fault' && (before?.state !== 'fault' || before.detail !== now.detail)) {
      commands.push({ type: 'stationFault', station, device, detail: (now.detail ?? 'fault').slice(0, 200) });
    } else if (before?.state === 'fault' && now?.state === 'ok') {
      commands.push({ type: 'stationRecovered', station, device });
    }
  }
  return commands;
}
