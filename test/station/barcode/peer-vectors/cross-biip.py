"""biip's own answer to each peer-vector input, for cross.mjs (README.md).

Reads JSON lines {"input": …} on stdin; writes one JSON line each: {"ok": false, "error": …},
or {"ok": true, "any": [...]}: every reading biip gives, {"ais": [[ai, value], …]} for element
strings (a message, a Digital Link, an SSCC as (00)) or {"gtin14": …}. Bracketed data goes to GS1Message.parse_hri, an http(s) URI to
GS1DigitalLinkURI.parse, anything else to biip.parse. Default settings. As in extract-biip.py,
an element string biip keeps while reporting its key invalid (a nested gtin_error, sscc_error,
gln_error) counts as refused.

    PYTHONPATH=BIIP_CHECKOUT/src python3 cross-biip.py < inputs.jsonl
"""

import json
import sys

import biip
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_messages import GS1Message


def elements(message):
    out = []
    for es in message.element_strings:
        for field in ("gtin_error", "sscc_error", "gln_error"):
            if getattr(es, field, None):
                raise ValueError(getattr(es, field))
        out.append([es.ai.ai, es.value])
    return out


def answer(value):
    if value.startswith("("):
        return [{"ais": elements(GS1Message.parse_hri(value))}]
    if value.lower().startswith(("http://", "https://")):
        return [{"ais": elements(GS1DigitalLinkURI.parse(value).as_gs1_message())}]
    result = biip.parse(value)
    readings = []
    uri = result.gs1_digital_link_uri
    for message in (result.gs1_message, uri.as_gs1_message() if uri is not None else None):
        if message is not None and message.element_strings:
            try:
                readings.append({"ais": elements(message)})
            except ValueError:
                pass
    if result.gtin is not None:
        readings.append({"gtin14": result.gtin.as_gtin_14()})
    if result.sscc is not None:
        readings.append({"ais": [["00", result.sscc.value]]})
    return readings


for line in sys.stdin:
    value = json.loads(line)["input"]
    try:
        readings = answer(value)
        out = {"ok": True, "any": readings} if readings else {"ok": False, "error": "nothing parsed"}
    except Exception as error:  # noqa: BLE001
        out = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    print(json.dumps(out), flush=True)
