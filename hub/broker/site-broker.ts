import { defaultHubUsername, isStationUsername, type Principal } from './acl.js';
import { newSecret, sameSecret } from './credentials.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded.js';
import { BrokerGuard, type Authenticator } from './guard.js';
import type { StationRegistry } from './station-registry.js';

/** A username and password for an MQTT connection. */
export interface MqttLogin {
  readonly username: string;
  readonly password: string;
}

export interface SiteBrokerOptions {
  readonly site: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly stations: StationRegistry;
  /** The largest packet a station may send (see `EmbeddedBrokerOptions.maxPacketBytes`). */
  readonly maxPacketBytes?: number;
}

/** The embedded broker of one site, with the login its hub connects with. */
export interface SiteBroker {
  readonly broker: EmbeddedBroker;
  /** The hub's own login: made at start, held in memory only, never written anywhere. */
  readonly hubLogin: MqttLogin;
}

/**
 * Starts the embedded broker of a site with logins and the topic ACL: the hub logs in as
 * `hub@{site}` with a secret made for this run, each station as its id with its own password
 * from the registry. Anonymous connections are refused.
 */
export async function startSiteBroker(options: SiteBrokerOptions): Promise<SiteBroker> {
  const hubLogin: MqttLogin = { username: defaultHubUsername(options.site), password: newSecret() };
  const guard = new BrokerGuard(siteAuthenticator(options.site, hubLogin, options.stations));
  const broker = await startEmbeddedBroker({
    host: options.host,
    port: options.port,
    guard,
    ...(options.maxPacketBytes === undefined ? {} : { maxPacketBytes: options.maxPacketBytes }),
  });
  return { broker, hubLogin };
}

/** Logins of one site: the hub's own, and every registered station's. */
export function siteAuthenticator(site: string, hubLogin: MqttLogin, stations: StationRegistry): Authenticator {
  return async (username, password): Promise<Principal | undefined> => {
    if (username === hubLogin.username) {
      return sameSecret(password, hubLogin.password) ? { kind: 'hub', site } : undefined;
    }
    if (!isStationUsername(username)) return undefined;
    return (await stations.verify(username, password)) ? { kind: 'station', site, station: username } : undefined;
  };
}
