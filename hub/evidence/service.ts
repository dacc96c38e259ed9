import { createLogger } from '../../common/log.js';
import type { EvidenceClipBody, HubCommand } from '../../protocol/index.js';
import { getOwn, waybillKey, type DomainState } from '../domain/state.js';
import type { History } from '../store/history.js';
import { disputedAt, pinsCommand, stationsOfWaybill } from './clips.js';
import type { EvidenceFetcher } from './fetcher.js';

const log = createLogger('hub.evidence');

export interface EvidenceServiceOptions {
  readonly fetcher: EvidenceFetcher;
  readonly history: History;
  readonly state: () => DomainState;
  /** Publishes a command to a station (QoS 1; lost if the station is away: the next birth sends again). */
  readonly command: (station: string, command: HubCommand) => void;
}

/**
 * The hub's side of the packing evidence outside the domain: files fetched from stations, and
 * the pins that keep a disputed parcel's clips. A station is sent its whole set of disputed
 * waybills whenever a dispute of one of its clips opens or closes, at each of its births, and
 * when a clip of a disputed waybill arrives, so a command lost while it was away is made good.
 */
export class EvidenceService {
  constructor(private readonly options: EvidenceServiceOptions) {}

  get fetcher(): EvidenceFetcher {
    return this.options.fetcher;
  }

  /** A dispute of `waybill` opened or closed: every station holding one of its clips is told. */
  disputeChanged(waybill: string): string[] {
    const stations = stationsOfWaybill(this.options.history, waybill);
    for (const station of stations) this.syncStation(station);
    return stations;
  }

  /** Sends `station` its disputed waybills (at its birth). */
  syncStation(station: string): void {
    const waybills = disputedAt(this.options.state(), this.options.history, station);
    this.options.command(station, pinsCommand(waybills));
    log.info({ station, disputed: waybills.length }, 'disputed waybills sent to the station');
  }

  /** A clip record arrived: if it names a disputed waybill, its station pins it. */
  clipStored(station: string, clip: EvidenceClipBody): void {
    const disputes = this.options.state().disputes ?? {};
    if (clip.waybills.some((waybill) => getOwn(disputes, waybillKey(waybill)))) this.syncStation(station);
  }
}
