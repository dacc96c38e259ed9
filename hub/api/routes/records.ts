export { FreezeList, FreezeRecord, FulfilmentView, OrderRecord, OrderView, ParcelRecord, StopList, StopRecord, TaskRecord } from './record-schemas.js';
