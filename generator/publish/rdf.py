"""A small RDF graph written two ways, JSON-LD and Turtle, from the same nodes: the DCAT-AP
catalogue (dcat.py) is a few hundred triples, and writing them here keeps rdflib out of the
runtime dependencies. tests/test_harvest.py parses both files with rdflib and checks that they
are the same graph.

A node is a `Node` (an IRI, or a blank node when `iri` is None, written nested where it is
used); an object is an `Iri`, a `Lit` or a `Node`. Names are compact IRIs ("dct:title") with
the prefixes of PREFIXES, or full IRIs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Iri:
    value: str  # "dcat:Dataset" or "https://…"


@dataclass(frozen=True)
class Lit:
    value: str
    lang: str | None = None
    datatype: str | None = None  # "xsd:date"…


@dataclass
class Node:
    iri: str | None
    types: list[str]
    props: list[tuple[str, Iri | Lit | Node]] = field(default_factory=list)

    def add(self, name: str, value: Iri | Lit | Node | None) -> Node:
        if value is not None:
            self.props.append((name, value))
        return self


# JSON-LD: compact IRIs under an inline @context of the prefixes (no context to fetch).

def _jsonld_value(value: Iri | Lit | Node) -> dict:
    if isinstance(value, Node):
        return _jsonld_node(value)
    if isinstance(value, Iri):
        return {"@id": value.value}
    out: dict = {"@value": value.value}
    if value.lang:
        out["@language"] = value.lang
    if value.datatype:
        out["@type"] = value.datatype
    return out


def _jsonld_node(node: Node) -> dict:
    out: dict = {} if node.iri is None else {"@id": node.iri}
    out["@type"] = node.types[0] if len(node.types) == 1 else node.types
    for name, value in node.props:
        out.setdefault(name, []).append(_jsonld_value(value))
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in out.items()}


def to_jsonld(nodes: list[Node]) -> bytes:
    doc = {"@context": dict(PREFIXES), "@graph": [_jsonld_node(n) for n in nodes]}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# Turtle

def _turtle_iri(name: str) -> str:
    if name.partition(":")[0] not in PREFIXES:  # a full IRI: https://…, mailto:…
        return "<" + name.replace(">", "%3E").replace(" ", "%20") + ">"
    return name


def _turtle_lit(lit: Lit) -> str:
    text = (lit.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    if lit.lang:
        return f'"{text}"@{lit.lang}'
    if lit.datatype:
        return f'"{text}"^^{_turtle_iri(lit.datatype)}'
    return f'"{text}"'


def _turtle_object(value: Iri | Lit | Node, depth: int) -> str:
    if isinstance(value, Iri):
        return _turtle_iri(value.value)
    if isinstance(value, Lit):
        return _turtle_lit(value)
    inner = "  " * (depth + 1)
    return "[\n" + _turtle_body(value, depth + 1) + "\n" + inner[:-2] + "]"


def _turtle_body(node: Node, depth: int) -> str:
    pad = "  " * depth
    lines = [pad + "a " + ", ".join(_turtle_iri(t) for t in node.types)]
    lines += [f"{pad}{_turtle_iri(name)} {_turtle_object(value, depth)}" for name, value in node.props]
    return " ;\n".join(lines)


def to_turtle(nodes: list[Node]) -> bytes:
    head = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    body = "".join(f"\n{_turtle_iri(n.iri or '')}\n{_turtle_body(n, 1)} .\n" for n in nodes)
    return (head + body).encode("utf-8")

