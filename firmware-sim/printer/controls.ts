import { PRINTER_FAULTS, type PrinterFault } from './firmware.js';
import type { PrinterSimulator } from './server.js';

/** The words `packgate sim printer` reads on standard input, one per line. */
export const CONTROL_HELP = `Commands on standard input, one per line:
  paper-out | paper-in      pause | resume       head-open | head-close
  ribbon-out | ribbon-in    drop (reset open connections)    unplug | plug
  recover                   end a silence or hang          status
  arm FAULT                 the next label springs FAULT, one of
                            ${PRINTER_FAULTS.slice(0, 3).join(', ')},
                            ${PRINTER_FAULTS.slice(3).join(', ')}`;

const CONDITIONS: Readonly<Record<string, Parameters<PrinterSimulator['setConditions']>[0]>> = {
  'paper-out': { paperOut: true },
  'paper-in': { paperOut: false },
  pause: { paused: true },
  resume: { paused: false },
  'head-open': { headOpen: true },
  'head-close': { headOpen: false },
  'ribbon-out': { ribbonOut: true },
  'ribbon-in': { ribbonOut: false },
};

/** One line of what the printer is doing, for people. */
export function describePrinter(sim: PrinterSimulator): string {
  const { paperOut, paused, headOpen, ribbonOut } = sim.firmware.conditions;
  const trouble = [paperOut && 'paper out', paused && 'paused', headOpen && 'head open', ribbonOut && 'ribbon out'].filter(Boolean);
  return `${trouble.length > 0 ? trouble.join(', ') : 'ready'}; ${sim.printed.length} printed, ${sim.firmware.buffered} waiting${sim.firmware.partialFormat ? ', a format half received' : ''}`;
}

/** Applies one control line; resolves with what to tell the person. Unknown words get the help. */
export async function applyControl(sim: PrinterSimulator, line: string): Promise<string> {
  const [word = '', argument, ...extra] = line.trim().split(/\s+/);
  const change = CONDITIONS[word];
  if (change && argument === undefined) {
    sim.setConditions(change);
    return describePrinter(sim);
  }
  if (word === 'arm' && extra.length === 0 && PRINTER_FAULTS.includes(argument as PrinterFault)) {
    sim.arm(argument as PrinterFault);
    return `armed ${argument}`;
  }
  if (argument !== undefined) return CONTROL_HELP;
  switch (word) {
    case 'recover':
      sim.recover();
      return describePrinter(sim);
    case 'drop':
      sim.dropConnections();
      return 'connections reset';
    case 'unplug':
      await sim.unplug();
      return 'off the network';
    case 'plug':
      await sim.plug();
      return `listening on ${sim.host}:${sim.port}`;
    case 'status':
      return describePrinter(sim);
    case '':
      return '';
    default:
      return CONTROL_HELP;
  }
}
