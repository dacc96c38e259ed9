import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StuckNode } from '../../../protocol/fulfilment-vocabulary.js';
import type { StationStatus } from '../../../protocol/index.js';
import type { WeightTolerance } from '../../../protocol/pack-vocabulary.js';
import type { DomainStore, ExecuteResult } from '../../control/domain-store.js';
import type { EvidenceService } from '../../evidence/service.js';
import type { CommandContext } from '../../domain/audit.js';
import { domainErrorKind, type Rejection } from '../../domain/errors.js';
import type { DomainCommand } from '../../domain/schemas.js';
import type { TabletTally } from '../../push/tablet-tally.js';
import type { History, HistoryEntry, HistoryRecord } from '../../store/history.js';
import type { TokenRecord } from '../../store/tokens.js';

/** What the API routes work with; the hub builds one and hands it to every route module. */
export interface HubServices {
  readonly domain: DomainStore;
  readonly history: History;
  /** The tablet page's figures over `history` (`GET /api/v1/tablet/state`). */
  readonly tally: TabletTally;
  readonly tokens: () => readonly TokenRecord[];
  /** Applies a command and carries out its effects (history, tablets, station lists and commands). */
  readonly execute: (command: DomainCommand, context: CommandContext) => ExecuteResult;
  /** Stores a record that is not a domain command (an external event) and shows it to tablets. */
  readonly append: (entry: HistoryEntry, now?: Date) => HistoryRecord;
  /** Each station's newest status, by station id (absent: none known). */
  readonly stationStatuses?: () => ReadonlyMap<string, StationStatus>;
  /** The mapping snapshot version the hub publishes (undefined before its first publish). */
  readonly mappingVersion?: () => number | undefined;
  /** The patrol's limits in ms, by node (absent: the defaults, DEFAULT_DOMAIN_CONFIG). */
  readonly stuckLimits?: Readonly<Record<StuckNode, number>>;
  /** The weight tolerance the hub sends the stations (absent: DEFAULT_WEIGHT_TOLERANCE). */
  readonly weightTolerance?: WeightTolerance;
  /** Clip and photo files fetched from stations, and dispute pins (issue #16); absent: the file routes answer 503. */
  readonly evidence?: EvidenceService;
}

/** The audit context of a command made through the API: the token, the client address, the body. */
export function requestContext(request: FastifyRequest, now = new Date()): CommandContext {
  const principal = request.principal;
  return {
    now,
    actor: principal
      ? { kind: 'token', id: principal.tokenId, name: principal.name }
      : { kind: 'system', id: 'anonymous' },
    origin: request.ip,
    raw: request.body ?? null,
  };
}

const STATUS_OF_KIND = { invalid: 400, not_found: 404, conflict: 409 } as const;

/** Sends a domain rejection as `{error: {code, message}}` with 400, 404 or 409. */
export function sendRejection(reply: FastifyReply, rejection: Rejection): FastifyReply {
  return reply
    .status(STATUS_OF_KIND[domainErrorKind(rejection.code)])
    .send({ error: { code: rejection.code, message: rejection.message } });
}
