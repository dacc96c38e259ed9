import { describe, expect, it } from 'vitest';
import type { ScannerLink } from '../../../firmware-sim/scanner/link.js';
import { seededRandom } from '../../../common/random.js';
import { parseFaultRates, parseScriptLine, playScript, type ScriptStep } from '../../../firmware-sim/scanner/script.js';
import { ScannerSimulator } from '../../../firmware-sim/scanner/simulator.js';

/** A link that records what reaches it: pure logic, no device. */
class RecordingLink implements ScannerLink {
  readonly path = '/dev/recording';
  present = true;
  readonly received: string[] = [];
  write(bytes: Uint8Array): boolean {
    if (this.present) this.received.push(Buffer.from(bytes).toString('latin1'));
    return this.present;
  }
  async unplug(): Promise<void> {
    this.present = false;
  }
  async replug(): Promise<void> {
    this.present = true;
  }
  async close(): Promise<void> {
    this.present = false;
  }
}

describe('scan script lines', () => {
  it.each<[string, ScriptStep | undefined]>([
    ['6901234567892', { kind: 'scan', code: '6901234567892', faults: [] }],
    ['6901234567892\r', { kind: 'scan', code: '6901234567892', faults: [] }],
    ['(01)06901234567892(10)LOT 7', { kind: 'scan', code: '(01)06901234567892(10)LOT 7', faults: [] }],
    ['!split,garbage 6901234567892', { kind: 'scan', code: '6901234567892', faults: ['split', 'garbage'] }],
    ['!no-terminator ABC', { kind: 'scan', code: 'ABC', faults: ['no-terminator'] }],
    ['!unplug', { kind: 'unplug' }],
    ['!replug', { kind: 'replug' }],
    ['!wait 250', { kind: 'wait', ms: 250 }],
    ['', undefined],
    ['   ', undefined],
    ['# a comment', undefined],
  ])('%j', (line, step) => {
    expect(parseScriptLine(line)).toEqual(step);
  });

  it.each(['!explode ABC', '!split', '!wait soon', '!unplug now', '!split,bogus ABC'])('refuses %j with BAD_SIM_SCRIPT', (line) => {
    expect(() => parseScriptLine(line)).toThrow(expect.objectContaining({ code: 'BAD_SIM_SCRIPT' }));
  });

  it('parses fault rates and refuses bad ones with USAGE', () => {
    expect(parseFaultRates('drop-char=0.05,split=1')).toEqual({ 'drop-char': 0.05, split: 1 });
    expect(parseFaultRates('')).toEqual({});
    expect(() => parseFaultRates('split=2')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseFaultRates('melt=0.1')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseFaultRates('split')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('plays a script: scans, faults, unplug and replug in order; scans while unplugged are lost', async () => {
    const link = new RecordingLink();
    const sim = new ScannerSimulator(link, { baudRate: 0, terminator: 'cr', splitGapMs: 1 });
    const steps: string[] = [];
    await playScript(sim, ['A1', '!no-terminator B2', '!unplug', 'LOST', '!replug', '!wait 1', 'C3'], {
      random: seededRandom(1),
      onStep: (step, delivered) => steps.push(`${step.kind}${delivered ? '' : ' (lost)'}`),
    });
    expect(link.received).toEqual(['A1\r', 'B2', 'C3\r']);
    expect(steps).toEqual(['scan', 'scan', 'unplug', 'scan (lost)', 'replug', 'wait', 'scan']);
    await sim.close();
  });
});
