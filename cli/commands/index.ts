import type { Command } from '../command.js';
import { decodeCommand } from './decode.js';
import { demoCommand } from './demo.js';
import { hubCommand } from './hub.js';
import { simCommand } from './sim.js';
import { stationCommand } from './station.js';

/** Every `packgate` subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [demoCommand, hubCommand, stationCommand, decodeCommand, simCommand];
