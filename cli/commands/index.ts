import type { CommandEntry } from '../command.js';

/**
 * Every `packgate` subcommand, in the order `--help` lists them. Each module is imported only
 * when its command runs: `packgate station` must not load the hub (fastify's API, aedes,
 * prom-client, swagger …) it never uses.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'demo',
    summary: 'hub, embedded broker and simulated stations working a seeded shift (npm start)',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  { name: 'hub', summary: 'run the hub (MQTT broker, ingest, HTTP API, tablet page); station logins and API tokens', load: async () => (await import('./hub.js')).hubCommand },
  { name: 'station', summary: 'run a packing-station agent', load: async () => (await import('./station.js')).stationCommand },
  { name: 'decode', summary: 'decode one scan as the station would and print the result', load: async () => (await import('./decode.js')).decodeCommand },
  { name: 'sim', summary: 'run a simulated device (scanner, scale, printer, waybill-printer)', load: async () => (await import('./sim.js')).simCommand },
];
