import { join } from 'node:path';
import { PackgateError } from '../../../common/errors.js';
import { StationRegistry } from '../../../hub/broker/station-registry.js';
import { openHubState } from '../../../hub/store/state.js';
import { stringOption, type CommandContext } from '../../command.js';
import { DEFAULT_HUB_DATA, existingStateFile, type HubSubcommand } from './subcommand.js';

const dataOption = { data: { type: 'string' } } as const;

function dataDir(context: CommandContext): string {
  return stringOption(context, 'data', DEFAULT_HUB_DATA);
}

function requiredId(context: CommandContext, command: string): string {
  const id = stringOption(context, 'id');
  if (!id) throw new PackgateError('USAGE', `--id is required: packgate hub station ${command} --id ID`);
  return id;
}

/**
 * `packgate hub station add`: issues a station's MQTT login into the hub's data folder. The
 * password goes to stdout alone (so `> S1.pass` keeps it), once; the hub keeps only its hash.
 * A running hub takes the new station at its next connection attempt.
 */
export const stationAdd: HubSubcommand = {
  path: ['station', 'add'],
  usage: `station add --id ID [--replace] [--data DIR]
    Issues MQTT credentials for a station (username = ID) and prints the password once on
    stdout. --replace gives an existing station a new password; the old one stops working.`,
  options: { id: { type: 'string' }, replace: { type: 'boolean' }, ...dataOption },
  async run(context) {
    const id = requiredId(context, 'add');
    const registry = new StationRegistry(await openHubState(join(dataDir(context), 'hub-state.json')));
    const login = await registry.provision(id, { replace: context.values.replace === true });
    console.error(`Station ${id}: MQTT username "${login.username}". Its password follows, shown once; store it in a file`);
    console.error('readable only by the station agent and pass it with --mqtt-password-file.');
    console.log(login.password);
    return 0;
  },
};

/** `packgate hub station remove`: withdraws a station's login. */
export const stationRemove: HubSubcommand = {
  path: ['station', 'remove'],
  usage: `station remove --id ID [--data DIR]
    Withdraws a station's MQTT credentials; its next login is refused.`,
  options: { id: { type: 'string' }, ...dataOption },
  async run(context) {
    const id = requiredId(context, 'remove');
    const registry = new StationRegistry(await openHubState(existingStateFile(dataDir(context))));
    if (!(await registry.revoke(id))) throw new PackgateError('NO_SUCH_STATION', `station ${id} has no MQTT credentials`);
    console.error(`Station ${id}: MQTT credentials removed.`);
    return 0;
  },
};

/** `packgate hub station list`: the stations with a login, one per line. */
export const stationList: HubSubcommand = {
  path: ['station', 'list'],
  usage: `station list [--data DIR]
    Lists the stations that have MQTT credentials, with when they were issued.`,
  options: { ...dataOption },
  async run(context) {
    const registry = new StationRegistry(await openHubState(existingStateFile(dataDir(context))));
    for (const record of registry.list()) console.log(`${record.id}\t${record.createdAt}`);
    return 0;
  },
};
