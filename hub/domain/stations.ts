import { condition, endCondition, raiseAlert } from './alerts.js';
import type { Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { getOwn, type StationState } from './state.js';
import type { Tx } from './tx.js';

/*
 * Station presence and device faults, fed by the ingest from station status messages. Status
 * messages repeat (retained, re-sent at every birth), so each command is a no-op when it
 * changes nothing; only a change is an event and an alert.
 */

/** The station, writable; first seen now (and online, as it is reporting) if new. */
function stationOf(tx: Tx, station: string): StationState {
  const known = tx.edit('stations', station);
  if (known) return known;
  const created: StationState = { state: 'online', since: tx.at, faults: {} };
  tx.put('stations', station, created);
  return created;
}

/**
 * A device at the station reports a fault (or a different fault): a critical alert naming the
 * fault, open until the device recovers (a different fault supersedes it).
 */
export function stationFault(tx: Tx, command: CommandOf<'stationFault'>): Rejection | undefined {
  const known = getOwn(tx.state.stations, command.station);
  if (known && getOwn(known.faults, command.device)?.detail === command.detail) return undefined;
  const station = stationOf(tx, command.station);
  station.faults[command.device] = { detail: command.detail, since: tx.at };
  tx.emit({ type: 'station.fault', station: command.station, device: command.device, detail: command.detail });
  raiseAlert(
    tx,
    'station-fault',
    'critical',
    `station ${command.station}: ${command.device} fault: ${command.detail}`,
    { station: command.station, device: command.device, fault: command.detail },
    condition.stationFault(command.station, command.device),
  );
  return undefined;
}

/**
 * A faulted device works again: its fault alert closes (`recovered`); no second alert. Nothing
 * happens for a device that was not faulted.
 */
export function stationRecovered(tx: Tx, command: CommandOf<'stationRecovered'>): Rejection | undefined {
  const known = getOwn(tx.state.stations, command.station);
  if (!known || !getOwn(known.faults, command.device)) return undefined;
  delete stationOf(tx, command.station).faults[command.device];
  tx.emit({ type: 'station.recovered', station: command.station, device: command.device });
  endCondition(tx, condition.stationFault(command.station, command.device), 'recovered');
  return undefined;
}

/** The station went offline (its will, or a clean stop): a warning alert if it was online, open until it is back. */
export function stationOffline(tx: Tx, command: CommandOf<'stationOffline'>): Rejection | undefined {
  return presence(tx, command.station, 'offline');
}

/**
 * The station is online (its birth): its offline alert closes (`online`). A station's first
 * appearance is recorded without an alert.
 */
export function stationOnline(tx: Tx, command: CommandOf<'stationOnline'>): Rejection | undefined {
  return presence(tx, command.station, 'online');
}

function presence(tx: Tx, id: string, state: 'online' | 'offline'): undefined {
  const known = getOwn(tx.state.stations, id);
  if (known?.state === state) return undefined;
  tx.put('stations', id, { state, since: tx.at, faults: structuredClone(known?.faults ?? {}) });
  tx.emit({ type: state === 'online' ? 'station.online' : 'station.offline', station: id });
  if (!known) return undefined;
  if (state === 'offline') {
    raiseAlert(tx, 'station-offline', 'warning', `station ${id} is offline`, { station: id }, condition.stationOffline(id));
  } else {
    endCondition(tx, condition.stationOffline(id), 'online');
  }
  return undefined;
}

/**
 * A known station came back with a new data folder (a replaced PC, a wiped disk): its events
 * count from 1 again and whatever its old folder had not sent is not coming. A warning alert,
 * every time.
 */
export function stationReset(tx: Tx, command: CommandOf<'stationReset'>): Rejection | undefined {
  raiseAlert(
    tx,
    'station-reset',
    'warning',
    `station ${command.station} was reset (a new data folder): its events count from 1 again; events its old folder never sent are lost`,
    { station: command.station },
  );
  return undefined;
}

/**
 * The hub's history lost events it had acked to a station (a restored backup, a disk fault), and
 * the station's journal no longer holds them (its retention dropped them, or its folder was
 * replaced): they are gone for good. A critical alert naming the station and the range.
 */
export function historyLost(tx: Tx, command: CommandOf<'historyLost'>): Rejection | undefined {
  const range = command.from === command.to ? `${command.from}` : `${command.from}-${command.to}`;
  raiseAlert(
    tx,
    'history-lost',
    'critical',
    `events ${range} of station ${command.station}${command.incarnation === undefined ? '' : ` (folder ${command.incarnation})`} were acked, then lost from the hub's history, and cannot be resent: ${command.reason}`,
    { station: command.station },
  );
  return undefined;
}
