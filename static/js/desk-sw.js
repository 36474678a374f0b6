/* Service worker of the front-table page. Served by Django at /desk/sw.js (scope /desk/),
 * which prepends DESK_CONFIG ({page, assets}) and DESK_VERSION.
 *
 * The page: network first (a fresh page and count when online), the cached copy when the
 * network fails, when the server answers with a 5xx (its database is down) or takes longer
 * than PAGE_TIMEOUT_MS, so a reload during any server trouble still opens the tally and its
 * queue. Its assets: cache first.
 * The API is never touched here: taps are queued by the page itself (localStorage) and only
 * leave that queue when the server has acknowledged them. */
/* global DESK_CONFIG, DESK_VERSION */
"use strict";

var CACHE = "desk-" + DESK_VERSION;
var PAGE_TIMEOUT_MS = 4000;

function cachedPage() {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(DESK_CONFIG.page);
  });
}

// The network's answer, or the cached page for a network error, a 5xx or a timeout. Without
// a cached copy the network's answer (even an error page) is better than nothing.
function pageFromNetworkOrCache(request) {
  return new Promise(function (resolve) {
    var settled = false;
    function fallBack(response) {
      cachedPage().then(function (cached) {
        if (!settled) {
          settled = true;
          resolve(cached || response || Response.error());
        }
      });
    }
    var timer = setTimeout(function () {
      fallBack(null);
    }, PAGE_TIMEOUT_MS);
    fetch(request).then(function (response) {
      clearTimeout(timer);
      if (response.status >= 500) {
        fallBack(response);
        return;
      }
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          return cache.put(DESK_CONFIG.page, copy);
        });
      }
      if (!settled) {
        settled = true;
        resolve(response);
      }
    })["catch"](function () {
      clearTimeout(timer);
      fallBack(null);
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // The page too, so that the very first visit already works offline after a reload.
      return cache.addAll(DESK_CONFIG.assets.concat([DESK_CONFIG.page]));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("desk-") === 0 && name !== CACHE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function isPage(request, url) {
  return request.mode === "navigate" && url.pathname === DESK_CONFIG.page;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (isPage(request, url)) {
    event.respondWith(pageFromNetworkOrCache(request));
    return;
  }
  if (DESK_CONFIG.assets.indexOf(url.pathname) !== -1) {
    event.respondWith(
      caches.open(CACHE).then(function (cache) {
        return cache.match(url.pathname).then(function (cached) {
          return cached || fetch(request).then(function (response) {
            if (response.ok) {
              cache.put(url.pathname, response.clone());
            }
            return response;
          });
        });
      })
    );
  }
});
