import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { flaggedRows, laggingStations } from '../model/mapping-work.js';
import { fmt, label } from '../strings.js';
import type { MappingHealth } from '../wire.js';

/** Mappings that matched nothing for days, or never: probably wrong or obsolete rows. */
export function MappingHealthList({ health }: { health: MappingHealth | undefined }) {
  const { s, lang } = usePage();
  const rows = flaggedRows(health);
  return (
    <>
      <h2>{s.mapping.flagged}</h2>
      {health && rows.length === 0 ? <p class="empty">{s.mapping.noFlagged}</p> : null}
      {rows.length > 0 ? (
        <table class="mapping-table flagged">
          <thead>
            <tr>
              <th>{s.field.channel}</th>
              <th>{s.mapping.channelSku}</th>
              <th>{s.mapping.masterSku}</th>
              <th>{s.field.status}</th>
              <th>{s.mapping.matches}</th>
              <th>{s.mapping.lastMatched}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.channel}:${row.channelSku}`} data-channel-sku={row.channelSku}>
                <td>{label(s.channel, row.channel)}</td>
                <td>{row.channelSku}</td>
                <td>{row.masterSku}</td>
                <td class="bad">{label(s.mapping.health, row.status)}</td>
                <td class="num">{row.matches}</td>
                <td>{row.lastMatchedAt ? dateTime(lang, row.lastMatchedAt) : s.mapping.never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** Stations verifying against an older mapping snapshot than the hub's. */
export function LaggingStations() {
  const { s, model } = usePage();
  const { version, stations } = laggingStations(model.stations);
  return (
    <>
      <h2>{s.mapping.lagging}</h2>
      {stations.length === 0 && version !== null ? <p class="empty">{fmt(s.mapping.noLagging, { version })}</p> : null}
      <ul class="lagging">
        {stations.map((station) => (
          <li key={station.station} data-station={station.station}>
            <strong>{station.station}</strong> {fmt(s.mapping.stationVersion, { version: station.version ?? '–', n: station.lag ?? '–' })}
            {station.online ? null : <span class="pill offline">{s.mapping.offline}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
