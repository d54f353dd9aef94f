// bitext review page. Filters (all / flagged / low score, review status,
// flag kind, text search), a progress count, and j / k to step through the
// rows shown; the URL keeps the filters and the current bead
// (?filter=flagged&status=unreviewed&kind=omission&q=text&bead=12). Works
// read-only from file://. Served by `bitext review` (body[data-live]), it
// also sends decisions: c confirm, x reject, m merge with next, s split,
// a accept a flag; mouse: click a row, then its buttons.
(function () {
  "use strict";
  var body = document.body;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.bead"));
  var shown = document.getElementById("shown");
  var status = document.getElementById("status");
  var kind = document.getElementById("kind");
  var search = document.getElementById("q");
  var message = document.getElementById("message");
  var live = body.getAttribute("data-live") === "1";
  var params = new URLSearchParams(location.search);
  var current = -1;

  function filterValue() {
    var checked = document.querySelector("input[name=filter]:checked");
    return checked ? checked.value : "all";
  }

  function matches(r) {
    var f = filterValue();
    if (f === "flagged" && !r.classList.contains("flagged")) return false;
    if (f === "low" && !r.classList.contains("low")) return false;
    var st = r.getAttribute("data-status") || "";
    var want = status ? status.value : "";
    if (want === "unreviewed" && st !== "") return false;
    if (want === "changed" && st !== "corrected") return false;
    if (want && want !== "unreviewed" && want !== "changed" && st !== want) return false;
    var k = kind ? kind.value : "";
    if (k && (" " + (r.getAttribute("data-kinds") || "") + " ").indexOf(" " + k + " ") < 0) return false;
    var q = search ? search.value.trim().toLowerCase() : "";
    if (q && r.textContent.toLowerCase().indexOf(q) < 0) return false;
    return true;
  }

  function saveUrl() {
    var p = new URLSearchParams();
    var f = filterValue();
    if (f !== "all") p.set("filter", f);
    if (status && status.value) p.set("status", status.value);
    if (kind && kind.value) p.set("kind", kind.value);
    if (search && search.value.trim()) p.set("q", search.value.trim());
    if (current >= 0) p.set("bead", String(current));
    var qs = p.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function apply() {
    body.setAttribute("data-filter", filterValue());
    var n = 0;
    rows.forEach(function (r) {
      r.hidden = !matches(r);
      if (!r.hidden) n += 1;
    });
    if (shown) shown.textContent = String(n);
    saveUrl();
  }

  function select(i, scroll) {
    if (i < 0 || i >= rows.length) return;
    if (current >= 0) {
      rows[current].classList.remove("current");
      var old = rows[current].querySelector(".actions");
      if (old) old.remove();
    }
    current = i;
    rows[i].classList.add("current");
    if (live) actions(rows[i]);
    if (scroll) rows[i].scrollIntoView({ block: "center" });
    saveUrl();
  }

  function step(by) {
    for (var i = current + by; i >= 0 && i < rows.length; i += by) {
      if (!rows[i].hidden) {
        select(i, true);
        return;
      }
    }
  }

  // Restore the state the URL names.
  var wanted = (params.get("filter") || "").replace(/[^a-z]/g, "");
  var radio = wanted && document.querySelector("input[name=filter][value='" + wanted + "']");
  if (radio) radio.checked = true;
  function restore(el, name) {
    var v = params.get(name);
    if (!el || v === null) return;
    if (el.tagName === "SELECT") {
      if (Array.prototype.some.call(el.options, function (o) { return o.value === v; })) el.value = v;
    } else {
      el.value = v;
    }
  }
  restore(status, "status");
  restore(kind, "kind");
  restore(search, "q");
  apply();
  var b = parseInt(params.get("bead") || "", 10);
  if (b >= 0 && b < rows.length) select(b, true);

  document.querySelectorAll("input[name=filter]").forEach(function (input) {
    input.addEventListener("change", function () {
      apply();
      // Hand the keyboard back to the page so j / k keep working.
      input.blur();
    });
  });
  [status, kind].forEach(function (el) {
    if (el) el.addEventListener("change", function () { apply(); el.blur(); });
  });
  if (search) search.addEventListener("input", apply);

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    var typing = t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && t.type !== "radio" && t.type !== "checkbox");
    if (typing) {
      if (e.key === "Escape") t.blur();
      return;
    }
    if (e.key === "j") step(1);
    else if (e.key === "k") step(-1);
    else if (e.key === "/" && search) { e.preventDefault(); search.focus(); }
    else if (live && current >= 0) {
      var row = rows[current];
      if (e.key === "c") send(row, { action: "confirm" });
      else if (e.key === "x") send(row, { action: "reject" });
      else if (e.key === "m") send(row, { action: "merge" });
      else if (e.key === "s") toggle(row, ".split");
      else if (e.key === "a") { e.preventDefault(); toggle(row, ".accept"); }
      else if (/^[1-4]$/.test(e.key)) {
        var menu = row.querySelector(".split");
        if (menu && !menu.hidden) {
          var btn = menu.querySelectorAll("button")[Number(e.key) - 1];
          if (btn) btn.click();
        }
      }
    }
  });

  rows.forEach(function (r, i) {
    r.addEventListener("click", function (e) {
      if (e.target.closest("a, button, input, select")) return;
      select(i, false);
    });
  });

  if (!live) return;

  var pair = body.getAttribute("data-pair");
  var level = body.getAttribute("data-level");
  var other = document.getElementById("other-level");
  if (other) {
    other.href = "/" + encodeURIComponent(pair) + (level === "sentence" ? ".paragraph.html" : ".html");
    other.textContent = level === "sentence" ? "paragraph level" : "sentence level";
  }

  function units(row, side) {
    var v = (row.getAttribute(side) || "").trim();
    return v ? v.split(" ").map(Number) : [];
  }

  function send(row, what) {
    var ask = { pair: pair, level: level, src: units(row, "data-s"), tgt: units(row, "data-t") };
    Object.keys(what).forEach(function (k) { ask[k] = what[k]; });
    if (message) message.textContent = "saving…";
    fetch("/api/decide", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(ask)
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error || r.status);
        location.reload();
      });
    }).catch(function (err) {
      if (message) message.textContent = "not saved: " + err.message;
    });
  }

  function toggle(row, which) {
    var el = row.querySelector(which);
    if (!el) return;
    el.hidden = !el.hidden;
    var first = el.querySelector("input, select");
    if (!el.hidden && first) first.focus();
  }

  function button(label, key, onclick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (key) b.title = "key: " + key;
    b.addEventListener("click", onclick);
    return b;
  }

  // The action bar of the current row (built here, so static pages stay
  // plain and the server sends no extra markup).
  function actions(row) {
    var bar = document.createElement("div");
    bar.className = "actions";
    bar.appendChild(button("✓ confirm", "c", function () { send(row, { action: "confirm" }); }));
    bar.appendChild(button("✗ reject", "x", function () { send(row, { action: "reject" }); }));
    bar.appendChild(button("⇣ merge", "m", function () { send(row, { action: "merge" }); }));
    bar.appendChild(button("split…", "s", function () { toggle(row, ".split"); }));
    var kinds = (row.getAttribute("data-kinds") || "").split(" ").filter(Boolean);
    if (kinds.length) bar.appendChild(button("accept flag…", "a", function () { toggle(row, ".accept"); }));

    var split = document.createElement("div");
    split.className = "split";
    split.hidden = true;
    [["src-last-next", "last source unit → next bead"],
     ["tgt-last-next", "last target unit → next bead"],
     ["src-first-prev", "first source unit → previous bead"],
     ["tgt-first-prev", "first target unit → previous bead"]].forEach(function (m, i) {
      split.appendChild(button((i + 1) + " " + m[1], String(i + 1), function () {
        send(row, { action: "split", moves: m[0] });
      }));
    });
    bar.appendChild(split);

    if (kinds.length) {
      var form = document.createElement("form");
      form.className = "accept";
      form.hidden = true;
      var sel = document.createElement("select");
      kinds.forEach(function (k) {
        var o = document.createElement("option");
        o.value = k;
        o.textContent = k;
        sel.appendChild(o);
      });
      var note = document.createElement("input");
      note.type = "text";
      note.placeholder = "note (optional)";
      note.maxLength = 500;
      form.appendChild(sel);
      form.appendChild(note);
      form.appendChild(button("not a divergence", "Enter", function () { form.requestSubmit(); }));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        send(row, { action: "accept", flag: sel.value, note: note.value });
      });
      bar.appendChild(form);
    }
    row.querySelector("td.flags").appendChild(bar);
  }
})();
