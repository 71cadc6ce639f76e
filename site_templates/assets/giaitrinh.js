/* Giải trình mở: search, lookup by code. Everything works without this file (plain links and
   static list pages); this only adds search over the sharded index in tim-kiem/ (see
   generator/search.py for the format) and the lookup of one request by its code. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL("../", script ? script.src : location.href).href; // the site root, wherever it lives
  var PAGE = 20;
  var MAX_TERMS = 10;
  var KIND_PARAM = {"giai-trinh": "g", "ke-hoach": "p", "theo-doi": "f", "quy-che": "q", "giai-trinh-chu-dong": "c", "don-vi": "u"};

  // Must stay identical to generator/search.py normalise(): NFD, drop marks, đ→d, lower case, split.
  function normalise(text) {
    var bare = String(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
    return bare.split(/[^a-z0-9]+/).filter(function (w) { return w; });
  }
  function fnv1a(term) {
    var bytes = new TextEncoder().encode(term), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0; }
    return h >>> 0;
  }
  window.gtNormalise = normalise;
  window.gtHash = fnv1a;
  // What works only with this script (a list's filter form) is hidden in the page until now.
  Array.prototype.forEach.call(document.querySelectorAll("[data-gt-needs-script]"), function (el) { el.hidden = false; });

  var cache = {};
  function getJSON(path, options) {
    if (!cache[path]) {
      cache[path] = fetch(ROOT + path, options).then(function (r) {
        if (!r.ok) { throw new Error(path + ": " + r.status); }
        return r.json();
      });
    }
    return cache[path];
  }
  // The manifest is revalidated on every visit; shards and buckets are keyed by its revision.
  function manifest() { return getJSON("tim-kiem/chi-muc.json", {cache: "no-cache"}); }

  function posting(m, term) {  // as stored: deltas or a bitmap
    return getJSON("tim-kiem/s/" + (fnv1a(term) % m.shards) + ".json?v=" + m.rev).then(function (shard) {
      return shard[term] || [];
    });
  }
  function postings(m, term) { return posting(m, term).then(decode); }
  // A posting list: delta-encoded numbers, or for common terms a base64 bitmap (see search.py).
  var decodeMs = 0;
  function decode(posting) {
    var started = performance.now(), out = [];
    try { return decodeInto(posting, out); } finally { decodeMs += performance.now() - started; }
  }
  function decodeInto(posting, out) {
    if (typeof posting === "string") {
      var bits = atob(posting);
      for (var i = 0; i < bits.length; i++) {
        var byte = bits.charCodeAt(i);
        for (var b = 0; byte; b++, byte >>= 1) { if (byte & 1) { out.push(i * 8 + b); } }
      }
      return out;
    }
    for (var k = 0, total = 0; k < posting.length; k++) { total += posting[k]; out.push(total); }
    return out;
  }
  function intersect(lists) {
    lists.sort(function (a, b) { return a.length - b.length; });
    var result = lists[0];
    for (var k = 1; k < lists.length && result.length; k++) {
      var other = lists[k], out = [], j = 0;
      for (var i = 0; i < result.length; i++) {
        while (j < other.length && other[j] < result[i]) { j++; }
        if (j < other.length && other[j] === result[i]) { out.push(result[i]); }
      }
      result = out;
    }
    return result;
  }
  function docs(m, numbers) {
    var buckets = {};
    numbers.forEach(function (n) { buckets[Math.floor(n / m.bucket)] = true; });
    return Promise.all(Object.keys(buckets).map(function (b) {
      return getJSON("tim-kiem/d/" + b + ".json?v=" + m.rev).then(function (list) { return [b, list]; });
    })).then(function (loaded) {
      var byBucket = {};
      loaded.forEach(function (pair) { byBucket[pair[0]] = pair[1]; });
      return numbers.map(function (n) { return byBucket[Math.floor(n / m.bucket)][n % m.bucket]; });
    });
  }

  function queryFromParams(params) {
    var facets = [];
    var add = function (param, prefix) {
      var v = (params.get(param) || "").trim();
      if (v) { facets.push(prefix + v); }
    };
    add("don_vi", "u:"); add("linh_vuc", "f:"); add("trang_thai", "s:"); add("thoi_han", "t:"); add("nam", "y:");
    var kind = KIND_PARAM[(params.get("loai") || "").trim()];
    if (kind) { facets.push("k:" + kind); }
    // Filters first, then the words, MAX_TERMS in all (mirrors query_terms in generator/search.py).
    var terms = facets.concat(normalise(params.get("q") || "")).filter(function (t, i, all) { return all.indexOf(t) === i; });
    queryFromParams.dropped = Math.max(0, terms.length - MAX_TERMS);
    return terms.slice(0, MAX_TERMS);
  }

  // The fields and units a query names (mirrors named_lists in generator/publish/search.py): a
  // field by all the words of its label in a row, a unit by the last two or more words of its name.
  function typedText(text) { return String(text).normalize("NFC").toLowerCase().split(/\s+/).filter(function (w) { return w; }).join(" "); }
  function runIn(words, run) {
    for (var i = 0; run.length && i + run.length <= words.length; i++) {
      if (run.every(function (w, k) { return words[i + k] === w; })) { return true; }
    }
    return false;
  }
  function namedLists(m, raw) {
    var folded = normalise(raw), typed = typedText(raw), out = [];
    Object.keys(m.lists || {}).sort().forEach(function (term) {
      var text = m.lists[term][0];
      if (runIn(folded, normalise(text))) { out.push({term: term, name: text, url: m.lists[term][1], exact: typed.indexOf(typedText(text)) >= 0}); }
    });
    Object.keys(m.units).sort().forEach(function (uid) {
      var name = m.units[uid], bare = normalise(name), plain = name.split(/\s+/).filter(function (w) { return w; });
      for (var size = bare.length; size > 1; size--) {
        if (runIn(folded, bare.slice(-size))) {
          var tail = plain.length === bare.length ? plain.slice(-size).join(" ") : name;
          out.push({term: "u:" + uid, name: name, url: m.kinds.u[0] + uid + "/", exact: typed.indexOf(typedText(tail)) >= 0});
          break;
        }
      }
    });
    return out;
  }
  // Results in a field or unit the query names first (2 for each, 1 more when typed with the same
  // diacritics), newest first within a score (documents are numbered so). Mirrors rank in search.py.
  // A named list is only asked whether it holds each result: a bitmap is read in place, not decoded.
  function member(posting) {
    if (typeof posting === "string") {
      var bits = atob(posting);
      return function (n) { return (bits.charCodeAt(n >> 3) >> (n & 7)) & 1; };
    }
    var set = new Set(decode(posting));
    return function (n) { return set.has(n); };
  }
  function rank(numbers, boosts) {
    if (!boosts.length || !numbers.length) { return numbers; }
    var score = new Uint16Array(numbers.length), groups = {};
    boosts.forEach(function (b) {
      var add = b[1] ? 3 : 2, has = member(b[0]);
      for (var i = 0; i < numbers.length; i++) { if (has(numbers[i])) { score[i] += add; } }
    });
    for (var i = 0; i < numbers.length; i++) { (groups[score[i]] = groups[score[i]] || []).push(numbers[i]); }
    return Object.keys(groups).map(Number).sort(function (a, b) { return b - a; })
      .reduce(function (out, k) { return out.concat(groups[k]); }, []);
  }

  // Runs a query; resolves to {total, numbers, named, ms} where ms is the script time spent (not the network).
  function search(terms, words) {
    return manifest().then(function (m) {
      var named = namedLists(m, words || "");
      return Promise.all(terms.map(function (t) { return postings(m, t); }).concat(named.map(function (n) { return posting(m, n.term); }))).then(function (lists) {
        var t0 = performance.now();
        var numbers = terms.length ? intersect(lists.slice(0, terms.length)) : [];
        numbers = rank(numbers, lists.slice(terms.length).map(function (l, i) { return [l, named[i].exact]; }));
        return {manifest: m, numbers: numbers, named: named, ms: performance.now() - t0};
      });
    });
  }

  // The static lists of the fields and units the words name: a way on to browse them whole.
  function renderLists(box, found) {
    box.textContent = "";
    if (!found.named.length) { return; }
    var p = el("p", {"class": "gt-named"}, "Danh sách phù hợp với từ khóa: ");
    found.named.forEach(function (n, i) {
      if (i) { p.appendChild(document.createTextNode(" · ")); }
      p.appendChild(el("a", {"href": ROOT + n.url}, (n.term.charAt(0) === "f" ? "Lĩnh vực " : "") + n.name));
    });
    box.appendChild(p);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function renderResults(box, found) {
    var m = found.manifest, shown = 0;
    box.textContent = "";
    var count = el("p", {"class": "gt-count", "role": "status"},
      found.numbers.length ? "Tìm thấy " + found.numbers.length.toLocaleString("vi-VN") + " kết quả." : "Không tìm thấy kết quả nào. Hãy thử ít từ hơn hoặc bỏ bớt điều kiện lọc.");
    box.appendChild(count);
    if (queryFromParams.dropped) {
      box.appendChild(el("p", {}, "Chỉ tìm theo " + MAX_TERMS + " từ khóa và điều kiện lọc đầu tiên; " + queryFromParams.dropped + " từ sau được bỏ qua."));
    }
    // What the date of each kind of record is (publish/search.py, Doc.date).
    var DATE_SAYS = {"g": "Nhận ngày", "p": "Ban hành ngày", "f": "Hạn", "q": "Ban hành ngày"};
    var list = el("ol", {"class": "gt-results"});
    box.appendChild(list);
    var more = el("button", {"type": "button", "class": "md-button"}, "Xem thêm kết quả");
    function next() {
      var slice = found.numbers.slice(shown, shown + PAGE);
      return docs(m, slice).then(function (entries) {
        var t0 = performance.now(); // script time only, not the wait for the files
        entries.forEach(function (d) {
          var kind = m.kinds[d[0]], li = el("li");
          li.appendChild(el("a", {"href": ROOT + kind[0] + d[1] + "/"}, d[2]));
          var meta = [kind[1]];
          if (d[0] !== "u") { meta.push(m.units[d[3]] || d[3]); }
          if (d[4]) { meta.push(d[4]); }
          if (d[5]) { meta.push((DATE_SAYS[d[0]] || "Ngày") + " " + d[5]); }
          li.appendChild(el("span", {"class": "gt-meta"}, meta.join(" · ")));
          list.appendChild(li);
        });
        shown += slice.length;
        if (shown < found.numbers.length) { box.appendChild(more); } else if (more.parentNode) { more.remove(); }
        window.gtLastRenderMs = performance.now() - t0;
      });
    }
    more.addEventListener("click", function () {
      var first = shown;
      next().then(function () { var li = list.children[first]; if (li) { li.querySelector("a").focus(); } });
    });
    return next();
  }

  function setupSearch(form) {
    var box = document.getElementById("gt-results");
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name && params.has(input.name)) { input.value = params.get(input.name); }
    });
    var terms = queryFromParams(params);
    var more = form.querySelector("details");
    if (more && ["loai", "don_vi", "linh_vuc", "trang_thai", "thoi_han", "nam"].some(function (k) { return params.get(k); })) {
      more.open = true;
    }
    if (!terms.length) { return; }
    box.textContent = "Đang tìm…";
    var started = performance.now();
    search(terms, params.get("q") || "").then(function (found) {
      renderLists(document.getElementById("gt-lists"), found);
      return renderResults(box, found).then(function () {
        window.gtLastSearch = {terms: terms, total: found.numbers.length,
                               scriptMs: decodeMs + found.ms + (window.gtLastRenderMs || 0),
                               wallMs: performance.now() - started};
        document.documentElement.setAttribute("data-gt-search", "done");
      });
    }).catch(function () {
      box.textContent = "Không tải được chỉ mục tìm kiếm. Vui lòng thử lại hoặc duyệt danh sách theo đơn vị, lĩnh vực.";
      document.documentElement.setAttribute("data-gt-search", "error");
    });
  }

  // Lookup of one request by its code, as people copy it off a receipt: any case, spaces or dots
  // for hyphens, hyphens missing. The codes are read from the static pages of codes per unit and
  // year (generator/pages/lookup.py) that this page links to, so no address is guessed.
  function squash(code) { return code.replace(/-/g, ""); }
  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) { row.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var diag = row[0];
      row[0] = i;
      for (var k = 1; k <= b.length; k++) {
        var up = row[k];
        row[k] = Math.min(row[k] + 1, row[k - 1] + 1, diag + (a.charAt(i - 1) === b.charAt(k - 1) ? 0 : 1));
        diag = up;
      }
    }
    return row[b.length];
  }
  // The pages of codes to read: those of the unit the code starts with (or nearly), its year first.
  function codePages(flat) {
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-gt-unit] a")), best = null, bestScore = 3;
    var unitOf = function (a) { return a.parentNode.getAttribute("data-gt-unit"); };
    var yearOf = function (a) { return a.getAttribute("href").split("/").filter(function (p) { return p; }).pop(); };
    links.forEach(function (a) {
      var unit = squash(unitOf(a));
      var score = flat.indexOf(unit) === 0 ? -unit.length : distance(unit, flat.slice(0, unit.length));
      if (score < bestScore) { best = unitOf(a); bestScore = score; }
    });
    var mine = links.filter(function (a) { return unitOf(a) === best; });
    var rest = flat.slice(squash(best || "").length);
    return mine.filter(function (a) { return rest.indexOf(yearOf(a)) === 0; })
      .concat(mine.filter(function (a) { return rest.indexOf(yearOf(a)) !== 0; }));
  }
  function readCodes(links) {
    return Promise.all(links.map(function (a) {
      return fetch(a.href).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        return Array.prototype.map.call(page.querySelectorAll("a.gt-code-link"), function (link) {
          return {code: link.textContent.trim(), url: new URL(link.getAttribute("href"), a.href).href};
        });
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }
  function lookup(raw, box) {
    var typed = raw.trim(), code = normalise(typed).join("-");
    box.textContent = "";
    if (!code || code.length > 64) {
      box.appendChild(el("p", {"class": "gt-error"}, "Mã tra cứu gồm chữ cái, chữ số và dấu gạch ngang, ví dụ xa-thien-tan-2026-001."));
      return Promise.resolve(false);
    }
    box.textContent = "Đang tra cứu…";
    var flat = squash(code);
    return readCodes(codePages(flat)).then(function (codes) {
      var found = codes.filter(function (c) { return squash(c.code) === flat; })[0];
      if (found) { return showRecord(found.code, found.url, box); }
      // "Did you mean": the codes nearest to the one typed (one or two letters apart), at most three.
      var far = codes.map(function (c) { return distance(squash(c.code), flat); });
      var nearest = Math.min.apply(null, far.concat([3]));
      var close = codes.filter(function (c, i) { return far[i] === nearest; }).slice(0, 3);
      notFound(box, typed, close);
      return false;
    }).catch(function () { notFound(box, typed, []); return false; });
  }
  function notFound(box, typed, close) {
    box.textContent = "";
    box.appendChild(el("p", {"class": "gt-error"}, "Không tìm thấy yêu cầu có mã “" + typed + "”. Kiểm tra lại mã trên giấy biên nhận; hồ sơ chưa đến ngày công khai cũng chưa hiện trên cổng."));
    if (close.length) {
      var p = el("p", {"class": "gt-did-you-mean"}, "Có phải bạn muốn tìm: ");
      close.forEach(function (c, i) {
        if (i) { p.appendChild(document.createTextNode(", ")); }
        p.appendChild(el("a", {"href": c.url}, c.code));
      });
      p.appendChild(document.createTextNode("?"));
      box.appendChild(p);
    }
  }
  function showRecord(code, url, box) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error("missing"); }
      return r.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var article = page.querySelector("article") || page.body;
      var h1 = article.querySelector("h1");
      box.textContent = "";
      var card = el("section", {"class": "gt-lookup-card", "aria-label": "Kết quả tra cứu"});
      var h2 = el("h2", {}, "");
      h2.appendChild(el("a", {"href": url}, h1 ? h1.textContent.trim() : code));
      card.appendChild(h2);
      card.appendChild(el("p", {}, "Mã tra cứu: " + code));
      var keep = [article.querySelector(".gt-badge"), article.querySelector(".gt-timeline"),
                  article.querySelector(".admonition")];
      var answer = article.querySelector("#giai-trinh");
      if (answer) {
        keep.push(answer);
        for (var n = answer.nextElementSibling; n && n.tagName !== "H2"; n = n.nextElementSibling) { keep.push(n); }
      }
      keep.forEach(function (node) {
        if (!node) { return; }
        var copy = document.importNode(node, true);
        copy.removeAttribute("id");
        if (copy.tagName === "H2") { copy = el("h3", {}, copy.textContent); }
        [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[href]"))).forEach(function (a) {
          if (a.getAttribute && a.getAttribute("href")) { a.setAttribute("href", new URL(a.getAttribute("href"), url).href); }
        });
        card.appendChild(node.classList && node.classList.contains("gt-badge") ? wrap(copy) : copy);
      });
      card.appendChild(el("p", {}, "")).appendChild(el("a", {"href": url}, "Xem toàn bộ hồ sơ"));
      box.appendChild(card);
      return true;
    });
  }
  function wrap(node) { var p = el("p"); p.appendChild(node); return p; }

  function setupLookup(form) {
    var box = document.getElementById("gt-lookup-result"), input = form.querySelector("input[name=ma]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.replaceState(null, "", "?ma=" + encodeURIComponent(input.value.trim()));
      lookup(input.value, box).then(function () { document.documentElement.setAttribute("data-gt-lookup", "done"); });
    });
    var given = new URLSearchParams(location.search).get("ma");
    if (given) {
      input.value = given;
      lookup(given, box).then(function () { document.documentElement.setAttribute("data-gt-lookup", "done"); });
    }
  }

  // On paper a link's full address is printed (the stylesheet falls back to the relative one).
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("article a[href]"), function (a) {
      a.setAttribute("data-gt-url", a.href);
    });
  });

  function start() {
    var s = document.getElementById("gt-search");
    if (s) { setupSearch(s); }
    var l = document.getElementById("gt-lookup");
    if (l) { setupLookup(l); }
  }
  window.gtDecode = decode;
  window.gtNamedLists = namedLists;
  window.gtRank = rank;
  window.gtSearchTerms = function (query) { return queryFromParams(new URLSearchParams(query)); };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

/* Follow pages (don-vi/<unit>/nhan-tin/): an address to copy. Without this script the read-only
   field already holds it, selectable by hand; with it the field shows the full address, is
   selected when tapped and a button copies it. */
(function () {
  "use strict";
  function setupCopy() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-gt-absolute]"), function (input) {
      input.value = new URL(input.value, location.href).href;
      input.addEventListener("focus", function () { input.select(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("button[data-gt-copy]"), function (button) {
      var input = document.getElementById(button.getAttribute("data-gt-copy"));
      var status = button.parentNode.querySelector(".gt-copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        input.focus();
        input.select();
        var done = function () { status.textContent = "Đã sao chép địa chỉ."; };
        var shown = function () { status.textContent = "Địa chỉ đã được chọn: bấm giữ để sao chép."; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(input.value).then(done, shown);
        } else {
          shown();
        }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setupCopy); } else { setupCopy(); }
})();
