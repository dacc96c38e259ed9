import type { MappingWing } from '../domain/apply.js';
import { confirmMapping, rollbackMapping } from './breaker.js';
import { createMasterSku } from './catalog-master.js';
import { setMappings } from './mapping-batch.js';
import { removeMapping } from './mapping-remove.js';
import { setMapping } from './mapping.js';
import { confirmTemplate, removeTemplate, rollbackTemplate, setTemplate } from './template-commands.js';
import { resolveCode } from './templates.js';

/** The mapping wing's commands and resolver, as `applyCommand` takes them (`DomainOptions.mapping`). */
export const MAPPING_WING: MappingWing = {
  setMapping,
  setMappings,
  removeMapping,
  confirmMapping,
  rollbackMapping,
  setTemplate,
  removeTemplate,
  confirmTemplate,
  rollbackTemplate,
  createMasterSku,
  resolveCode,
};
