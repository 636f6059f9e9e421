(function () {
  "use strict";
  function one(selector, root) { return (root || document).querySelector(selector); }
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  var severity = one("#f-severity");
  var code = one("#f-code");
  var post = one("#f-post");
  var search = one("#f-search");
  var sort = one("#f-sort");
  var shown = one("#shown");
  var showAll = one("#f-all");
  var total = all(".citation").length;
  var defaultAll = showAll.checked;  // checked by the page when nothing has a finding

  function has(list, token) { return (" " + list + " ").indexOf(" " + token + " ") >= 0; }

  // NFKC folds width (a full-width ＢＢＣ is BBC), as the page folded data-search.
  function folded(text) { return text.normalize("NFKC").toLowerCase(); }

  function matches(card, words) {
    if (!showAll.checked && has(card.getAttribute("data-severities"), "none")) return false;
    if (severity.value && !has(card.getAttribute("data-severities"), severity.value)) return false;
    if (code.value && !has(card.getAttribute("data-codes"), code.value)) return false;
    if (post.value && card.getAttribute("data-post") !== post.value) return false;
    var haystack = card.getAttribute("data-search");
    return words.every(function (word) { return haystack.indexOf(word) >= 0; });
  }

  function apply() {
    var words = folded(search.value).split(/\s+/).filter(Boolean);
    var count = 0;
    all(".post").forEach(function (section) {
      var visible = 0;
      all(".citation", section).forEach(function (card) {
        var ok = matches(card, words);
        card.hidden = !ok;
        if (ok) visible += 1;
      });
      section.hidden = visible === 0;
      count += visible;
    });
    shown.textContent = count + " of " + total + " citations shown" +
      (showAll.checked ? "" : " (with findings)");
  }

  var orders = {
    page: function (a, b) { return num(a, "data-order") - num(b, "data-order"); },
    severity: function (a, b) {
      return num(b, "data-rank") - num(a, "data-rank") || orders.page(a, b);
    },
    status: function (a, b) {
      return num(a, "data-status-rank") - num(b, "data-status-rank") || orders.page(a, b);
    },
    url: function (a, b) {
      var x = a.getAttribute("data-url"), y = b.getAttribute("data-url");
      return x < y ? -1 : x > y ? 1 : orders.page(a, b);
    }
  };
  function num(card, name) { return Number(card.getAttribute(name)) || 0; }

  function reorder() {
    var compare = orders[sort.value] || orders.page;
    all(".citations").forEach(function (list) {
      all(".citation", list).sort(compare).forEach(function (card) { list.appendChild(card); });
    });
  }

  [severity, code, post, showAll].forEach(function (control) {
    control.addEventListener("change", apply);
  });
  search.addEventListener("input", apply);
  sort.addEventListener("change", reorder);
  one("#f-reset").addEventListener("click", function () {
    severity.value = ""; code.value = ""; post.value = ""; search.value = "";
    sort.value = "severity"; showAll.checked = defaultAll;
    reorder(); apply();
  });
  all(".chart .bar").forEach(function (bar) {
    // Buttons only now that something answers them; without the script the bars are a chart.
    bar.setAttribute("role", "button");
    bar.setAttribute("tabindex", "0");
    bar.setAttribute("aria-label", "Show " + bar.getAttribute("data-code") + " findings");
    function pick() {
      code.value = bar.getAttribute("data-code");
      apply(); code.focus();
    }
    bar.addEventListener("click", pick);
    bar.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(); }
    });
  });
  one(".controls").hidden = false;
  document.documentElement.classList.add("js");
  apply();
})();
