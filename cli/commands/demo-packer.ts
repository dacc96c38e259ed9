import type { StationAgent } from '../../station/agent.js';
import type { SimulatedScale } from '../../firmware-sim/scale/in-process.js';
import type { SimulatedScanner } from '../../station/scanner/sim.js';
import { demoParcelGrams } from './demo-parcel-weight.js';
import { START, nextMove, type PackerCursor, type PackerMove } from './demo-packer-moves.js';
import type { PackerPlan } from './demo-plan.js';

/**
 * A simulated packer at one bench: every `intervalMs` it makes its next move (see
 * {@link nextMove}) through the bench's simulated scanner, or puts the order aside as the
 * packer's screen does. With a bench scale it puts each verified parcel on it (and takes it off
 * with the next order), and the scale swings and settles with noise. `pause()` holds it between moves (the demo pauses it while it stages an
 * incident at its bench).
 */
export class DemoPacker {
  #cursor: PackerCursor = START;
  #timer: NodeJS.Timeout | undefined;
  #paused = 0;

  constructor(
    readonly agent: StationAgent,
    readonly scanner: SimulatedScanner,
    readonly plan: PackerPlan,
    private readonly intervalMs: number,
    readonly scale?: SimulatedScale,
  ) {}

  start(): void {
    this.#timer ??= setInterval(() => this.step(), this.intervalMs);
  }

  /** Holds the packer until every `pause()` has its `resume()`. */
  pause(): void {
    this.#paused += 1;
  }

  resume(): void {
    this.#paused = Math.max(0, this.#paused - 1);
  }

  /** Makes one move now (unless paused) and returns it. */
  step(): PackerMove | undefined {
    if (this.#paused > 0) return undefined;
    const move = nextMove(this.plan, this.#cursor, { scannerReady: this.scanner.status().state === 'ok', session: this.agent.driver.session });
    if (move.type === 'scan') this.scanner.scan(move.code);
    if (move.type === 'aside') this.agent.driver.input({ type: 'aside', reason: move.reason });
    if (move.type === 'scan' || move.type === 'aside') this.#cursor = move.next;
    if (move.type === 'done') this.stop();
    this.scale?.place(demoParcelGrams(this.agent.driver.session));
    return move;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
