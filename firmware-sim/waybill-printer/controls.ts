import type { WaybillPrinterSimulator } from './server.js';

/** The words `packgate sim waybill-printer` reads on standard input, one per line. */
export const CONTROL_HELP = `Commands on standard input, one per line:
  pause | resume            printing, and its results, wait until resumed
  paper-out | paper-in      documents fail ("paper out") until the paper is back
  fail-render               the next task fails to render
  drop-result               the next task prints, but its result is never sent
  delay MS                  later tasks print, and report, MS milliseconds late (0: at once)
  drop                      drop every open connection
  restart                   close and open again on the same port: waiting tasks and
                            unsent results are forgotten, printed documents stay
  status`;

/** One line of what the program is doing, for people. */
export function describeProgram(sim: WaybillPrinterSimulator): string {
  const { program } = sim;
  const { paused, paperOut } = program.conditions;
  const state = [paused ? 'paused' : 'running', paperOut && 'paper out'].filter(Boolean).join(', ');
  const { failRenders, dropResults } = program.armed;
  const armed = [failRenders > 0 && `fail-render ×${failRenders}`, dropResults > 0 && `drop-result ×${dropResults}`].filter(Boolean);
  const extra = [program.delayMs > 0 && `delay ${program.delayMs} ms`, armed.length > 0 && `armed: ${armed.join(', ')}`].filter(Boolean);
  return [`${state}; ${program.printed.length} printed, ${program.waiting} waiting, ${sim.connections} connected`, ...extra].join('; ');
}

/** Applies one control line; resolves with what to tell the person. Unknown words get the help. */
export async function applyControl(sim: WaybillPrinterSimulator, line: string): Promise<string> {
  const [word = '', argument, ...extra] = line.trim().split(/\s+/);
  if (word === 'delay' && extra.length === 0 && argument !== undefined && /^\d{1,7}$/.test(argument)) {
    sim.program.setDelay(Number(argument));
    return describeProgram(sim);
  }
  if (argument !== undefined) return CONTROL_HELP;
  switch (word) {
    case 'pause':
    case 'resume':
      sim.setConditions({ paused: word === 'pause' });
      return describeProgram(sim);
    case 'paper-out':
    case 'paper-in':
      sim.setConditions({ paperOut: word === 'paper-out' });
      return describeProgram(sim);
    case 'fail-render':
      sim.program.failNextRender();
      return describeProgram(sim);
    case 'drop-result':
      sim.program.dropNextResult();
      return describeProgram(sim);
    case 'drop':
      sim.dropConnections();
      return 'connections dropped';
    case 'restart':
      await sim.restart();
      return `restarted on ${sim.url}`;
    case 'status':
      return describeProgram(sim);
    case '':
      return '';
    default:
      return CONTROL_HELP;
  }
}
