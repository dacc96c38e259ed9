/**
 * A seeded shift for the demo: what two packing stations scan. Real-looking barcodes:
 * EAN-13 with valid check digits and GS1-128 element strings with lot and expiry; order
 * labels use the station-code prefix, `$PG:ORDER:<id>` (docs/barcodes.md).
 */
export const DEMO_SCANS: Readonly<Record<string, readonly string[]>> = {
  'PACK-01': [
    '$PG:ORDER:TB20261122001',
    '6901234567892',
    '6901234567892',
    '(01)06901234567892(17)271231(10)LOT42',
    '$PG:ORDER:PDD20261122007',
    '4006381333931',
    '9780201379624',
  ],
  'PACK-02': [
    '$PG:ORDER:DY20261122013',
    '6920152400012',
    '(01)06920152400012(10)B2611',
    '6920152400012',
    '$PG:ORDER:TB20261122002',
    '5012345678900',
  ],
};
