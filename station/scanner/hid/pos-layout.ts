/**
 * The HID-POS barcode scanner input report this driver reads (usage page 0x8C, Bar Code
 * Scanner; HID Point of Sale Usage Tables 1.02, "Scanned Data Report"), in the layout
 * Honeywell, Access-IS and most scanners with a "USB HID POS" mode send. node-hid hands over
 * the report with its report id first, so a report is 64 bytes:
 *
 * | byte  | content                                                               |
 * | ----- | --------------------------------------------------------------------- |
 * | 0     | report id, 0x02                                                       |
 * | 1     | n, the count of data bytes in this report, 0–56                       |
 * | 2–4   | AIM symbology id (`]` then two characters), or three zero bytes       |
 * | 5–60  | data: n bytes, then padding (ignored)                                 |
 * | 61    | vendor symbology id (Honeywell Code ID); ignored                      |
 * | 62    | reserved; ignored                                                     |
 * | 63    | flags: bit 0 set = more reports follow for this scan; other bits ignored |
 *
 * A scan longer than 56 bytes comes as several reports, each repeating the AIM id; the one
 * with bit 0 clear ends it. The encoder in firmware-sim/hid reads the same constants.
 */
export const POS_USAGE_PAGE = 0x8c;
export const POS_REPORT_LENGTH = 64;
export const POS_REPORT_ID = 0x02;
export const POS_DATA_CAPACITY = 56;
export const POS_MORE_FLAG = 0x01;
export const AIM_FLAG_CHAR = 0x5d;

export const PosOffset = {
  reportId: 0,
  length: 1,
  aim: 2,
  data: 5,
  vendorSymbology: 61,
  reserved: 62,
  flags: 63,
} as const;

export const AIM_LENGTH = PosOffset.data - PosOffset.aim;
