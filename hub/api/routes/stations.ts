import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { getOwn, taskStatus, type ReadonlyDomainState } from '../../domain/index.js';
import { errorResponses, guarded, NoQuery } from './common.js';
import type { HubServices } from './services.js';

export const Station = Type.Object({
  id: Type.String(),
  state: Type.Enum(['online', 'offline', 'unknown'], { description: 'unknown: a station seen only through its tasks' }),
  since: Type.Union([Type.String(), Type.Null()]),
  faults: Type.Array(Type.Object({ device: Type.String(), detail: Type.String(), since: Type.String() })),
  tasks: Type.Array(
    Type.Object({ taskId: Type.String(), orderId: Type.String(), status: Type.String(), progress: Type.String() }),
    { description: 'tasks at the bench: loaded or verified there, not labelled, not cancelled' },
  ),
});

/** `GET /api/v1/stations` (viewer): each station's presence, faulted devices and tasks at its bench. */
export function registerStationRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/stations',
    guarded(services, {
      roles: 'viewer',
      tag: 'stations',
      summary: 'Stations: online or offline, faulted devices, tasks at the bench',
      querystring: NoQuery,
      response: { 200: Type.Object({ stations: Type.Array(Station) }), ...errorResponses() },
    }),
    async () => ({ stations: stationViews(services.domain.state) }),
  );
}

/** Every station the domain knows of, from its presence or its tasks, by id. */
export function stationViews(state: ReadonlyDomainState) {
  const atBench = new Map<string, Array<{ taskId: string; orderId: string; status: string; progress: string }>>();
  for (const task of Object.values(state.tasks)) {
    if (task.station === undefined || task.cancelled || (task.progress !== 'loaded' && task.progress !== 'verified')) continue;
    const list = atBench.get(task.station) ?? [];
    list.push({ taskId: task.id, orderId: task.orderId, status: taskStatus(state, task), progress: task.progress });
    atBench.set(task.station, list);
  }
  const ids = [...new Set([...Object.keys(state.stations), ...atBench.keys()])].sort();
  return ids.map((id) => {
    const known = getOwn(state.stations, id);
    return {
      id,
      state: known?.state ?? 'unknown',
      since: known?.since ?? null,
      faults: Object.entries(known?.faults ?? {})
        .map(([device, fault]) => ({ device, detail: fault.detail, since: fault.since }))
        .sort((a, b) => (a.device < b.device ? -1 : 1)),
      tasks: atBench.get(id) ?? [],
    };
  });
}
