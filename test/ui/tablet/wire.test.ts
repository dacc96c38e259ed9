import type { Static } from 'typebox';
import { describe, expectTypeOf, it } from 'vitest';
import { FunnelResponse, StuckResponse } from '../../../hub/api/routes/funnel.js';
import { InterceptSchema } from '../../../hub/api/routes/intercepts.js';
import { LearnedWeightsResponse } from '../../../hub/api/routes/learned-weights.js';
import { Pending } from '../../../hub/api/routes/mapping/mapping-breaker.js';
import { Log } from '../../../hub/api/routes/mapping/mapping-history.js';
import { Health, Unresolved } from '../../../hub/api/routes/mapping/mapping-insight.js';
import { MappingStations as MappingStationsSchema } from '../../../hub/api/routes/mapping/mapping-stations.js';
import { OrderView as OrderViewSchema } from '../../../hub/api/routes/record-schemas.js';
import { Station } from '../../../hub/api/routes/stations.js';
import { TabletState as TabletStateSchema } from '../../../hub/api/routes/tablet-state.js';
import type {
  FunnelAnswer,
  InterceptView,
  LearnedWeights,
  MappingHealth,
  MappingLog,
  MappingStations,
  OrderView,
  PendingMappings,
  StationView,
  StuckAnswer,
  TabletState,
  UnresolvedCodes,
} from '../../../ui/tablet/src/wire.js';

/*
 * What the page reads (ui/tablet/src/wire.ts) is what the hub's routes answer: every answer the
 * route's schema allows fits the page's type. The page's records are the hub's own types
 * (`import type`); its narrowed views of computed answers are checked here, so a field the page
 * reads that the route does not send (or sends as another type) fails `npm run typecheck`.
 */

describe("the tablet page's wire types", () => {
  it('take every answer the routes can send', () => {
    expectTypeOf<Static<typeof TabletStateSchema>>().toExtend<TabletState>();
    expectTypeOf<Static<typeof OrderViewSchema>>().toExtend<OrderView>();
    expectTypeOf<Static<typeof Station>>().toExtend<StationView>();
    expectTypeOf<Static<typeof InterceptSchema>>().toExtend<InterceptView>();
    expectTypeOf<Static<typeof FunnelResponse>>().toExtend<FunnelAnswer>();
    expectTypeOf<Static<typeof StuckResponse>>().toExtend<StuckAnswer>();
    expectTypeOf<Static<typeof Unresolved>>().toExtend<UnresolvedCodes>();
    expectTypeOf<Static<typeof Health>>().toExtend<MappingHealth>();
    expectTypeOf<Static<typeof MappingStationsSchema>>().toExtend<MappingStations>();
    expectTypeOf<Static<typeof Pending>>().toExtend<PendingMappings>();
    expectTypeOf<Static<typeof Log>>().toExtend<MappingLog>();
    expectTypeOf<Static<typeof LearnedWeightsResponse>>().toExtend<LearnedWeights>();
  });
});
