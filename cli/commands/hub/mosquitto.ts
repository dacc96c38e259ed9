import { PackgateError } from '../../../common/errors.js';
import { defaultHubUsername } from '../../../hub/broker/acl.js';
import { hashPassword } from '../../../hub/broker/credentials.js';
import { ACL_STYLES, mosquittoAcl, mosquittoPasswd, type AclStyle, type PasswordEntry } from '../../../hub/broker/mosquitto-files.js';
import { HUB_DEFAULTS } from '../../../hub/hub.js';
import { openHubState } from '../../../hub/store/state.js';
import { assertTopicId } from '../../../protocol/index.js';
import { stringOption, type CommandContext } from '../../command.js';
import { MQTT_PASSWORD_ENV, mqttPasswordOption } from './password-file.js';
import { DEFAULT_HUB_DATA, existingStateFile, type HubSubcommand } from './subcommand.js';

const shared = {
  format: { type: 'string' },
  site: { type: 'string' },
  data: { type: 'string' },
  'mqtt-username': { type: 'string' },
} as const;

function checkFormat(context: CommandContext): void {
  const format = stringOption(context, 'format', 'mosquitto');
  if (format !== 'mosquitto') throw new PackgateError('USAGE', `--format ${format} is not supported; only mosquitto is`);
}

function siteAndHubUser(context: CommandContext): { site: string; hubUsername: string } {
  const site = assertTopicId('site', stringOption(context, 'site', HUB_DEFAULTS.site));
  return { site, hubUsername: stringOption(context, 'mqtt-username', defaultHubUsername(site)) };
}

async function stationRecords(context: CommandContext) {
  const state = await openHubState(existingStateFile(stringOption(context, 'data', DEFAULT_HUB_DATA)));
  return state.data.stations;
}

/** `packgate hub acl`: the site's Mosquitto `acl_file`, on stdout. */
export const aclFile: HubSubcommand = {
  path: ['acl'],
  usage: `acl [--format mosquitto] [--style users|pattern] [--site ID] [--data DIR] [--mqtt-username NAME]
    Prints the Mosquitto acl_file for the site: the hub (NAME, default hub@SITE) gets its site,
    each station exactly its own topics. --style users (default) writes one block per station in
    --data; --style pattern writes %u patterns, for a broker that serves this site only.`,
  options: { ...shared, style: { type: 'string' } },
  async run(context) {
    checkFormat(context);
    const style = stringOption(context, 'style', 'users') as AclStyle;
    if (!ACL_STYLES.includes(style)) throw new PackgateError('USAGE', `--style must be one of ${ACL_STYLES.join(', ')}`);
    const stations = style === 'users' ? (await stationRecords(context)).map((record) => record.id) : [];
    process.stdout.write(mosquittoAcl({ ...siteAndHubUser(context), stations, style }));
    return 0;
  },
};

/** `packgate hub passwd`: the Mosquitto `password_file` lines, on stdout. */
export const passwdFile: HubSubcommand = {
  path: ['passwd'],
  usage: `passwd [--format mosquitto] [--site ID] [--data DIR] [--mqtt-username NAME] [--mqtt-password-file PATH]
    Prints the Mosquitto password_file ($7$ PBKDF2-SHA512 lines, as mosquitto_passwd writes) for
    every station in --data, plus the hub's own line when its password is given in PATH (or
    ${MQTT_PASSWORD_ENV}). The stored hashes are copied: no password is needed or shown.`,
  options: { ...shared, 'mqtt-password-file': { type: 'string' } },
  async run(context) {
    checkFormat(context);
    const { hubUsername } = siteAndHubUser(context);
    const hubPassword = mqttPasswordOption(context);
    const entries: PasswordEntry[] = (await stationRecords(context)).map((record) => ({
      username: record.id,
      passwordHash: record.passwordHash,
    }));
    if (hubPassword !== undefined) entries.unshift({ username: hubUsername, passwordHash: await hashPassword(hubPassword) });
    else console.error(`packgate: no hub password given (--mqtt-password-file or ${MQTT_PASSWORD_ENV}): no line for ${hubUsername}`);
    process.stdout.write(mosquittoPasswd(entries));
    return 0;
  },
};
