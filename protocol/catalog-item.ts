import Type, { type Static } from 'typebox';

// What a station shows of a catalog item (issue #17): shared by the hub's catalog commands and the
// task lines it sends. Kept apart from lists.ts so that the tablet's build, which reads the hub's
// command schemas, does not pull in the wire module.

/** A product's name as the packer reads it, in either language or both (the catalog's). */
export const ItemNamePayload = Type.Object(
  { 'zh-CN': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), en: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);
export type ItemNamePayload = Static<typeof ItemNamePayload>;

/** Attributes a task line carries at most: brand, category and six of the catalog item's. */
export const MAX_LINE_ATTRIBUTES = 8;

/** A picture of the product: an http(s) URL the packer's screen loads (the catalog's). */
export const ItemImageUrl = Type.String({ minLength: 8, maxLength: 1000, pattern: '^https?://[^\\s]+$' });
