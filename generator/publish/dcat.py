"""The open data described for harvesters: a DCAT-AP 3 catalogue (du-lieu-mo/dcat.jsonld and
du-lieu-mo/dcat.ttl, the same graph) and a schema.org `Dataset` for the open-data page.

One dcat:Dataset per table of datapackage.json (its CSV file as distribution) and one
for the whole package (the zip, datapackage.json and the yearly workbooks). Every distribution
has its media type (IANA), format (EU file-type authority), byte size and SHA-256
(spdx:checksum) of the very bytes published; the licence and publisher are the portal's
(data/portal.yaml); temporal coverage is the span of the years the records are filed under
(export.year_of) up to the as-of date; spatial coverage is Viet Nam (EU country authority) and
the place named by `area` in data/portal.yaml (a dct:Location with its name: no gazetteer
address is given, none being checkable offline)."""

from __future__ import annotations

import datetime as dt
import json

from ..check.releases import Release
from ..model.model import Model
from ..pages.page import Page
from . import export, releases
from .export import OUT, tables, year_of
from .rdf import Iri, Lit, Node, to_jsonld, to_turtle

COUNTRY = "http://publications.europa.eu/resource/authority/country/VNM"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "http://www.iana.org/assignments/media-types/"
MEDIA = {  # suffix: (media type, EU file type)
    "csv": ("text/csv", "CSV"),
    "json": ("application/json", "JSON"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "zip": ("application/zip", "ZIP"),
}
FILES = ("dcat.jsonld", "dcat.ttl")  # not distributions of themselves


def _base(model: Model) -> str:
    base = model.settings.portal.base_url or "https://example.invalid/"
    return base if base.endswith("/") else base + "/"


def _years(model: Model) -> dict[str, tuple[int, int]]:
    """The first and last year each table's rows are filed under (tables without rows: none)."""
    spans = {}
    keyed = year_of(model)
    for name, (_, rows) in tables(model).items():
        years = {keyed[name](r) for r in rows} if name in keyed else set()
        if years:
            spans[name] = (min(years), max(years))
    return spans


def _period(first: int, last: int, as_of: dt.date) -> Node:
    end = min(dt.date(last, 12, 31), as_of)
    return (Node(None, ["dct:PeriodOfTime"])
            .add("dcat:startDate", Lit(dt.date(first, 1, 1).isoformat(), datatype="xsd:date"))
            .add("dcat:endDate", Lit(end.isoformat(), datatype="xsd:date")))


def _distribution(model: Model, f: dict, title: str) -> Node:
    url = _base(model) + OUT + f["name"]
    media, kind = MEDIA[f["name"].rsplit(".", 1)[-1]]
    checksum = (Node(None, ["spdx:Checksum"]).add("spdx:algorithm", Iri("spdx:checksumAlgorithm_sha256"))
                .add("spdx:checksumValue", Lit(f["sha256"], datatype="xsd:hexBinary")))
    return (Node(url + "#phan-phoi", ["dcat:Distribution"])
            .add("dct:title", Lit(title, "vi")).add("dcat:accessURL", Iri(url)).add("dcat:downloadURL", Iri(url))
            .add("dcat:mediaType", Iri(IANA + media)).add("dct:format", Iri(FILE_TYPE + kind))
            .add("dcat:byteSize", Lit(str(f["size"]), datatype="xsd:nonNegativeInteger"))
            .add("spdx:checksum", checksum).add("dct:license", Iri(model.settings.portal.licence["path"])))


def _dataset(model: Model, iri: str, title: str, description: str, span: tuple[int, int] | None) -> Node:
    portal = model.settings.portal
    node = (Node(iri, ["dcat:Dataset"]).add("dct:title", Lit(title, "vi")).add("dct:description", Lit(description, "vi"))
            .add("dct:publisher", Iri(_base(model) + "#don-vi-cong-bo"))
            .add("dct:spatial", Iri(COUNTRY))
            .add("dct:spatial", Node(None, ["dct:Location"]).add("locn:geographicName", Lit(portal.area, "vi"))
                 if portal.area else None).add("dct:language", Iri("http://publications.europa.eu/resource/authority/language/VIE"))
            .add("dct:modified", Lit(model.as_of.isoformat(), datatype="xsd:date"))
            .add("dcat:keyword", Lit("trách nhiệm giải trình", "vi")).add("dcat:keyword", Lit("Chỉ thị 53-CT/TW", "vi"))
            .add("dcat:contactPoint", Node(None, ["vcard:Organization"]).add("vcard:fn", Lit(portal.publisher, "vi"))
                 .add("vcard:hasEmail", Iri("mailto:" + portal.contact_email) if portal.contact_email else None)))
    if span:
        node.add("dct:temporal", _period(*span, model.as_of))
    return node


def _release(model: Model, release: Release, sizes: dict[str, dict], distributions: list[Node]) -> Node:
    """A release as a dataset of its own (dcat:version), with its zip and its changelog."""
    iri = _base(model) + releases.OUT + release.id + "/#ban-phat-hanh"
    node = (_dataset(model, iri, f"{release.portal}: bản phát hành dữ liệu mở {release.id}",
                     f"Gói dữ liệu cố định của bản phát hành {release.id}, kèm danh sách hồ sơ thêm, sửa, rút so với "
                     "bản trước.", None)
            .add("dcat:version", Lit(release.id)).add("dct:issued", Lit(release.date, datatype="xsd:date")))
    for name in (release.id + ".zip", release.id + "-thay-doi.csv"):
        f = sizes.get(releases.OUT.removeprefix(OUT) + name)
        if f is not None:
            dist = _distribution(model, f, name)
            node.add("dcat:distribution", Iri(dist.iri))
            distributions.append(dist)
    return node


def catalogue(model: Model, listing: list[dict], package: dict) -> list[Node]:
    """The catalogue, its publisher, datasets and distributions, as RDF nodes."""
    portal, base = model.settings.portal, _base(model)
    sizes = {f["name"]: f for f in listing}
    spans = _years(model)
    nodes = [Node(base + "#don-vi-cong-bo", ["foaf:Agent"]).add("foaf:name", Lit(portal.publisher or portal.name, "vi"))]
    datasets, distributions = [], []
    for res in package["resources"]:
        iri = base + OUT + "#" + res["name"]
        ds = _dataset(model, iri, res["title"], res["description"], spans.get(res["name"]))
        if res["path"] in sizes:
            dist = _distribution(model, sizes[res["path"]], f"{res['title']} (CSV)")
            ds.add("dcat:distribution", Iri(dist.iri))
            distributions.append(dist)
        datasets.append(ds)
    all_years = [y for span in spans.values() for y in span]
    whole = _dataset(model, base + OUT + "#giai-trinh-mo", package["title"], package["description"],
                     (min(all_years), max(all_years)) if all_years else None)
    reports = _dataset(model, base + OUT + "#bao-cao", "Báo cáo tổng hợp định kỳ",
                       "Báo cáo tổng hợp trách nhiệm giải trình theo từng kỳ (6 tháng, năm) đã kết thúc, "
                       "theo đơn vị và toàn cổng (XLSX và CSV).", None)
    for f in listing:
        home = reports if f["name"].startswith("bao-cao/") else whole if "/" not in f["name"] and (
            f["name"].endswith((".zip", ".xlsx")) or f["name"] == "datapackage.json") else None
        if home is not None:
            dist = _distribution(model, f, f["name"])
            home.add("dcat:distribution", Iri(dist.iri))
            distributions.append(dist)
    datasets[:0] = [whole, *([reports] if any(p == "dcat:distribution" for p, _ in reports.props) else [])]
    for release in model.settings.releases:  # each a version of the whole, at its stable address
        node = _release(model, release, sizes, distributions)
        whole.add("dcat:hasVersion", Iri(node.iri))
        datasets.append(node)
    cat = (Node(base + OUT + "dcat.jsonld#danh-muc", ["dcat:Catalog"]).add("dct:title", Lit(portal.name, "vi"))
           .add("dct:description", Lit("Danh mục dữ liệu mở về trách nhiệm giải trình (DCAT-AP).", "vi"))
           .add("dct:publisher", Iri(base + "#don-vi-cong-bo")).add("foaf:homepage", Iri(base))
           .add("dct:license", Iri(portal.licence["path"])).add("dct:modified", Lit(model.as_of.isoformat(), datatype="xsd:date")))
    for d in datasets:
        cat.add("dcat:dataset", Iri(d.iri))
    return [cat, *nodes, *datasets, *distributions]


def files(model: Model, listing: list[dict], package: bytes) -> dict[str, bytes]:
    """The catalogue as JSON-LD and as Turtle, keyed by their paths in the site."""
    nodes = catalogue(model, listing, json.loads(package))
    return {OUT + "dcat.jsonld": to_jsonld(nodes), OUT + "dcat.ttl": to_turtle(nodes)}


def schema_org(model: Model, listing: list[dict]) -> str:
    """The schema.org Dataset of the open-data page, as JSON-LD text safe inside <script>. Its
    @context is inline (@vocab: what https://schema.org's context gives), so the page's data
    reads without fetching anything."""
    portal, base = model.settings.portal, _base(model)
    spans = [y for span in _years(model).values() for y in span]
    doc = {
        "@context": {"@vocab": "http://schema.org/"},
        "@type": "Dataset",
        "@id": base + OUT + "#giai-trinh-mo",
        "name": portal.name,
        "description": f"Dữ liệu mở về trách nhiệm giải trình, tính đến ngày {model.as_of.isoformat()}.",
        "url": base + OUT,
        "inLanguage": "vi",
        "license": portal.licence["path"],
        "isAccessibleForFree": True,
        "dateModified": model.as_of.isoformat(),
        "keywords": ["trách nhiệm giải trình", "Chỉ thị 53-CT/TW"],
        "spatialCoverage": ([{"@type": "Place", "name": portal.area}] if portal.area else [])
                           + [{"@type": "Place", "name": "Việt Nam", "sameAs": COUNTRY}],
        "creator": {"@type": "GovernmentOrganization", "name": portal.publisher},
        "publisher": {"@type": "GovernmentOrganization", "name": portal.publisher},
        "distribution": [{"@type": "DataDownload", "name": f["name"], "contentUrl": base + OUT + f["name"],
                          "encodingFormat": MEDIA[f["name"].rsplit(".", 1)[-1]][0], "contentSize": f"{f['size']} B",
                          "sha256": f["sha256"]}
                         for f in listing if f["name"].rsplit(".", 1)[-1] in MEDIA and f["name"] not in FILES],
    }
    if spans:
        doc["temporalCoverage"] = f"{min(spans)}-01-01/{model.as_of.isoformat()}"
    # compact: it rides on every load of the page, and a province has dozens of downloads
    # < > & escaped as JSON escapes (as Django's json_script does): no text from the data can close
    # the script element or open a comment in it, whatever it holds
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def open_data_pages(model: Model, listing: list[dict]) -> list[Page]:
    """The open-data pages (export.pages), the first carrying the schema.org Dataset."""
    made = export.pages(model, listing)
    made[0].context["jsonld"] = schema_org(model, listing)
    return made
