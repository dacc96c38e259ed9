import { join } from 'node:path';
import { defaultHubUsername } from '../../hub/broker/acl.js';
import { newSecret, hashPassword } from '../../hub/broker/credentials.js';
import { mosquittoAcl, mosquittoPasswd, type AclStyle, type PasswordEntry } from '../../hub/broker/mosquitto-files.js';
import { StationRegistry, type StationCredentials } from '../../hub/broker/station-registry.js';
import { Hub } from '../../hub/hub.js';
import { openHubState } from '../../hub/store/state.js';
import { Mosquitto } from '../helpers/mosquitto.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A site to bring up: its hub and the stations it provisions. */
export interface SiteSpec {
  readonly site: string;
  readonly stations: readonly string[];
}

/** One running site on the broker under test. */
export interface SecureSite {
  readonly hub: Hub;
  /** Where the site's stations connect. */
  readonly url: string;
  /** Each provisioned station's login. */
  readonly logins: ReadonlyMap<string, StationCredentials>;
}

export interface SecureWorld {
  site(name: string): SecureSite;
  close(): Promise<void>;
}

/** Brings up hubs with provisioned stations on one kind of broker (the suite's parameter). */
export interface SecureBrokerFactory {
  readonly name: string;
  start(specs: readonly SiteSpec[]): Promise<SecureWorld>;
}

/** Each site's hub with its own embedded aedes broker; stations provisioned through the running hub. */
export const embeddedAedes: SecureBrokerFactory = {
  name: 'embedded aedes',
  async start(specs) {
    const sites = new Map<string, SecureSite>();
    const world = worldOf(sites, async () => {});
    try {
      for (const spec of specs) {
        const hub = await Hub.start({ site: spec.site, host: '127.0.0.1', port: 0, mqttPort: 0 });
        const logins = new Map<string, StationCredentials>();
        sites.set(spec.site, { hub, url: hub.mqttUrl, logins });
        for (const station of spec.stations) logins.set(station, await hub.provisionStation(station));
      }
    } catch (err) {
      await world.close();
      throw err;
    }
    return world;
  },
};

/**
 * One Mosquitto for every site, set up as an operator would: stations provisioned into each
 * hub's data folder first, then Mosquitto started with the password and ACL files rendered from
 * it (every site's concatenated), then each hub started against it with its own login.
 */
export function externalMosquittoWith(style: AclStyle): SecureBrokerFactory {
  return {
    name: `Mosquitto (${style} ACL)`,
    async start(specs) {
      const dir = tempDir('packgate-sites-');
      const prepared = [];
      const passwords: PasswordEntry[] = [];
      let acl = '';
      for (const spec of specs) {
        const dataDir = join(dir.path, spec.site);
        const registry = new StationRegistry(await openHubState(join(dataDir, 'hub-state.json')));
        const logins = new Map<string, StationCredentials>();
        for (const station of spec.stations) logins.set(station, await registry.provision(station));
        const hubLogin = { username: defaultHubUsername(spec.site), password: newSecret() };
        passwords.push({ username: hubLogin.username, passwordHash: await hashPassword(hubLogin.password) });
        passwords.push(...registry.list().map((record) => ({ username: record.id, passwordHash: record.passwordHash })));
        acl += mosquittoAcl({ site: spec.site, hubUsername: hubLogin.username, stations: spec.stations, style });
        prepared.push({ spec, dataDir, logins, hubLogin });
      }
      let mosquitto: Mosquitto;
      try {
        mosquitto = await Mosquitto.start({ passwd: mosquittoPasswd(passwords), acl });
      } catch (err) {
        dir.remove();
        throw err;
      }
      const sites = new Map<string, SecureSite>();
      const world = worldOf(sites, async () => {
        await mosquitto.stop();
        dir.remove();
      });
      try {
        for (const { spec, dataDir, logins, hubLogin } of prepared) {
          const hub = await Hub.start({
            site: spec.site,
            host: '127.0.0.1',
            port: 0,
            mqttPort: 0,
            mqttUrl: mosquitto.url,
            mqttUsername: hubLogin.username,
            mqttPassword: hubLogin.password,
            dataDir,
          });
          sites.set(spec.site, { hub, url: mosquitto.url, logins });
        }
      } catch (err) {
        const log = mosquitto.log;
        await world.close();
        throw new Error(`${(err as Error).message}\nmosquitto log:\n${log}`, { cause: err });
      }
      return world;
    },
  };
}

/** The default set-up: one ACL block per station, which keeps sites apart on a shared broker. */
export const externalMosquitto = externalMosquittoWith('users');

function worldOf(sites: Map<string, SecureSite>, closeBroker: () => Promise<void>): SecureWorld {
  return {
    site(name) {
      const site = sites.get(name);
      if (!site) throw new Error(`no site ${name}`);
      return site;
    },
    async close() {
      for (const site of [...sites.values()].reverse()) await site.hub.close();
      sites.clear();
      await closeBroker();
    },
  };
}
