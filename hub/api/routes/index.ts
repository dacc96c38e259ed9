import type { FastifyInstance } from 'fastify';
import { registerAlertRoutes } from './alerts.js';
import { registerCarrierEventRoutes } from './carrier-events.js';
import { registerBoxTypeRoutes } from './box-types.js';
import { registerCatalogRoutes } from './catalog.js';
import { registerLearnedWeightRoutes } from './learned-weights.js';
import { registerEvidenceFileRoutes } from './evidence-files.js';
import { registerEvidenceRoutes } from './evidence.js';
import { registerFreezeRoutes } from './freezes.js';
import { registerHandoverRoutes } from './handovers.js';
import { registerInterceptRoutes } from './intercepts.js';
import { registerMappingBreakerRoutes } from './mapping/mapping-breaker.js';
import { registerMappingHistoryRoutes } from './mapping/mapping-history.js';
import { registerMappingInsightRoutes } from './mapping/mapping-insight.js';
import { registerMappingIoRoutes } from './mapping/mapping-io.js';
import { registerMappingStationRoutes } from './mapping/mapping-stations.js';
import { registerMappingRoutes } from './mapping/mappings.js';
import { registerOrderRoutes } from './orders.js';
import type { HubServices } from './services.js';
import { registerFunnelRoutes } from './funnel.js';
import { registerStationRoutes } from './stations.js';
import { registerStockRoutes } from './stock.js';
import { registerStopRoutes } from './stops.js';
import { registerTabletStateRoutes } from './tablet-state.js';
import { registerTemplateRoutes } from './mapping/templates.js';
import { registerTimelineRoutes } from './timeline.js';
import { typeboxValidatorCompiler } from './validation.js';

export type { HubServices } from './services.js';

/**
 * Every route under `/api/v1` that works on the domain: orders and their timeline, mappings,
 * stops, freezes, stock, stations and alerts. They live in one encapsulated plugin with their
 * own request validator (strict bodies, see `validation.ts`), so nothing else in the app is
 * affected. The routes are added when the app loads its plugins (`await app.ready()`, `listen`
 * or `inject`); register `registerOpenApi` before this so the document lists them.
 */
export function registerApiRoutes(app: FastifyInstance, services: HubServices): void {
  void app.register(async (api) => {
    api.setValidatorCompiler(typeboxValidatorCompiler);
    registerOrderRoutes(api, services);
    registerTimelineRoutes(api, services);
    registerCarrierEventRoutes(api, services);
    registerHandoverRoutes(api, services);
    registerInterceptRoutes(api, services);
    registerFunnelRoutes(api, services);
    registerMappingRoutes(api, services);
    registerMappingBreakerRoutes(api, services);
    registerMappingInsightRoutes(api, services);
    registerMappingHistoryRoutes(api, services);
    registerMappingIoRoutes(api, services);
    registerCatalogRoutes(api, services);
    registerBoxTypeRoutes(api, services);
    registerLearnedWeightRoutes(api, services);
    registerTemplateRoutes(api, services);
    registerMappingStationRoutes(api, services);
    registerStopRoutes(api, services);
    registerFreezeRoutes(api, services);
    registerStockRoutes(api, services);
    registerStationRoutes(api, services);
    registerAlertRoutes(api, services);
    registerTabletStateRoutes(api, services);
    registerEvidenceRoutes(api, services);
    registerEvidenceFileRoutes(api, services);
  });
}
