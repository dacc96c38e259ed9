import { join } from 'node:path';
import { PackgateError } from '../../../common/errors.js';
import { ROLES, isRole } from '../../../hub/access/roles.js';
import { openHubState } from '../../../hub/store/state.js';
import { TokenBook } from '../../../hub/store/token-book.js';
import { durationOption, stringOption, type CommandContext } from '../../command.js';
import { DEFAULT_HUB_DATA, existingStateFile, type HubSubcommand } from './subcommand.js';

const dataOption = { data: { type: 'string' } } as const;

async function openBook(context: CommandContext, mustExist: boolean): Promise<TokenBook> {
  const dataDir = stringOption(context, 'data', DEFAULT_HUB_DATA);
  const state = await openHubState(mustExist ? existingStateFile(dataDir) : join(dataDir, 'hub-state.json'));
  return new TokenBook(state);
}

/** `packgate hub token create`: a bearer token for the API and the tablet feed, printed once. */
export const tokenCreate: HubSubcommand = {
  path: ['token', 'create'],
  usage: `token create --role ${ROLES.join('|')} [--name NAME] [--expires-in DURATION] [--data DIR]
    Creates a bearer token for the API and the tablet feed and prints it once on stdout; the hub
    keeps only its hash. admin: everything; manager: stops, freezes, alerts, stock, mappings,
    the dock, and all reading; dock: opens, scans into and closes handover batches and takes
    parcels out, and reads what a viewer reads; integration: posts orders, freezes and external
    events; viewer: reads. dock and viewer see customers' names, phones and addresses masked,
    and get no packing clip, label photo or evidence export (they show the shipping label).
    --expires-in (e.g. 12h, 90d) makes it expire: then it is refused, and tablet feeds opened
    with it close. A running hub takes the new token within a second.`,
  options: { role: { type: 'string' }, name: { type: 'string' }, 'expires-in': { type: 'string' }, ...dataOption },
  async run(context) {
    const role = stringOption(context, 'role');
    if (!role || !isRole(role)) {
      throw new PackgateError('USAGE', `--role must be one of ${ROLES.join(', ')}: packgate hub token create --role ROLE`);
    }
    const name = stringOption(context, 'name', role);
    const lifetime = durationOption(context, 'expires-in');
    const book = await openBook(context, false);
    const { token, record } = await book.create(name, role, lifetime === undefined ? undefined : new Date(Date.now() + lifetime));
    const until = record.expiresAt ? `, expires ${record.expiresAt}` : '';
    console.error(`Token ${record.id} for "${name}" (${role}${until}) follows, shown once.`);
    console.log(token);
    return 0;
  },
};

/** `packgate hub token list`: every token's id, role, name and creation time (never the token). */
export const tokenList: HubSubcommand = {
  path: ['token', 'list'],
  usage: `token list [--data DIR]
    Lists the tokens: id, role, name, created, expires (or "never"). The tokens themselves are
    not stored.`,
  options: { ...dataOption },
  async run(context) {
    const book = await openBook(context, true);
    for (const record of book.list()) console.log(`${record.id}\t${record.role}\t${record.name}\t${record.createdAt}\t${record.expiresAt ?? 'never'}`);
    return 0;
  },
};

/** `packgate hub token revoke`: withdraws a token by id. */
export const tokenRevoke: HubSubcommand = {
  path: ['token', 'revoke'],
  usage: `token revoke --id ID [--data DIR]
    Withdraws a token (ID from \`token list\`); within a second a running hub refuses it and
    closes the tablet feeds opened with it.`,
  options: { id: { type: 'string' }, ...dataOption },
  async run(context) {
    const id = stringOption(context, 'id');
    if (!id) throw new PackgateError('USAGE', '--id is required: packgate hub token revoke --id ID');
    const book = await openBook(context, true);
    if (!(await book.revoke(id))) throw new PackgateError('NO_SUCH_TOKEN', `no token with id ${id}`);
    console.error(`Token ${id} revoked.`);
    return 0;
  },
};
