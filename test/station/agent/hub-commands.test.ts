import { describe, expect, it } from 'vitest';
import { CommandAckBody, StationEventBody, payloadParser, type HubCommand, type TaskCommand } from '../../../protocol/index.js';
import { commandAck, needsAck, onHubCommand } from '../../../station/agent/hub-commands.js';
import type { PackInput } from '../../../station/pack/index.js';
import { HubCopy } from '../../../station/store/hub-copy.js';
import { TASK } from '../pack/helpers.js';

const at = new Date(0).toISOString();
const header = { v: 1 as const, at };
const ref = { type: 'order' as const, id: TASK.orderNo };

const COMMANDS: Record<HubCommand['type'], HubCommand> = {
  'task-stopped': { ...header, id: 'c-stop', type: 'task-stopped', taskId: TASK.taskId, orderId: TASK.orderId, reason: 'refund', stopListVersion: 2 },
  'task-blocked': { ...header, id: 'c-block', type: 'task-blocked', taskId: TASK.taskId, orderId: TASK.orderId, stopListVersion: 3 },
  'task-released': { ...header, id: 'c-release', type: 'task-released', taskId: TASK.taskId, orderId: TASK.orderId, stopListVersion: 4 },
  task: { ...header, id: 'c-task', type: 'task', ref, task: TASK as TaskCommand['task'] },
  'task-unavailable': { ...header, id: 'c-none', type: 'task-unavailable', ref, reason: 'not_found' },
  replay: { ...header, id: 'c-replay', type: 'replay', from: 7 },
  resend: { ...header, id: 'c-resend', type: 'resend', from: 3, incarnation: 'inc-1' },
  'evidence-fetch': { ...header, id: 'c-fetch', type: 'evidence-fetch', clipId: 'S1-abc', file: 'video' },
  'evidence-pins': { ...header, id: 'c-pins', type: 'evidence-pins', waybills: ['SF1'] },
};

describe('hub commands at the station', () => {
  it.each(Object.values(COMMANDS))('acknowledges $type with its id and task, in a body the hub accepts', (command) => {
    const ack = commandAck(command);
    expect(ack).toEqual({
      type: 'cmd.ack',
      cmdId: command.id,
      cmdType: command.type,
      ...(['task-unavailable', 'replay', 'resend', 'evidence-fetch', 'evidence-pins'].includes(command.type) ? {} : { taskId: TASK.taskId }),
    });
    expect(payloadParser(CommandAckBody).parse(JSON.stringify(ack))).toMatchObject({ ok: true });
    expect(payloadParser(StationEventBody).parse(JSON.stringify(ack))).toMatchObject({ ok: true });
  });

  it('applies each command to the hub copy and the session, and leaves a replay and a resend to the link', async () => {
    const copy = await HubCopy.open(undefined);
    copy.replaceStops({ v: 1, version: 1, at, entries: [] });
    const inputs: PackInput[] = [];
    const apply = (command: HubCommand) => onHubCommand(command, { copy, input: (input) => inputs.push(input) });

    apply(COMMANDS['task-stopped']);
    expect(copy.stopList?.entries).toEqual([{ taskId: TASK.taskId, orderId: TASK.orderId, reason: 'refund' }]);
    apply(COMMANDS['task-released']);
    expect(copy.stopList?.entries).toEqual([]);
    apply(COMMANDS.task);
    expect(Object.values(copy.tasks)).toContainEqual(TASK);
    apply(COMMANDS['task-unavailable']);
    apply(COMMANDS.replay);
    apply(COMMANDS.resend);
    apply(COMMANDS['evidence-pins']);
    expect(inputs).toEqual([{ type: 'lists_updated' }, { type: 'lists_updated' }, { type: 'task_received', task: TASK }, { type: 'task_unavailable', ref }]);
  });

  it('hands the evidence commands to the evidence, and acknowledges a pin but not a fetch', async () => {
    const copy = await HubCopy.open(undefined);
    const handed: string[] = [];
    const evidence = { fetch: (command: HubCommand) => handed.push(command.id), pins: (command: HubCommand) => handed.push(command.id) };
    onHubCommand(COMMANDS['evidence-fetch'], { copy, input: () => undefined, evidence });
    onHubCommand(COMMANDS['evidence-pins'], { copy, input: () => undefined, evidence });
    expect(handed).toEqual(['c-fetch', 'c-pins']);
    expect(needsAck(COMMANDS['evidence-fetch'])).toBe(false);
    expect(needsAck(COMMANDS['evidence-pins'])).toBe(true);
  });
});
