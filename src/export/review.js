// bitext review page: filter beads (all / flagged / low score, also from
// the URL: ?filter=flagged), count the rows shown, and step through them
// with j / k. No dependencies, works from file://.
(function () {
  "use strict";
  var body = document.body;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.bead"));
  var shown = document.getElementById("shown");
  function apply(value) {
    body.setAttribute("data-filter", value);
    var n = rows.filter(function (r) { return getComputedStyle(r).display !== "none"; }).length;
    if (shown) shown.textContent = String(n);
  }
  document.querySelectorAll("input[name=filter]").forEach(function (input) {
    input.addEventListener("change", function () { apply(input.value); });
  });
  var wanted = new URLSearchParams(location.search).get("filter");
  var radio = wanted && document.querySelector("input[name=filter][value='" + wanted.replace(/[^a-z]/g, "") + "']");
  if (radio) radio.checked = true;
  apply(radio ? radio.value : "all");
  var current = -1;
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || (e.key !== "j" && e.key !== "k")) return;
    var step = e.key === "j" ? 1 : -1;
    for (var i = current + step; i >= 0 && i < rows.length; i += step) {
      if (getComputedStyle(rows[i]).display !== "none") {
        if (current >= 0) rows[current].classList.remove("current");
        current = i;
        rows[i].classList.add("current");
        rows[i].scrollIntoView({ block: "center" });
        break;
      }
    }
  });
})();
