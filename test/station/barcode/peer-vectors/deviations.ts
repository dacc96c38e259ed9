/**
 * Every peer vector packgate disagrees with, by vector id (vectors.json), and the deliberate
 * deviation that explains it: a name from the tables under "Deliberate deviations from GS1's
 * Syntax Engine" in docs/barcodes.md. test/station/barcode/peer-vectors.test.ts fails on a
 * disagreement missing here, on an entry here that no longer disagrees, and on a name the
 * docs do not have.
 */
export const DEVIATIONS: Readonly<Record<string, string>> = {
  // GS1 Syntax Engine (src/c-lib/dl.c, scandata.c)
  'engine:dl.c:1454': 'zero-suppressed-gtin', // https://a/01/2112345678900
  'engine:dl.c:1464': 'zero-suppressed-gtin', // https://a/01/416000336108
  'engine:dl.c:1474': 'zero-suppressed-gtin', // https://a/01/02345673
  'engine:dl.c:1757': 'unknown-ai-kept', // https://example.com/01/09520123456788?99=XYZ&89=ABC123
  'engine:scandata.c:930': 'upc-under-e0', // ]E0123456789012: UPC-A as 12 digits
  // GS1 Syntax Engine linter unit tests (src/c-lib/syntax/lint_*.c), bracketed into an AI (lint-vectors.json)
  'engine:syntax/lint_cset39.c:120': 'trailing-terminator', // (8010)95060001 + LF
  'engine:syntax/lint_cset39.c:123': 'trailing-terminator', // (8010)95060001 + CR
  'engine:syntax/lint_cset39.c:142': 'spaces-in-bracketed', // (8010)95060001 + space
  'engine:syntax/lint_cset39.c:270': 'spaces-in-bracketed', // (8010)95060001 + space
  'engine:syntax/lint_cset64.c:151': 'spaces-in-bracketed', // (8030)ABC + space
  'engine:syntax/lint_cset64.c:153': 'spaces-in-bracketed', // (8030) ABC
  'engine:syntax/lint_cset82.c:110': 'spaces-in-bracketed', // (240)ABC + space
  'engine:syntax/lint_cset82.c:112': 'spaces-in-bracketed', // (240) ABC
  // biip (tests/…)
  'biip:tests/test_gs1_messages.py:test_parse_strips_surrounding_whitespace:gs1-message:c678b6ee': 'surrounding-whitespace', // ]C1 + whitespace + (8003)
  'biip:tests/test_sscc.py:test_parse_strips_surrounding_whitespace:sscc:fadae907': 'bare-sscc', // whitespace + 157035381410375177
  'biip:tests/test_gs1_element_strings.py:test_extract:element-string:178b4cb9': 'key-check-digits', // (8003) 07071324001022085952
  'biip:tests/test_gs1_messages.py:test_parse:gs1-message:178b4cb9': 'key-check-digits', // (8003) 07071324001022085952
  'biip:tests/test_gs1_element_strings.py:test_extract_date_and_datetime:element-string:37e7ff90': 'time-9999', // (4324) 0701029999
  'biip:tests/test_gs1_element_strings.py:test_extract_date_and_datetime:element-string:51c967d3': 'time-9999', // (4325) 0701029999
  'biip:tests/test_parse.py:test_parse:parse:55d453d6': 'short-upc-e', // 425261
  'biip:tests/upc/test_encode.py:test_as_upc_e:upc:55d453d6': 'short-upc-e', // 425261
  'biip:tests/upc/test_encode.py:test_as_upc_e:upc:55170706': 'short-upc-e', // 1425261
  'biip:tests/upc/test_encode.py:test_as_gtin_12:upc:44b7775c': 'short-upc-e', // 0425261
  'biip:tests/test_parse.py:test_parse:parse:19a5aac3': 'bare-sscc', // 157035381410375177
  'biip:tests/test_parse.py:test_parse:parse:d6a00dd0': 'bare-element-string', // 15210527: (15) to biip, an EAN-8 with a wrong check digit to packgate
};
