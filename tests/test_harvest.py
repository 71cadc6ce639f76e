"""Harvestable metadata: the DCAT-AP catalogue (du-lieu-mo/dcat.jsonld and dcat.ttl) and the
schema.org Dataset of the open-data page, read by a real RDF library (rdflib) and checked with
pyshacl against tests/shapes/dcat-ap-3-mandatory.ttl: a hand-written subset of DCAT-AP 3 (the
official shapes cannot be downloaded at test time and no PyPI package ships them)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

SHAPES = Path(__file__).parent / "shapes" / "dcat-ap-3-mandatory.ttl"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SDO = Namespace("http://schema.org/")


@pytest.fixture(scope="module")
def catalogue(sample_site: Path) -> Graph:
    return Graph().parse(sample_site / "du-lieu-mo" / "dcat.jsonld", format="json-ld")


def test_jsonld_and_turtle_are_the_same_graph(sample_site: Path, catalogue: Graph):
    turtle = Graph().parse(sample_site / "du-lieu-mo" / "dcat.ttl", format="turtle")
    assert len(catalogue) > 300
    assert isomorphic(catalogue, turtle)


def test_catalogue_conforms_to_the_shapes(catalogue: Graph):
    conforms, _, text = pyshacl.validate(catalogue, shacl_graph=str(SHAPES), data_graph_format="json-ld")
    assert conforms, text


def test_the_shapes_can_fail(catalogue: Graph):
    """A distribution without its checksum, or a dataset without its title, is caught."""
    broken = Graph()
    for triple in catalogue:
        broken.add(triple)
    dist = next(catalogue.subjects(RDF.type, DCAT.Distribution))
    broken.remove((dist, SPDX.checksum, None))
    dataset = next(catalogue.subjects(RDF.type, DCAT.Dataset))
    broken.remove((dataset, DCT.title, None))
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=str(SHAPES))
    assert not conforms
    SH = Namespace("http://www.w3.org/ns/shacl#")
    failed = {(report.value(r, SH.focusNode), report.value(r, SH.resultPath)) for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert failed == {(dist, SPDX.checksum), (dataset, DCT.title)}


def test_every_distribution_has_the_size_and_sha256_of_the_published_file(sample_site: Path, catalogue: Graph):
    base = "https://giaitrinh.langson.gov.vn/"
    dists = list(catalogue.subjects(RDF.type, DCAT.Distribution))
    published = {p.relative_to(sample_site).as_posix() for p in (sample_site / "du-lieu-mo").rglob("*")
                 if p.suffix in (".csv", ".json", ".xlsx", ".zip")}
    assert {str(catalogue.value(d, DCAT.downloadURL)).removeprefix(base) for d in dists} == published
    for d in dists:
        path = sample_site / str(catalogue.value(d, DCAT.downloadURL)).removeprefix(base)
        data = path.read_bytes()
        assert catalogue.value(d, DCAT.byteSize).toPython() == len(data)
        checksum = catalogue.value(d, SPDX.checksum)
        assert catalogue.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(catalogue.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
    csv = URIRef(base + "du-lieu-mo/explanations.csv#phan-phoi")
    assert catalogue.value(csv, DCAT.mediaType) == URIRef("http://www.iana.org/assignments/media-types/text/csv")
    assert catalogue.value(csv, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/deed.vi")


def test_datasets_carry_publisher_and_coverage(catalogue: Graph):
    explanations = URIRef("https://giaitrinh.langson.gov.vn/du-lieu-mo/#explanations")
    assert catalogue.value(explanations, DCT.title) == Literal("Yêu cầu giải trình", lang="vi")
    publisher = catalogue.value(explanations, DCT.publisher)
    assert str(catalogue.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name"))) == "Thanh tra tỉnh Lạng Sơn"
    places = set(catalogue.objects(explanations, DCT.spatial))
    assert URIRef("http://publications.europa.eu/resource/authority/country/VNM") in places
    named = [catalogue.value(p, URIRef("http://www.w3.org/ns/locn#geographicName")) for p in places]
    assert Literal("tỉnh Lạng Sơn", lang="vi") in named  # area: in data/portal.yaml
    period = catalogue.value(explanations, DCT.temporal)
    assert (catalogue.value(period, DCAT.startDate).toPython().isoformat(),
            catalogue.value(period, DCAT.endDate).toPython().isoformat()) == ("2025-01-01", "2026-11-23")


def test_open_data_page_has_a_schema_org_dataset(sample_site: Path):
    html = (sample_site / "du-lieu-mo" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    json.loads(found[0])  # plain JSON too
    g = Graph().parse(data=found[0], format="json-ld")
    dataset = next(g.subjects(RDF.type, SDO.Dataset))
    assert str(g.value(dataset, SDO.license)) == "https://creativecommons.org/licenses/by/4.0/deed.vi"
    downloads = list(g.objects(dataset, SDO.distribution))
    zips = [d for d in downloads if str(g.value(d, SDO.name)) == "giai-trinh-mo.zip"]
    data = (sample_site / "du-lieu-mo" / "giai-trinh-mo.zip").read_bytes()
    assert str(g.value(zips[0], SDO.sha256)) == hashlib.sha256(data).hexdigest()
    assert str(g.value(zips[0], SDO.encodingFormat)) == "application/zip"
    assert str(g.value(dataset, SDO.temporalCoverage)).endswith("/2026-11-23")
    assert {str(g.value(p, SDO.name)) for p in g.objects(dataset, SDO.spatialCoverage)} == {"tỉnh Lạng Sơn", "Việt Nam"}
