import { createLogger } from '../../common/log.js';
import type { CommandAckBody, EvidenceFetchCommand, EvidencePinsCommand, HubCommand } from '../../protocol/index.js';
import type { PackInput } from '../pack/index.js';
import type { HubCopy } from '../store/hub-copy.js';

const log = createLogger('station.hub-commands');

/** Where a hub command lands: the station's copy of the hub's data, the pack session, the evidence. */
export interface CommandTargets {
  readonly copy: HubCopy;
  readonly input: (input: PackInput) => void;
  /** The packing evidence (issue #16): files the hub fetches, clips it pins. */
  readonly evidence?: {
    readonly fetch: (command: EvidenceFetchCommand) => void;
    readonly pins: (command: EvidencePinsCommand) => void;
  };
}

/**
 * One handler per hub command (`station/{id}/cmd`):
 *
 * - `task-stopped` / `task-blocked`: the hold is held at once, before the retained stop list that
 *   carries it arrives, and the session rechecks its holds (invariant 3: blocked within a second);
 * - `task-released`: drops that provisional hold; only the hub's next list lifts a listed one;
 * - `task`: the task is kept locally and handed to the session (`task_received`);
 * - `task-unavailable`: the session stops waiting (`task_unavailable`);
 * - `replay`: nothing here: the link, which holds the outbox, has sent it again;
 * - `resend`: nothing here: the link has sent the journal again (station/link/resend.ts);
 * - `evidence-fetch`: a clip's file is sent in chunks on `station/{id}/files`;
 * - `evidence-pins`: the clips of the disputed waybills are pinned, all others unpinned.
 */
export function onHubCommand(command: HubCommand, targets: CommandTargets): void {
  switch (command.type) {
    case 'task-stopped':
    case 'task-blocked':
    case 'task-released':
      targets.copy.applyHold(command);
      return targets.input({ type: 'lists_updated' });
    case 'task':
      if (!targets.copy.addTask(command.task)) log.warn({ task: command.task.taskId }, 'the hub sent a task the station cannot use');
      return targets.input({ type: 'task_received', task: command.task });
    case 'task-unavailable':
      log.info({ ref: command.ref, reason: command.reason }, 'the hub has no task for the label scanned');
      return targets.input({ type: 'task_unavailable', ref: command.ref });
    case 'replay':
    case 'resend':
      return;
    case 'evidence-fetch':
      return targets.evidence?.fetch(command);
    case 'evidence-pins':
      return targets.evidence?.pins(command);
  }
}

/** Commands answered otherwise than by a `cmd.ack` event: a fetch's answer is its file's chunks. */
export function needsAck(command: HubCommand): boolean {
  return command.type !== 'evidence-fetch';
}

/** The `cmd.ack` event body saying the station has applied `command`, naming its task if it has one. */
export function commandAck(command: HubCommand): CommandAckBody {
  const taskId = 'taskId' in command ? command.taskId : command.type === 'task' ? command.task.taskId : undefined;
  return { type: 'cmd.ack', cmdId: command.id, cmdType: command.type, ...(taskId === undefined ? {} : { taskId }) };
}
