/* Giải trình mở: the request form of a unit's page (don-vi/<unit>/yeu-cau-giai-trinh/).
   Everything stays in this page: nothing typed is sent or stored (no cookie, no storage); the only
   request made is for the portal's working-day calendar (lich-lam-viec.json, written by
   generator/publish/request_calendar.py from the calendar the build counts deadlines with).
   The deadline count follows generator/rules/clock.py: the day of receipt is not counted, a
   working-day count ends on a working day, a period of days that ends on a day off ends on the
   next working day, an extension lengthens the period and the end is rolled once. */
(function () {
  "use strict";
  var form = document.getElementById("yc-form");
  if (!form) { return; }
  var WEEKDAYS = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];
  var REQUIRED = ["ho_ten", "dia_chi", "lien_he", "quyet_dinh", "tac_dong", "noi_dung"];
  var intake = form.hasAttribute("action");
  var letter = document.getElementById("yc-thu");
  var blanks = {};
  letter.querySelectorAll("[data-yc]").forEach(function (el) { blanks[el.getAttribute("data-yc")] = blanks[el.getAttribute("data-yc")] || []; blanks[el.getAttribute("data-yc")].push([el, el.innerHTML]); });

  form.hidden = false;
  form.noValidate = true;  // the messages below name what is missing in words; without this script the browser's own check stays
  document.getElementById("yc-gui").hidden = false;
  document.getElementById("yc-in-huong-dan").hidden = false;
  document.getElementById("yc-thu-huong-dan").textContent =
    "Thư được điền từ biểu mẫu ở trên; chỗ còn trống để bạn viết tay. In thư, ký hoặc điểm chỉ rồi gửi đi.";

  function value(name) { var el = form.elements[name]; return el ? el.value.trim() : ""; }

  function check(name) {
    var el = form.elements[name], msg = document.getElementById("yc-" + name + "-loi");
    var missing = !value(name);
    msg.textContent = missing ? "Chưa điền: " + el.getAttribute("data-need") : "";
    if (missing) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
    return !missing;
  }

  // The letter: the citizen's text in the blanks (as text, never as markup), today's date.
  function fill() {
    Object.keys(blanks).forEach(function (name) {
      var text = value(name);
      blanks[name].forEach(function (pair) {
        if (text) { pair[0].textContent = text; } else { pair[0].innerHTML = pair[1]; }
      });
    });
    var today = new Date();
    letter.querySelector('[data-yc-ngay="d"]').textContent = pad(today.getDate());
    letter.querySelector('[data-yc-ngay="m"]').textContent = pad(today.getMonth() + 1);
    letter.querySelector('[data-yc-ngay="y"]').textContent = String(today.getFullYear());
  }

  function letterText() {
    return letter.innerText.replace(/\n{3,}/g, "\n\n").trim();
  }

  function mailto() {
    var a = document.getElementById("yc-mailto");
    if (!a) { return; }
    var subject = "Yêu cầu giải trình: " + value("quyet_dinh").slice(0, 80);
    var body = letterText() + "\n\n(Bản đã ký hoặc điểm chỉ được đính kèm thư này.)";
    a.href = "mailto:" + form.getAttribute("data-email") + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body);
  }

  form.addEventListener("submit", function (event) {
    var missing = REQUIRED.filter(function (name) { return !check(name); });
    var summary = document.getElementById("yc-tom-tat");
    fill();
    mailto();
    if (missing.length) {
      event.preventDefault();
      summary.textContent = "Văn bản còn thiếu " + missing.length + " nội dung bắt buộc: xem các dòng báo đỏ ở trên.";
      form.elements[missing[0]].focus();
      return;
    }
    summary.textContent = intake ? "Đang gửi tới hệ thống tiếp nhận của tỉnh." :
      "Đã đủ nội dung bắt buộc. Xem thư bên dưới, rồi in hoặc lưu PDF, ký và gửi đi.";
    if (!intake) {
      event.preventDefault();
      document.getElementById("yc-thu-wrap").scrollIntoView();
    }
  });
  REQUIRED.forEach(function (name) {
    // Re-checked as the citizen types, not on leaving the field: a message that vanished on blur
    // would move the button under a click that had started on it.
    form.elements[name].addEventListener("input", function () { if (form.elements[name].getAttribute("aria-invalid")) { check(name); } });
  });
  form.addEventListener("input", function () { fill(); mailto(); });
  document.getElementById("yc-in").addEventListener("click", function () { fill(); window.print(); });

  // Deadlines from today.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function addDays(d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); }
  function vi(d) { return WEEKDAYS[d.getDay()] + ", " + pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }

  function clock(cal) {
    function inRange(d) { return iso(d) >= cal.from && iso(d) <= cal.to; }
    function working(d) {
      if (!inRange(d)) { throw new Error("ngoài lịch"); }
      var key = iso(d), weekend = d.getDay() === 0 || d.getDay() === 6;
      if (cal.worked[key] !== undefined) { return true; }
      return !weekend && cal.off[key] === undefined;
    }
    return {
      addWorking: function (d, n) { while (n > 0) { d = addDays(d, 1); if (working(d)) { n -= 1; } } return d; },
      roll: function (d) { while (!working(d)) { d = addDays(d, 1); } return d; }
    };
  }

  function ruleFor(rules, day) {
    var current = null;
    rules.forEach(function (r) { if (r.effective_from <= day) { current = r; } });
    return current;
  }

  // Text from the data files (the unit's name, a rule's title and basis) goes into markup escaped.
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; });
  }

  function row(id, title, date, how) {
    return '<li><strong>' + title + '</strong>: <time id="' + id + '" datetime="' + iso(date) + '" data-date="' +
      iso(date) + '">' + vi(date) + '</time> (' + how + ')</li>';
  }

  function show(cal) {
    var box = document.getElementById("yc-han");
    var today = new Date(), start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    var rule = ruleFor(cal.rules, iso(start));
    if (!rule) { return; }
    var c = clock(cal), html;
    try {
      var accept = c.addWorking(start, rule.accept_working_days);
      var end = rule.answer_day_kind === "working" ? c.addWorking(accept, rule.answer_days) : addDays(accept, rule.answer_days);
      var answer = c.roll(end);
      var extended = rule.max_extensions ? c.roll(addDays(end, rule.extension_max_days)) : null;
      var unit = rule.answer_day_kind === "working" ? " ngày làm việc" : " ngày";
      html = "<h3>Nếu " + esc(document.getElementById("yc-ten-don-vi").textContent) + " nhận được yêu cầu hôm nay, " + vi(start) + "</h3><ul>" +
        row("yc-han-tiep-nhan", "Hạn thông báo tiếp nhận hoặc từ chối", accept,
            rule.accept_working_days + " ngày làm việc, không tính ngày nhận") +
        row("yc-han-giai-trinh", "Hạn giải trình, nếu cơ quan ra thông báo tiếp nhận vào ngày cuối của hạn trên", answer,
            rule.answer_days + unit + " kể từ ngày ra thông báo tiếp nhận") +
        (extended ? row("yc-han-gia-han", "Hạn giải trình nếu được gia hạn tối đa", extended,
            "thêm " + rule.extension_max_days + " ngày") : "") + "</ul>";
      html += "<p>Tính theo " + esc(rule.title) + " (" + esc(rule.basis) + "). Cơ quan thông báo tiếp nhận sớm hơn thì hạn giải trình cũng sớm hơn: " +
        "tính từ ngày ghi trên thông báo. Thư gửi qua bưu điện thì hạn tính từ ngày cơ quan nhận được thư.</p>";
      var last = extended || answer, unconfirmed = [];
      for (var y = start.getFullYear(); y <= last.getFullYear(); y++) {
        if (cal.confirmed_years.indexOf(y) < 0) { unconfirmed.push(y); }
      }
      if (unconfirmed.length) {
        html += "<p>Lưu ý: lịch ngày nghỉ năm " + unconfirmed.join(", ") + " chưa được xác nhận trên cổng: chỉ các ngày lễ cố định " +
          "hằng năm được trừ, nên hạn thật có thể muộn hơn.</p>";
      }
    } catch (e) {
      html = "<p>Lịch ngày làm việc của cổng chưa có đến ngày cần tính; hãy đếm theo cách ở trên.</p>";
    }
    box.innerHTML = html;
    box.hidden = false;
  }

  fetch(form.getAttribute("data-lich")).then(function (r) {
    if (!r.ok) { throw new Error(r.status); }
    return r.json();
  }).then(show).catch(function () { /* the page already says how deadlines run */ });
  fill();
}());
