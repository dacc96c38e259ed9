"""Records biip's own test inputs and biip's answers to them, as peer vectors for packgate.

Run by hand (not in CI), from a checkout of https://github.com/jodal/biip:

    cd biip && PYTHONPATH=src python3 -m pytest -q -p extract_biip_recorder tests \
        --rootdir . -o addopts= > /dev/null; cat biip-calls.jsonl

where extract_biip_recorder is this file on PYTHONPATH (see README.md). It wraps biip.parse,
GS1Message.parse and GS1DigitalLinkURI.parse, and records every outermost call the tests make
with default settings (no config argument): the input and what biip made of it. An element string biip
keeps while reporting its key invalid (a nested gtin_error, sscc_error or gln_error) counts as
refused: that is biip's verdict on the value. biip's tests
assert those answers, so the recording is what the tests say.
"""

import functools
import json
import os

import biip
import biip._parser
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_element_strings import GS1ElementString
from biip.gs1_messages import GS1Message
from biip.gtin import Gtin
from biip.sscc import Sscc
from biip.upc import Upc

OUT = os.environ.get("BIIP_CALLS", "biip-calls.jsonl")
_depth = 0
_seen = set()


class NestedError(Exception):
    """biip kept an element string but reported its key invalid (gtin_error, sscc_error, gln_error)."""


def _checked(es):
    for field in ("gtin_error", "sscc_error", "gln_error"):
        if getattr(es, field, None):
            raise NestedError(getattr(es, field))
    return [es.ai.ai, es.value]


def _elements(message):
    return [_checked(es) for es in message.element_strings]


def _or_none(describe, value):
    try:
        return describe(value)
    except NestedError:
        return None


def _describe_parse_result(result):
    out = {}
    if result.gs1_message is not None and _or_none(_elements, result.gs1_message) is not None:
        out["gs1"] = _elements(result.gs1_message)
    if result.gs1_digital_link_uri is not None and _or_none(_elements, result.gs1_digital_link_uri.as_gs1_message()) is not None:
        out["dl"] = _elements(result.gs1_digital_link_uri.as_gs1_message())
    if result.gtin is not None:
        out["gtin14"] = result.gtin.as_gtin_14()
    if result.upc is not None:
        out["upc"] = result.upc.value
    if result.sscc is not None:
        out["sscc"] = result.sscc.value
    return out


def _record(kind, caller, value, outcome):
    key = (kind, value)
    if key in _seen:
        return
    _seen.add(key)
    with open(OUT, "a", encoding="utf-8") as f:
        f.write(json.dumps({"kind": kind, "test": caller, "input": value, **outcome}) + "\n")


def _caller():
    import inspect

    for frame in inspect.stack()[2:]:
        if os.sep + "tests" + os.sep in frame.filename:
            return f"{os.path.relpath(frame.filename)}:{frame.function}"
    return "?"


def _wrap(kind, fn, describe):
    @functools.wraps(fn)
    def wrapper(value, *args, **kwargs):
        global _depth
        outer = _depth == 0 and not args and kwargs.get("config") is None and isinstance(value, str)
        _depth += 1
        try:
            result = fn(value, *args, **kwargs)
        except Exception as error:  # noqa: BLE001
            if outer:
                _record(kind, _caller(), value, {"ok": False, "error": type(error).__name__})
            raise
        finally:
            _depth -= 1
        if outer:
            try:
                described = describe(result)
            except NestedError as error:
                _record(kind, _caller(), value, {"ok": False, "error": f"nested: {error}"})
                return result
            if kind == "parse" and not described:
                _record(kind, _caller(), value, {"ok": False, "error": "nothing parsed"})
            else:
                _record(kind, _caller(), value, {"ok": True, **described})
        return result

    return wrapper


def _classmethod_wrap(cls, name, kind, describe):
    fn = getattr(cls, name)
    setattr(cls, name, staticmethod(_wrap(kind, fn, describe)))


biip.parse = _wrap("parse", biip._parser.parse, _describe_parse_result)
_classmethod_wrap(GS1Message, "parse", "gs1-message", lambda m: {"gs1": _elements(m)})
_classmethod_wrap(GS1ElementString, "extract", "element-string", lambda e: {"gs1": [_checked(e)], "consumed": len(e)})
_classmethod_wrap(Gtin, "parse", "gtin", lambda g: {"gtin14": g.as_gtin_14()})
_classmethod_wrap(Upc, "parse", "upc", lambda u: {"upc": u.value, "gtin14": u.as_gtin_14()})
_classmethod_wrap(Sscc, "parse", "sscc", lambda s: {"sscc": s.value})
_classmethod_wrap(GS1DigitalLinkURI, "parse", "digital-link", lambda d: {"dl": _elements(d.as_gs1_message())})
