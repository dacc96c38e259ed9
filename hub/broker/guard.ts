import type { AedesOptions, AuthenticateError, Client } from 'aedes';
import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { isStationOfOtherSite, mayPublish, maySubscribe, mayUseClientId, type Principal } from './acl.js';

const log = createLogger('hub.broker.guard');

/** Why a connection was refused. Stable codes, counted like the ACL's. */
export const ConnectRefusal = {
  /** No username or no password. */
  Anonymous: 'ANONYMOUS',
  /** Unknown username or wrong password. */
  BadCredentials: 'BAD_CREDENTIALS',
  /** The client id of the hub or of another station (see `mayUseClientId`). */
  ClientIdReserved: 'CLIENT_ID_RESERVED',
  /** A station's own client id under another site: the agent's `--site` is not the hub's (see `isStationOfOtherSite`). */
  OutsideSite: 'OUTSIDE_SITE',
} as const;

/** Refusals of the embedded broker since it started, per reason code. */
export interface BrokerRefusals {
  connect: Record<string, number>;
  publish: Record<string, number>;
  subscribe: Record<string, number>;
}

/** What the embedded broker can say about itself, for `/api/v1/health` and `/metrics`. */
export interface BrokerStats {
  /** Clients connected now (the hub's own client included). */
  clients: number;
  refused: BrokerRefusals;
}

/** Checks a login; resolves the principal it stands for, or undefined for a bad one. */
export type Authenticator = (username: string, password: string) => Promise<Principal | undefined>;

/** Reason code for a publish the broker itself makes on behalf of no connected client (an old will). */
const NO_CLIENT = 'NO_CLIENT';

// MQTT 3.1.1 CONNACK return codes (aedes declares them as an ambient const enum).
const RC_IDENTIFIER_REJECTED = 2;
const RC_SERVER_UNAVAILABLE = 3;
const RC_BAD_USERNAME_OR_PASSWORD = 4;
const RC_NOT_AUTHORIZED = 5;

/**
 * The embedded broker's authentication and topic ACL as aedes handlers: every connection
 * must log in, every PUBLISH and SUBSCRIBE is checked against `acl.ts`, and every refusal is
 * counted per reason and logged with the client id. A refused PUBLISH closes the connection
 * (MQTT-3.3.5-2 allows that or a silent ack; aedes can only close); a refused SUBSCRIBE is
 * answered with return code 0x80 and the connection stays up.
 */
export class BrokerGuard {
  readonly #principals = new WeakMap<Client, Principal>();
  readonly #refused: BrokerRefusals = { connect: {}, publish: {}, subscribe: {} };

  constructor(private readonly authenticator: Authenticator) {}

  /** Refusals so far, per reason (a copy). */
  refusals(): BrokerRefusals {
    return { connect: { ...this.#refused.connect }, publish: { ...this.#refused.publish }, subscribe: { ...this.#refused.subscribe } };
  }

  /** Who a connected client logged in as; undefined before its login is checked. */
  principalOf(client: Client): Principal | undefined {
    return this.#principals.get(client);
  }

  /** The options to hand `Aedes.createBroker`. */
  handlers(): Required<Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>> {
    return {
      authenticate: (client, username, password, done) => {
        this.#authenticate(client, username, password).then(
          (refusal) => {
            if (!refusal) return done(null, true);
            const err = new PackgateError('MQTT_CONNECT_REFUSED', `connection refused: ${refusal.reason}`);
            done(Object.assign(err, { returnCode: refusal.returnCode }) as AuthenticateError, false);
          },
          (err: unknown) => {
            log.error({ client: client.id, err: (err as Error).message }, 'MQTT login check failed');
            done(Object.assign(new PackgateError('MQTT_CONNECT_REFUSED', 'login check failed'), { returnCode: RC_SERVER_UNAVAILABLE }) as AuthenticateError, false);
          },
        );
      },
      authorizePublish: (client, packet, done) => {
        const principal = client && this.#principals.get(client);
        const decision = principal ? mayPublish(principal, packet.topic) : { allowed: false as const, reason: NO_CLIENT };
        if (decision.allowed) return done(null);
        this.#count('publish', decision.reason);
        log.warn({ client: client?.id, principal, topic: packet.topic, reason: decision.reason }, 'MQTT publish refused');
        done(new PackgateError('MQTT_PUBLISH_REFUSED', `publish on ${packet.topic} refused: ${decision.reason}`));
      },
      authorizeSubscribe: (client, subscription, done) => {
        const principal = this.#principals.get(client);
        const decision = principal ? maySubscribe(principal, subscription.topic) : { allowed: false as const, reason: NO_CLIENT };
        if (decision.allowed) return done(null, subscription);
        this.#count('subscribe', decision.reason);
        log.warn({ client: client.id, principal, filter: subscription.topic, reason: decision.reason }, 'MQTT subscribe refused');
        done(null, null);
      },
    };
  }

  async #authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<{ reason: string; returnCode: number } | undefined> {
    const refuse = (reason: string, returnCode: number) => {
      this.#count('connect', reason);
      log.warn({ client: client.id, username, reason }, 'MQTT connection refused');
      return { reason, returnCode };
    };
    if (username === undefined || username === '' || password === undefined) {
      return refuse(ConnectRefusal.Anonymous, RC_NOT_AUTHORIZED);
    }
    const principal = await this.authenticator(username, password.toString('utf8'));
    if (!principal) return refuse(ConnectRefusal.BadCredentials, RC_BAD_USERNAME_OR_PASSWORD);
    // Both are "identifier rejected", which a station agent reads as "the hub refused my site"
    // (station/link/hub-link.ts): its client id holds its --site and its id, its login only its id.
    if (!mayUseClientId(principal, client.id)) return refuse(ConnectRefusal.ClientIdReserved, RC_IDENTIFIER_REJECTED);
    if (isStationOfOtherSite(principal, client.id)) return refuse(ConnectRefusal.OutsideSite, RC_IDENTIFIER_REJECTED);
    this.#principals.set(client, principal);
    return undefined;
  }

  #count(kind: keyof BrokerRefusals, reason: string): void {
    this.#refused[kind][reason] = (this.#refused[kind][reason] ?? 0) + 1;
  }
}
