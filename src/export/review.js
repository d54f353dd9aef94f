// bitext review page: filter beads (all / flagged / low score) and step
// through the visible ones with j / k. No dependencies, works from file://.
(function () {
  "use strict";
  var body = document.body;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.bead"));
  document.querySelectorAll("input[name=filter]").forEach(function (input) {
    input.addEventListener("change", function () {
      body.setAttribute("data-filter", input.value);
    });
  });
  var current = -1;
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || (e.key !== "j" && e.key !== "k")) return;
    var step = e.key === "j" ? 1 : -1;
    for (var i = current + step; i >= 0 && i < rows.length; i += step) {
      if (rows[i].offsetParent !== null) {
        if (current >= 0) rows[current].classList.remove("current");
        current = i;
        rows[i].classList.add("current");
        rows[i].scrollIntoView({ block: "center" });
        break;
      }
    }
  });
})();
