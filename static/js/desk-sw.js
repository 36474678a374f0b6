/* Service worker of the front-table page. Served by Django at /desk/sw.js (scope /desk/),
 * which prepends DESK_CONFIG ({page, assets}) and DESK_VERSION.
 *
 * The page: network first (a fresh page and count when online), the cached copy when the
 * network fails, so a reload while offline still opens the tally. Its assets: cache first.
 * The API is never touched here: taps are queued by the page itself (localStorage) and only
 * leave that queue when the server has acknowledged them. */
/* global DESK_CONFIG, DESK_VERSION */
"use strict";

var CACHE = "desk-" + DESK_VERSION;

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
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) {
            return cache.put(DESK_CONFIG.page, copy);
          });
        }
        return response;
      }).catch(function () {
        return caches.open(CACHE).then(function (cache) {
          return cache.match(DESK_CONFIG.page);
        }).then(function (cached) {
          return cached || Response.error();
        });
      })
    );
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
