import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/index.js';
import { SIM_COMMANDS } from '../../cli/commands/sim.js';
import { staticImportGraph } from './import-graph.js';

/** What only the hub (or the .xlsx import) needs: a station process must not load any of it. */
const HUB_ONLY_PACKAGES = ['aedes', 'prom-client', 'exceljs', '@fastify/swagger', 'node-hid'];
/**
 * What a station does without to stay small (issue #4: under 80 MB resident): TypeBox (its
 * checks are generated), fastify (the packer's screen is node:http and ws), and the serialport
 * umbrella with every parser (the serial devices import their binding lazily).
 */
const HEAVY_FOR_A_STATION = ['typebox', 'fastify', '@fastify/static', '@fastify/websocket', 'serialport', '@serialport/bindings-cpp'];

describe('the command registry', () => {
  it('imports no command module until one is run', () => {
    const graph = staticImportGraph('cli/run.ts');
    expect([...graph.files].filter((file) => file.startsWith('cli/commands/'))).toEqual(['cli/commands/index.ts']);
    expect([...graph.files].filter((file) => !file.startsWith('cli/') && !file.startsWith('common/'))).toEqual([]);
  });

  it('loads a usage for every command it lists', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.usage).toMatch(new RegExp(`^Usage: packgate ${entry.name}\\b`));
    }
  });

  it("lists every simulated device in sim's summary", () => {
    const sim = COMMANDS.find((entry) => entry.name === 'sim')!;
    for (const device of SIM_COMMANDS) expect(sim.summary).toContain(device.name);
  });

  it('keeps the hub out of `packgate station`', () => {
    const graph = staticImportGraph('cli/commands/station.ts');
    expect(graph.files).toContain('station/agent.ts');
    expect([...graph.files].filter((file) => file.startsWith('hub/') && file !== 'hub/defaults.ts')).toEqual([]);
    expect(HUB_ONLY_PACKAGES.filter((name) => graph.packages.has(name))).toEqual([]);
    expect(HEAVY_FOR_A_STATION.filter((name) => graph.packages.has(name))).toEqual([]);
  });

  it('sees the hub where it is loaded', () => {
    const graph = staticImportGraph('cli/commands/hub.ts');
    expect(graph.files).toContain('hub/hub.ts');
    expect(graph.packages).toContain('aedes');
  });

  it('starts the hub without exceljs: it loads with the first workbook (a quarter of the start-up)', () => {
    expect(staticImportGraph('cli/commands/hub.ts').packages.has('exceljs')).toBe(false);
  });
});
