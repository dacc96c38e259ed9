/*
 * The GS1 Syntax Engine's own answer to each peer-vector input, for cross.mjs (README.md).
 * Reads "STAGE<TAB>hex(input)" lines; prints one line each:
 *   OK<TAB>ais<TAB>(01)…(10)…  element strings, as the engine's bracketed AI data
 *   OK<TAB>plain<TAB>DATA      data that is not GS1 (EAN/UPC digits, plain text)
 *   ERR<TAB>message            refused
 * Scan data with an AIM identifier goes to gs1_encoder_setScanData, bracketed data to
 * gs1_encoder_setAIdataStr, an http(s) URI to gs1_encoder_setDataStr (a Digital Link), anything
 * else to gs1_encoder_setScanData as well (which refuses it: no AIM identifier). Default settings;
 * at the parse stage (packgate compares before pairing) the one pairing validation the engine lets
 * go, vREQUISITE_AIS, is off.
 */
#include <stdio.h>
#include <string.h>
#include "gs1encoders.h"

static void unhex(const char *hex, char *out) {
  size_t n = strlen(hex) / 2;
  for (size_t i = 0; i < n; i++) {
    unsigned v;
    sscanf(hex + 2 * i, "%2x", &v);
    out[i] = (char)v;
  }
  out[n] = '\0';
}

int main(void) {
  static char line[20000], in[10000];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\r\n")] = '\0';
    char *tab = strchr(line, '\t');
    if (tab == NULL) return 2;
    *tab = '\0';
    unhex(tab + 1, in);
    gs1_encoder *ctx = gs1_encoder_init(NULL);
    if (strcmp(line, "parse") == 0) gs1_encoder_setValidationEnabled(ctx, gs1_encoder_vREQUISITE_AIS, false);
    bool ok;
    if (in[0] == '(') ok = gs1_encoder_setAIdataStr(ctx, in);
    else if (strncasecmp(in, "http://", 7) == 0 || strncasecmp(in, "https://", 8) == 0) {
      gs1_encoder_setSym(ctx, gs1_encoder_sQR);
      ok = gs1_encoder_setDataStr(ctx, in);
    } else ok = gs1_encoder_setScanData(ctx, in);
    if (!ok) printf("ERR\t%s\n", gs1_encoder_getErrMsg(ctx));
    else {
      char *ais = gs1_encoder_getAIdataStr(ctx);
      if (ais != NULL) printf("OK\tais\t%s\n", ais);
      else printf("OK\tplain\t%s\n", gs1_encoder_getDataStr(ctx));
    }
    gs1_encoder_free(ctx);
  }
  return 0;
}
