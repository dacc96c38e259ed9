import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainStore } from '../../../hub/control/domain-store.js';
import { History } from '../../../hub/store/history.js';
import { dressOrder, managerContext } from '../../helpers/domain.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('DomainStore', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  const paths = () => ({ history: join(dir.path, 'history.jsonl'), snapshot: join(dir.path, 'domain.json') });

  async function seed(store: DomainStore): Promise<void> {
    const context = managerContext();
    const mapping = { channel: 'taobao', channelSku: 'DRESS-2026-RED-M', masterSku: 'DRESS-RED-M' } as const;
    expect(store.execute({ type: 'setMapping', ...mapping }, context).ok).toBe(true);
    expect(store.execute({ type: 'setOnHand', sku: 'DRESS-RED-M', quantity: 10 }, context).ok).toBe(true);
    expect(store.execute({ type: 'createOrder', ...dressOrder('TB1001') }, context).ok).toBe(true);
  }

  it('appends each applied command to the history, indexed by order', async () => {
    const history = History.open();
    const store = await DomainStore.open(history, undefined);
    await seed(store);
    const timeline = history.byKey('order:taobao:TB1001');
    expect(timeline.map((r) => (r.kind === 'domain' ? r.command.type : r.kind))).toEqual(['createOrder']);
    expect(timeline[0]).toMatchObject({ audit: { actor: { name: 'floor manager' }, command: 'createOrder' } });
    await store.close();
  });

  it('records nothing for a refused command and leaves the state as it was', async () => {
    const history = History.open();
    const store = await DomainStore.open(history, undefined);
    const before = store.state;
    const result = store.execute({ type: 'liftStop', stopId: 'nope' }, managerContext());
    expect(result).toMatchObject({ ok: false, code: 'STOP_NOT_FOUND' });
    expect(store.state).toBe(before);
    expect(history.lastSeq).toBe(0);
    await store.close();
  });

  it('rebuilds from the history when the history is shorter than its snapshot (a lost tail)', async () => {
    const { history: historyPath, snapshot } = paths();
    const history = History.open(historyPath);
    const store = await DomainStore.open(history, snapshot);
    await seed(store);
    await store.close();
    history.close();
    // The history loses its last command (the order); the snapshot still has it.
    const lines = readFileSync(historyPath, 'utf8').split('\n').filter(Boolean);
    writeFileSync(historyPath, lines.slice(0, -1).join('\n') + '\n');

    const shorter = History.open(historyPath);
    const rebuilt = await DomainStore.open(shorter, snapshot);
    expect(Object.keys(rebuilt.state.orders)).toEqual([]);
    expect(rebuilt.state.stock).toMatchObject({ 'DRESS-RED-M': expect.anything() });
    await rebuilt.close();
    shorter.close();
  });

  it('comes back after a crash before any snapshot by replaying the history', async () => {
    const { history: historyPath, snapshot } = paths();
    const history = History.open(historyPath);
    const crashed = await DomainStore.open(history, snapshot);
    await seed(crashed);
    const expected = structuredClone(crashed.state);
    history.close();

    const reopened = History.open(historyPath);
    const recovered = await DomainStore.open(reopened, snapshot);
    expect(recovered.state).toEqual(expected);
    await recovered.close();
    await crashed.close();
    reopened.close();
  });

  it('replays only the commands after its snapshot', async () => {
    const { history: historyPath, snapshot } = paths();
    const history = History.open(historyPath);
    const store = await DomainStore.open(history, snapshot);
    await seed(store);
    await store.flush();
    expect(store.execute({ type: 'stopTask', orderId: 'taobao:TB1001', reason: 'fraud' }, managerContext()).ok).toBe(true);
    const expected = structuredClone(store.state);
    history.close();

    const reopened = History.open(historyPath);
    const recovered = await DomainStore.open(reopened, snapshot);
    expect(recovered.state).toEqual(expected);
    expect(Object.values(recovered.state.stops)).toHaveLength(1);
    await recovered.close();
    await store.close();
    reopened.close();
  });

  it('snapshots as of the newest record, so a start does not read the station events after the last command', async () => {
    const { history: historyPath, snapshot } = paths();
    const history = History.open(historyPath);
    const store = await DomainStore.open(history, snapshot);
    await seed(store);
    for (let seq = 1; seq <= 5; seq += 1) history.append({ kind: 'external', orderId: 'taobao:TB1001', type: 'note', source: 'test', data: seq, audit: { at: new Date().toISOString(), actor: { kind: 'system', id: 'test' }, raw: null } });
    await store.close();
    expect(JSON.parse(readFileSync(snapshot, 'utf8'))).toMatchObject({ historySeq: history.lastSeq });
    const expected = structuredClone(store.state);
    history.close();

    const reopened = History.open(historyPath);
    const recovered = await DomainStore.open(reopened, snapshot);
    expect(recovered.state).toEqual(expected);
    await recovered.close();
    reopened.close();
  });
});
