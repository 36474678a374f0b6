/* The front-table tally (/desk/).
 *
 * Every tap gets a UUID and the time it happened, goes into a queue in localStorage at once
 * (the count on screen changes before the server answers), and is sent to the tally API in
 * order. An item leaves the queue only when the server acknowledged it (201 or 200); on a
 * network error or a 5xx it stays and is retried with backoff; a permanent refusal (400, 403,
 * 404, 409) removes it with a visible message, never silently. The queue is replayed on load,
 * on "online", when the page becomes visible again, after every successful count request and
 * every 30 seconds; while taps wait, a failed send is retried at most MAX_BACKOFF_MS later,
 * so the queue empties within seconds of the server answering again, with nobody reloading.
 *
 * A 401 (the tablet was revoked, or staff were signed out) stops the tally: the page says so,
 * shows the taps still waiting and from which days, offers to pair again, and marks those taps
 * "held". Held taps are sent only when a staff member confirms it on the desk after pairing
 * again; their ids make sure each is counted once.
 *
 * Written in ES5 with XMLHttpRequest (no fetch, arrow functions, let/const, template strings,
 * optional chaining or ??) so that an old iPad (Safari 9/10) can run it. The service worker,
 * which keeps the page available offline across reloads, needs Safari 11.1+ or any current
 * Chrome; without it the queue still survives while the page stays open, and reloads online.
 */
(function () {
  "use strict";

  var root = document.getElementById("desk");
  if (!root || !window.JSON || !window.XMLHttpRequest) {
    return;
  }

  var API = root.getAttribute("data-api-url");
  var QUEUE_KEY = "mp-desk-queue-v1";
  var HISTORY_KEY = "mp-desk-history-v1";
  var SERVER_KEY = "mp-desk-today-v1:" + API;
  var GUARD_MS = 200; // a second tap on the same button sooner than this is a bounce
  var MAX_HISTORY = 20;
  var TIMER_MS = 30000;
  var REQUEST_TIMEOUT_MS = 15000;
  var MAX_BACKOFF_MS = 5000;

  var visitsEl = document.getElementById("desk-visits");
  var newcomersEl = document.getElementById("desk-newcomers");
  var statusEl = document.getElementById("desk-status");
  var announceEl = document.getElementById("desk-announce");
  var problemsEl = document.getElementById("desk-problems");
  var undoButton = document.getElementById("desk-undo");
  var lastEl = document.getElementById("desk-last");
  var dateEl = document.getElementById("desk-date");
  var tapButtons = root.querySelectorAll(".desk-tap");
  var unpairedEl = document.getElementById("desk-unpaired");
  var unpairedWaitingEl = document.getElementById("desk-unpaired-waiting");
  var heldEl = document.getElementById("desk-held");
  var heldWaitingEl = document.getElementById("desk-held-waiting");
  var heldSendButton = document.getElementById("desk-held-send");
  var unpaired = false;

  function msg(name) {
    return root.getAttribute("data-msg-" + name) || "";
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  // Storage: localStorage, or memory when it is unavailable (old Safari's private mode).
  var memory = {};
  var storageWorks = true;

  function load(key, fallback) {
    var raw = null;
    if (storageWorks) {
      try {
        raw = window.localStorage.getItem(key);
      } catch (error) {
        storageWorks = false;
      }
    }
    if (!storageWorks) {
      raw = Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
    }
    if (raw === null) {
      return fallback;
    }
    try {
      return JSON.parse(raw);
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    var raw = JSON.stringify(value);
    memory[key] = raw;
    if (storageWorks) {
      try {
        window.localStorage.setItem(key, raw);
      } catch (error) {
        storageWorks = false;
      }
    }
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function localDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function isoWithOffset(d) {
    var offset = -d.getTimezoneOffset();
    var sign = offset >= 0 ? "+" : "-";
    offset = Math.abs(offset);
    return localDate(d) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" +
      pad(d.getSeconds()) + sign + pad(Math.floor(offset / 60)) + ":" + pad(offset % 60);
  }

  function uuid4() {
    var bytes = new Uint8Array(16);
    var cryptoApi = window.crypto || window.msCrypto;
    var i;
    if (cryptoApi && cryptoApi.getRandomValues) {
      cryptoApi.getRandomValues(bytes);
    } else {
      for (i = 0; i < 16; i += 1) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = [];
    for (i = 0; i < 16; i += 1) {
      hex.push((bytes[i] + 0x100).toString(16).substr(1));
    }
    return hex.slice(0, 4).join("") + "-" + hex.slice(4, 6).join("") + "-" +
      hex.slice(6, 8).join("") + "-" + hex.slice(8, 10).join("") + "-" + hex.slice(10).join("");
  }

  function csrfToken() {
    var parts = document.cookie ? document.cookie.split(";") : [];
    for (var i = 0; i < parts.length; i += 1) {
      var pair = parts[i].replace(/^\s+/, "");
      if (pair.indexOf("csrftoken=") === 0) {
        return decodeURIComponent(pair.substr("csrftoken=".length));
      }
    }
    return "";
  }

  // State ---------------------------------------------------------------------------------

  var server = {
    date: root.getAttribute("data-date"),
    visits: parseInt(root.getAttribute("data-visits"), 10) || 0,
    newcomers: parseInt(root.getAttribute("data-newcomers"), 10) || 0
  };
  var stored = load(SERVER_KEY, null);
  if (stored && stored.date === server.date) {
    server = stored; // the page may come from the offline cache: the last answer is newer
  }

  var busy = false;
  var failures = 0;
  var offline = navigator.onLine === false;
  var blocked = false;
  var retryTimer = null;
  var lastClick = {};

  function opKey(op) {
    return op.kind + ":" + op.id;
  }
  var inFlight = null;

  function queue() {
    return load(QUEUE_KEY, []);
  }

  function removeOp(kind, id) {
    var items = queue();
    var kept = [];
    for (var i = 0; i < items.length; i += 1) {
      if (!(items[i].kind === kind && items[i].id === id)) {
        kept.push(items[i]);
      }
    }
    save(QUEUE_KEY, kept);
  }

  function nextToSend() {
    var items = queue();
    for (var i = 0; i < items.length; i += 1) {
      if (!items[i].held) {
        return items[i];
      }
    }
    return null;
  }

  function setHeld(held) {
    var items = queue();
    for (var i = 0; i < items.length; i += 1) {
      items[i].held = held;
    }
    save(QUEUE_KEY, items);
  }

  function dayLabel(iso) {
    var parts = iso.split("-");
    var date = new Date(parseInt(parts[0], 10), parseInt(parts[1], 10) - 1, parseInt(parts[2], 10));
    try {
      return date.toLocaleDateString(root.getAttribute("data-lang"), { day: "numeric", month: "long" });
    } catch (error) {
      return iso;
    }
  }

  // "2 from 28 November, 1 from 30 November": the waiting taps, per day they were made.
  function waitingByDay(onlyHeld) {
    var items = queue();
    var perDay = {};
    var days = [];
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].kind !== "tap" || (onlyHeld && !items[i].held)) {
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(perDay, items[i].date)) {
        perDay[items[i].date] = 0;
        days.push(items[i].date);
      }
      perDay[items[i].date] += 1;
    }
    days.sort();
    var parts = [];
    for (var d = 0; d < days.length; d += 1) {
      parts.push(format(msg("held-day"), { n: perDay[days[d]], day: dayLabel(days[d]) }));
    }
    return parts.join(", ");
  }

  function setServer(url, today) {
    if (url !== API || !today || typeof today.visits !== "number") {
      return;
    }
    server = { date: today.date, visits: today.visits, newcomers: today.newcomers };
    save(SERVER_KEY, server);
  }

  function counts() {
    var today = localDate(new Date());
    var visits = 0;
    var newcomers = 0;
    if (server.date === today) {
      visits = server.visits;
      newcomers = server.newcomers;
    }
    var items = queue();
    for (var i = 0; i < items.length; i += 1) {
      var op = items[i];
      if (op.url !== API || op.date !== today || op.held) {
        continue;
      }
      var sign = op.kind === "tap" ? 1 : -1;
      visits += sign;
      if (op.newcomer) {
        newcomers += sign;
      }
    }
    return { visits: Math.max(visits, 0), newcomers: Math.max(newcomers, 0) };
  }

  function undoCandidate() {
    var today = localDate(new Date());
    var history = load(HISTORY_KEY, []);
    for (var i = history.length - 1; i >= 0; i -= 1) {
      if (history[i].url === API && history[i].date === today) {
        return i;
      }
    }
    return -1;
  }

  // Screen --------------------------------------------------------------------------------

  function waitingText(n) {
    return n === 1 ? msg("waiting-one") : format(msg("waiting-many"), { n: n });
  }

  function render() {
    var current = counts();
    visitsEl.textContent = String(current.visits);
    newcomersEl.textContent = String(current.newcomers);
    var waiting = 0;
    var all = queue();
    for (var w = 0; w < all.length; w += 1) {
      if (!all[w].held) {
        waiting += 1;
      }
    }
    var text;
    var state;
    if (offline || navigator.onLine === false) {
      text = msg("offline") + (waiting ? " – " + waitingText(waiting) : "");
      state = "offline";
    } else if (waiting) {
      text = waitingText(waiting);
      state = "waiting";
    } else {
      text = msg("all-sent");
      state = "sent";
    }
    if (statusEl.textContent !== text) {
      statusEl.textContent = text;
    }
    statusEl.setAttribute("data-state", state);
    renderUndo();
    undoButton.disabled = unpaired || undoCandidate() === -1;
    for (var t = 0; t < tapButtons.length; t += 1) {
      tapButtons[t].disabled = unpaired;
    }
    unpairedEl.hidden = !unpaired;
    unpairedWaitingEl.textContent = waitingByDay(false) || "0";
    var held = unpaired ? "" : waitingByDay(true);
    heldEl.hidden = !held;
    heldWaitingEl.textContent = held;
  }

  function clockTime(d) {
    return pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  // Undo says what it will undo, and when that tap was; with nothing to undo it says so (and
  // looks disabled). The last tap's time and today's date are always on screen.
  function renderUndo() {
    var index = undoCandidate();
    var text;
    if (index === -1) {
      text = msg("undo-none");
      lastEl.textContent = msg("no-tap");
    } else {
      var last = load(HISTORY_KEY, [])[index];
      var what = msg(last.newcomer ? "newcomer" : "visitor");
      text = format(msg("undo"), { what: what, time: last.time || "" });
      lastEl.textContent = format(msg("last-tap"), { time: last.time || "" });
    }
    if (undoButton.textContent !== text) {
      undoButton.textContent = text;
    }
    undoButton.disabled = index === -1;
    if (dateEl && window.Intl && Intl.DateTimeFormat) {
      var day = new Intl.DateTimeFormat(document.documentElement.lang || "nb", {
        weekday: "long",
        day: "numeric",
        month: "long"
      }).format(new Date());
      if (dateEl.textContent !== day) {
        dateEl.textContent = day;
      }
    }
  }

  function announce(text) {
    announceEl.textContent = "";
    // A new text node each time, so screen readers read a repeated message again.
    window.setTimeout(function () {
      announceEl.textContent = text;
    }, 30);
  }

  function showProblem(text) {
    var item = document.createElement("div");
    item.className = "alert alert-warning d-flex justify-content-between align-items-start gap-2";
    var body = document.createElement("p");
    body.className = "mb-0";
    body.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn btn-outline-secondary";
    close.textContent = msg("dismiss");
    close.addEventListener("click", function () {
      problemsEl.removeChild(item);
    });
    item.appendChild(body);
    item.appendChild(close);
    problemsEl.appendChild(item);
  }

  // Network -------------------------------------------------------------------------------

  function request(method, url, body, done) {
    var finished = false;
    var xhr = new XMLHttpRequest();
    function finish(status, data) {
      if (!finished) {
        finished = true;
        done(status, data);
      }
    }
    xhr.open(method, url, true);
    xhr.timeout = REQUEST_TIMEOUT_MS;
    xhr.setRequestHeader("Accept", "application/json");
    if (body !== null) {
      xhr.setRequestHeader("Content-Type", "application/json");
    }
    if (method !== "GET") {
      xhr.setRequestHeader("X-CSRFToken", csrfToken());
    }
    xhr.onload = function () {
      var data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (error) {
        data = null;
      }
      finish(xhr.status, data);
    };
    xhr.onerror = function () {
      finish(0, null);
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = xhr.onerror;
    xhr.send(body === null ? null : JSON.stringify(body));
  }

  function scheduleRetry(delay) {
    if (retryTimer) {
      return;
    }
    var wait = delay || Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, Math.min(failures, 3)));
    wait = wait / 2 + Math.random() * (wait / 2);
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      blocked = false;
      flush();
    }, wait);
  }

  function isTransient(status, data) {
    return status === 0 || status >= 500 || status === 408 || status === 429 ||
      (status === 403 && data && data.error === "csrf_failed");
  }

  function flush() {
    if (busy || blocked || unpaired) {
      return;
    }
    var op = nextToSend();
    if (!op) {
      render();
      return;
    }
    busy = true;
    inFlight = opKey(op);
    render();
    var done = function (status, data) {
      busy = false;
      inFlight = null;
      if (status === 200 || status === 201) {
        removeOp(op.kind, op.id);
        failures = 0;
        offline = false;
        setServer(op.url, data && data.today);
        render();
        flush();
        return;
      }
      if (isTransient(status, data)) {
        failures += 1;
        offline = status === 0;
        if (status === 403) {
          request("GET", root.getAttribute("data-scope"), null, function () {});
        }
        render();
        scheduleRetry();
        return;
      }
      offline = false;
      if (status === 401) {
        // Not paired any more, or signed out: stop taking taps, keep the waiting ones (held
        // until staff confirm them after pairing again) and say so, with a way to pair.
        unpaired = true;
        setHeld(true);
        render();
        unpairedEl.focus();
        return;
      }
      removeOp(op.kind, op.id);
      if (op.kind === "tap") {
        removeOp("undo", op.id);
      }
      showProblem(msg("dropped") + " " + (data && data.message ? data.message : "HTTP " + status));
      render();
      flush();
    };
    if (op.kind === "tap") {
      request("POST", op.url, { id: op.id, at: op.at, newcomer: op.newcomer }, done);
    } else {
      request("DELETE", op.url + op.id + "/", null, done);
    }
  }

  function refresh() {
    if (busy || blocked || unpaired) {
      return;
    }
    if (nextToSend()) {
      flush();
      return;
    }
    busy = true;
    request("GET", API, null, function (status, data) {
      busy = false;
      if (status === 200 && data) {
        offline = false;
        setServer(API, data);
      } else if (status === 0) {
        offline = true;
      }
      if (status === 401) {
        unpaired = true;
        setHeld(true);
      }
      render();
      if (nextToSend()) {
        flush(); // the server answers again: send what waits at once
      }
    });
  }

  // Actions -------------------------------------------------------------------------------

  function tap(newcomer) {
    if (unpaired) {
      return;
    }
    var now = new Date();
    var op = {
      kind: "tap",
      id: uuid4(),
      url: API,
      at: isoWithOffset(now),
      date: localDate(now),
      newcomer: newcomer
    };
    var items = queue();
    items.push(op);
    save(QUEUE_KEY, items);
    var history = load(HISTORY_KEY, []);
    history.push({ id: op.id, url: op.url, date: op.date, newcomer: newcomer, time: clockTime(now) });
    save(HISTORY_KEY, history.slice(-MAX_HISTORY));
    render();
    announce(format(msg("counted"), { visits: counts().visits }));
    flush();
  }

  function undo() {
    var hadFocus = document.activeElement === undoButton;
    var index = undoCandidate();
    if (index === -1) {
      announce(msg("nothing-to-undo"));
      render();
      return;
    }
    var history = load(HISTORY_KEY, []);
    var last = history.splice(index, 1)[0];
    save(HISTORY_KEY, history);
    var items = queue();
    var queued = -1;
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].kind === "tap" && items[i].id === last.id) {
        queued = i;
      }
    }
    if (queued !== -1 && inFlight !== "tap:" + last.id) {
      items.splice(queued, 1); // never sent: forget it
    } else {
      items.push({ kind: "undo", id: last.id, url: last.url, date: last.date, newcomer: last.newcomer });
    }
    save(QUEUE_KEY, items);
    render();
    // A disabled button loses focus to the page body: keep it on the big "+1" button instead.
    if (hadFocus && undoButton.disabled) {
      tapButtons[0].focus();
    }
    announce(format(msg("undone"), { visits: counts().visits }));
    flush();
  }

  function flash(button) {
    button.className += " is-tapped";
    window.setTimeout(function () {
      button.className = button.className.replace(/\s*is-tapped/g, "");
    }, 160);
  }

  // Only "click": it fires once per tap on touch, mouse and keyboard alike (no pointerdown +
  // click doubles), and a bounce within GUARD_MS of the previous click is ignored.
  function onTap(event) {
    var button = event.currentTarget;
    var key = button.getAttribute("data-newcomer");
    var now = Date.now();
    var previous = lastClick[key] || 0;
    lastClick[key] = now;
    if (now - previous < GUARD_MS) {
      return;
    }
    flash(button);
    tap(key === "true");
  }

  for (var b = 0; b < tapButtons.length; b += 1) {
    tapButtons[b].addEventListener("click", onTap);
    tapButtons[b].disabled = false;
  }
  undoButton.addEventListener("click", undo);
  unpairedEl.setAttribute("tabindex", "-1");
  heldSendButton.addEventListener("click", function () {
    // One confirmation by staff: the held taps join the queue and are sent in order.
    setHeld(false);
    render();
    announce(waitingText(queue().length));
    flush();
  });

  window.addEventListener("online", function () {
    offline = false;
    failures = 0;
    blocked = false;
    if (retryTimer) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
    render();
    refresh();
  });
  window.addEventListener("offline", function () {
    offline = true;
    render();
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      refresh();
    }
  });
  window.addEventListener("storage", function (event) {
    if (event.key === QUEUE_KEY || event.key === HISTORY_KEY || event.key === SERVER_KEY) {
      if (event.key === SERVER_KEY) {
        server = load(SERVER_KEY, server);
      }
      render();
    }
  });
  window.setInterval(refresh, TIMER_MS);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.getAttribute("data-sw-url"), {
      scope: root.getAttribute("data-scope")
    })["catch"](function () {
      // Without a service worker the tally still works; it just cannot reload offline.
    });
  }

  render();
  refresh();
})();
