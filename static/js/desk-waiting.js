/* On /desk/ when the tablet is not paired: say how many taps still wait on it, from which
 * days, and hold them, so that after pairing again staff confirm before they are sent.
 * ES5, like desk.js. The queue's format is desk.js's. */
(function () {
  "use strict";

  var el = document.getElementById("desk-waiting");
  if (!el || !window.JSON) {
    return;
  }
  var QUEUE_KEY = "mp-desk-queue-v1";
  var items;
  try {
    items = JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "[]");
  } catch (error) {
    return;
  }
  if (!items || !items.length) {
    return;
  }

  function dayLabel(iso) {
    var parts = iso.split("-");
    var date = new Date(parseInt(parts[0], 10), parseInt(parts[1], 10) - 1, parseInt(parts[2], 10));
    try {
      return date.toLocaleDateString(el.getAttribute("data-lang"), { day: "numeric", month: "long" });
    } catch (error) {
      return iso;
    }
  }

  var perDay = {};
  var days = [];
  for (var i = 0; i < items.length; i += 1) {
    if (items[i].kind !== "tap") {
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(perDay, items[i].date)) {
      perDay[items[i].date] = 0;
      days.push(items[i].date);
    }
    perDay[items[i].date] += 1;
    if (el.getAttribute("data-unpaired") === "true") {
      items[i].held = true;
    }
  }
  if (!days.length) {
    return;
  }
  if (el.getAttribute("data-unpaired") === "true") {
    try {
      window.localStorage.setItem(QUEUE_KEY, JSON.stringify(items));
    } catch (error) {
      // Read-only storage: nothing to hold.
    }
  }
  days.sort();
  var parts = [];
  for (var d = 0; d < days.length; d += 1) {
    parts.push(
      el.getAttribute("data-msg-held-day")
        .replace("{n}", String(perDay[days[d]]))
        .replace("{day}", dayLabel(days[d]))
    );
  }
  el.textContent = el.getAttribute("data-msg-waiting").replace("{days}", parts.join(", "));
  el.hidden = false;
})();
