"""The citizens' search index: small, sharded, static files under tim-kiem/.

Full-page indexing does not scale (a province-decade is 100,000 records; Material's index and
full-page Pagefind both ship megabytes and spend seconds on common Vietnamese syllables). So we
index only what citizens search for: a record's title or subject, its unit's name, its field's
label and its code, plus facet terms (u:<unit>, f:<field>, s:<status>, t:<timeliness>,
y:<year>, k:<kind>) so that the same index answers the list filters.

Files, all JSON:
  tim-kiem/chi-muc.json   manifest: counts, shard and bucket sizes, unit names, kinds, revision
  tim-kiem/s/<n>.json     shard n: {term: posting list}, terms hashed to shards with FNV-1a;
                          a posting list is the sorted document numbers, delta-encoded (a JSON
                          array), or for a term in more than 1 document in DENSE a bitmap
                          (a base64 string, bit n of byte n>>3 set for document n): common
                          Vietnamese syllables cost N/8 bytes, not 2-3 bytes per document
  tim-kiem/d/<n>.json     documents n*BUCKET … n*BUCKET+BUCKET-1: [kind, id, title, unit, status, date]

Document numbers are assigned units first, then newest first, so intersecting posting lists
yields results already in the order they are shown and only the first buckets are fetched.
`normalise` must stay identical to `normalise` in site_templates/assets/giaitrinh.js
(tests/test_search.py runs both on the same strings).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model.model import Model
from ..pages import browse
from ..pages.render import label, vi_date

FOLDER = "tim-kiem/"
MANIFEST = FOLDER + "chi-muc.json"
# Documents per metadata file. The first 20 results of a rare term can lie in 20 different
# files: measured at 100,000 records that costs 230 KB gzipped with 500 per file, 67 KB with 100
# (3 KB a file), so the worst first query stays within its 300 KB.
BUCKET = 100
DOCS_PER_SHARD = 200  # measured at 100,000 records: a rare term's shard is 3 KB gzipped (8 KB at 400)
DENSE = 16  # above docs/DENSE postings a bitmap is smaller than the deltas, raw and gzipped
MIN_SHARDS = 16
MAX_TERMS = 10  # a query looks up at most this many terms (filters first): at most ~10 shards downloaded
# kind code -> (address prefix, Vietnamese name); kept short because they repeat in every bucket
KINDS = {"u": ("don-vi/", "Đơn vị"), "g": ("giai-trinh/", "Yêu cầu giải trình"),
         "p": ("ke-hoach/", "Kế hoạch"), "f": ("theo-doi/", "Theo dõi cam kết"),
         "q": ("quy-che/", "Quy chế, quy định nội bộ")}
_SPLIT = re.compile(r"[^a-z0-9]+")


class _Bare(dict):
    """Character -> the same without diacritics, lower case (filled on first use).

    Equal to applying NFD, dropping marks (category M), đ -> d and lower() to the whole text:
    NFD only decomposes, and the reordering it does moves marks, which are dropped anyway."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
        self[code] = value = bare.replace("đ", "d").replace("Đ", "D").lower()
        return value


_BARE = _Bare()


def normalise(text: str) -> list[str]:
    """Words of a text without diacritics, lower case: "Đất đai" -> ["dat", "dai"]."""
    return [w for w in _SPLIT.split(text.translate(_BARE)) if w]


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the term's UTF-8 bytes: cheap and identical in JavaScript."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_count(docs: int) -> int:
    return max(MIN_SHARDS, -(-docs // DOCS_PER_SHARD))


@dataclass(frozen=True)
class Doc:
    kind: str
    id: str
    title: str
    unit: str
    status: str
    date: dt.date | None
    words: tuple[str, ...]  # texts whose words are indexed: its own, then shared ones (unit name, label)
    facets: tuple[str, ...]

    def entry(self) -> list:
        return [self.kind, self.id, self.title, self.unit, self.status,
                vi_date(self.date)]

    def terms(self) -> set[str]:
        own, *shared = self.words
        return set(normalise(own)).union(self.facets, *map(_shared_words, shared))


@functools.lru_cache(maxsize=4096)
def _shared_words(text: str) -> frozenset[str]:
    """The words of a text many documents share (a unit's name, a field's label), found once."""
    return frozenset(normalise(text))


def documents(model: Model) -> list[Doc]:
    """Every searchable record, numbered by position: units, then newest first."""
    units = model.units
    out: list[Doc] = []
    for r in model.explanations:
        name = units[r["unit"]]["name"]
        out.append(Doc("g", r["id"], r["subject"], r["unit"],
                       f"{label('explanations', 'status', r['status'])} · "
                       f"{label('explanations', 'timeliness', r['timeliness'])}",
                       r["received_on"], (f"{r['subject']} {r['id']}", name, label("explanations", "field", r["field"])),
                       ("k:g", f"u:{r['unit']}", f"f:{r['field']}", f"s:{r['status']}", f"t:{r['timeliness']}",
                        f"y:{r['received_on'].year}")))
    for p in model.plans:
        done = sum(t["status"] == "done" for t in p["tasks"])
        out.append(Doc("p", p["id"], f"{p['number']}: {p['title']}", p["unit"],
                       f"{done}/{len(p['tasks'])} nhiệm vụ hoàn thành", p["issued_on"],
                       (f"{p['number']} {p['title']} {p['id']}", units[p["unit"]]["name"]),
                       ("k:p", f"u:{p['unit']}", f"y:{p['issued_on'].year}")))
    for f in model.follow_ups:
        title = f["commitment"] if len(f["commitment"]) <= 140 else f["commitment"][:139] + "…"
        facets = ["k:f", f"u:{f['unit']}", f"s:{f['status']}"] + ([f"y:{f['due_on'].year}"] if f.get("due_on") else [])
        out.append(Doc("f", f["id"], title, f["unit"], label("follow_ups", "status", f["status"]), f.get("due_on"),
                       (f"{title} {f['id']} {f.get('source_ref') or ''}", units[f["unit"]]["name"]),
                       tuple(facets)))
    for q in model.regulations:
        status = label("regulations", "status", q["status"]) + (" · Quá hạn rà soát" if q["review_overdue"] else "")
        out.append(Doc("q", q["id"], f"{q['number']}: {q['title']}", q["unit"], status, q["issued_on"],
                       (f"{q['number']} {q['title']} {q['id']}", units[q["unit"]]["name"],
                        label("regulations", "kind", q["kind"]), label("regulations", "topic", q["topic"])),
                       ("k:q", f"u:{q['unit']}", f"s:{q['status']}", f"y:{q['issued_on'].year}")))
    out.sort(key=lambda d: (d.date or dt.date.min, d.kind, d.id), reverse=True)
    head = [Doc("u", uid, u["name"], uid, label("units", "kind", u["kind"]), None, (f"{u['name']} {uid}",),
                ("k:u", f"u:{uid}")) for uid, u in sorted(units.items(), key=lambda kv: kv[1]["name"])]
    return head + out


def postings(docs: Iterable[Doc]) -> dict[str, list[int]]:
    lists: dict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs):
        for term in doc.terms():
            lists[term].append(n)  # documents are visited in order: every list is sorted
    return lists


def delta(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + numbers, numbers, strict=False)]


def encode(numbers: list[int], docs: int) -> list[int] | str:
    if len(numbers) * DENSE <= docs:
        return delta(numbers)
    bits = bytearray((docs + 7) // 8)
    for n in numbers:
        bits[n >> 3] |= 1 << (n & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def decode(posting: list[int] | str) -> list[int]:
    if isinstance(posting, str):
        bits = base64.b64decode(posting)
        return [i * 8 + b for i, byte in enumerate(bits) if byte for b in range(8) if byte >> b & 1]
    numbers, total = [], 0
    for d in posting:
        total += d
        numbers.append(total)
    return numbers


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def files(model: Model) -> dict[str, bytes]:
    """{path: bytes} of the whole index, deterministic for the same model."""
    docs = documents(model)
    n_shards = shard_count(len(docs))
    shards: list[dict[str, list[int]]] = [{} for _ in range(n_shards)]
    for term, numbers in postings(docs).items():
        shards[fnv1a(term) % n_shards][term] = encode(numbers, len(docs))
    out: dict[str, bytes] = {}
    for i, shard in enumerate(shards):
        out[f"{FOLDER}s/{i}.json"] = _json(shard)
    for start in range(0, max(len(docs), 1), BUCKET):
        out[f"{FOLDER}d/{start // BUCKET}.json"] = _json([d.entry() for d in docs[start:start + BUCKET]])
    digest = hashlib.sha256()
    for path in sorted(out):
        digest.update(path.encode() + b"\0" + out[path])
    manifest = {"v": 1, "docs": len(docs), "shards": n_shards, "bucket": BUCKET,
                "rev": digest.hexdigest()[:12],
                "units": {uid: u["name"] for uid, u in model.units.items()},
                "lists": {f"f:{v}": [text, url] for v, (text, url) in browse.field_lists(model).items()},
                "kinds": {k: list(v) for k, v in KINDS.items()}}
    out[MANIFEST] = _json(manifest)
    return out


def query_terms(words: str, facets: Iterable[str] = ()) -> list[str]:
    """The terms the browser looks up for a query (mirrors queryFromParams in the JavaScript):
    the filters, then the first words, MAX_TERMS in all, so a pasted paragraph cannot make a
    phone download the whole index."""
    facets = list(dict.fromkeys(facets))
    words = [w for w in dict.fromkeys(normalise(words)) if w not in facets]
    return (facets + words)[:MAX_TERMS]


def named_lists(manifest: dict, words: str) -> list[tuple[str, str, str, bool]]:
    """The fields and units a query names (mirrors namedLists in the JavaScript): (term, name,
    address, typed with the same diacritics). A field is named by all the words of its label in a
    row; a unit by the last two or more words of its name in a row ("thien tan" names "Ủy ban nhân
    dân xã Thiên Tân", "tan" alone names nothing)."""
    folded, typed = normalise(words), _typed(words)
    out = []
    for term, (text, url) in sorted(manifest.get("lists", {}).items()):
        if _run_in(folded, normalise(text)):
            out.append((term, text, url, _typed(text) in typed))
    for uid, name in sorted(manifest["units"].items()):
        bare, plain = normalise(name), name.split()
        for size in range(len(bare), 1, -1):
            if _run_in(folded, bare[-size:]):
                tail = " ".join(plain[-size:]) if len(plain) == len(bare) else name
                out.append((f"u:{uid}", name, f"{KINDS['u'][0]}{uid}/", _typed(tail) in typed))
                break
    return out


def _typed(text: str) -> str:
    """A text as typed, diacritics kept: NFC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _run_in(words: list[str], run: list[str]) -> bool:
    return bool(run) and any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def rank(numbers: list[int], boosts: list[tuple[list[int], bool]]) -> list[int]:
    """Results in the field or unit the query names first (2 for each, 1 more when typed with the
    same diacritics), then the others; newest first within a score (documents are numbered so)."""
    if not boosts:
        return numbers
    score = dict.fromkeys(numbers, 0)
    for listed, exact in boosts:
        for n in listed:
            if n in score:
                score[n] += 3 if exact else 2
    return sorted(numbers, key=lambda n: -score[n])


def search(index: dict[str, bytes], words: str, facets: Iterable[str] = ()) -> Iterator[list]:
    """Reference implementation of the browser's search over the files: AND of every term,
    ranked by `rank`."""
    manifest = json.loads(index[MANIFEST])

    def posting(term: str) -> list[int]:
        return decode(json.loads(index[f"{FOLDER}s/{fnv1a(term) % manifest['shards']}.json"]).get(term, []))

    result: list[int] | None = None
    for term in query_terms(words, facets):
        numbers = posting(term)
        result = numbers if result is None else sorted(set(result) & set(numbers))
    boosts = [(posting(term), exact) for term, _, _, exact in named_lists(manifest, words)]
    for n in rank(result or [], boosts):
        yield json.loads(index[f"{FOLDER}d/{n // manifest['bucket']}.json"])[n % manifest["bucket"]]
