// The SPA's service worker (packages/gateway/src/service-worker.ts puts it at /openmrs/spa/poc-sw.js).
// After a first visit the SPA starts without the network, and a dropped link never kills a page whose
// code was loaded before: code the browser fetched once is kept here and served from here; the page
// itself, the import map, routes and site configuration come from the network while it answers (an
// upgrade shows at once) and from here when it does not. Unlike the O3 shell's offline mode it downloads
// nothing ahead: on a 10 KB/s link every app's every chunk would be some 14 MB. API calls pass through,
// except the session, kept so that a page started offline still knows who was signed in.
'use strict';

// Each build of the SPA has its own cache (its id is written here when the gateway adds this file): a new
// build installs a new worker, whose activation drops the previous build's cache; what did not change
// comes back from the browser's HTTP cache without the network.
var CACHE = 'poc-emr-spa-' + 'BUILD_ID';
var SPA = new URL('./', self.location.href).pathname;
var INDEX = SPA;
var SESSION = /\/ws\/rest\/v1\/session(\?|$)/;
// What the gateway caches as immutable (distro/gateway/templates/http.conf): versioned app folders and
// content-hashed files. Everything else of the SPA is revalidated.
var VERSIONED_FOLDER = /^[^/?]+-[0-9]+\.[0-9]+\.[0-9]+[^/?]*\//;
var HASHED = /^([^/?]*\.[0-9a-f]{8,}\.(js|css)|[0-9a-f]{16,}\.js)$/;
// A link that hangs rather than fails: wait this long for the network before answering from the cache.
var PATIENCE_MS = 10000;

self.addEventListener('install', function (event) {
  // The page (index.html, whatever the path) for an offline start; a new build's worker takes over at once.
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.add(INDEX);
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

// A page this worker does not control (the first visit: a page keeps the worker it started with, none)
// names the SPA files it loaded, kept as they are (the HTTP cache has them: nothing is downloaded again),
// and the session it asked for, asked again.
self.addEventListener('message', function (event) {
  var urls = event.data && event.data.keep;
  if (!Array.isArray(urls)) return;
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(
        urls.map(function (url) {
          var kind = kindOf(url);
          if (kind === 'session') return session(new Request(url)).catch(function () {});
          if (kind !== 'file') return undefined;
          return cache.match(url).then(function (kept) {
            return kept || cache.add(url).catch(function () {});
          });
        }),
      );
    }),
  );
});

function kindOf(url) {
  var parsed;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== self.location.origin) return undefined;
  if (SESSION.test(parsed.pathname + parsed.search)) return 'session';
  return parsed.pathname.indexOf(SPA) === 0 && parsed.search === '' ? 'file' : undefined;
}

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(
        names
          .filter(function (name) {
            return name.indexOf('poc-emr-spa-') === 0 && name !== CACHE;
          })
          .map(function (name) {
            return caches.delete(name);
          }),
      );
    }),
  );
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SESSION.test(url.pathname + url.search)) {
    if (request.method === 'GET') event.respondWith(session(request));
    else if (request.method === 'DELETE') event.waitUntil(forgetSessions());
    return;
  }
  if (request.method !== 'GET' || url.pathname.indexOf(SPA) !== 0) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, INDEX, PATIENCE_MS));
    return;
  }
  var file = url.pathname.slice(SPA.length);
  if (VERSIONED_FOLDER.test(file) || HASHED.test(file)) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request, request, PATIENCE_MS));
});

function isOk(response) {
  return response.ok && response.type === 'basic';
}

function isPage(response) {
  return (response.headers.get('content-type') || '').indexOf('text/html') === 0;
}

/** Code never changes under its name: from here when kept, else fetched (through the HTTP cache) and kept. */
function cacheFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (kept) {
      if (kept) return kept;
      return fetch(request).then(function (response) {
        if (isOk(response)) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

/**
 * The network's answer, kept under `key` when it is a good one; the kept one when the network fails, or
 * (with `patience`) takes longer than that (the network's answer still refreshes the cache when it comes).
 */
function networkFirst(request, key, patience) {
  return caches.open(CACHE).then(function (cache) {
    var network = fetch(request).then(function (response) {
      if (isOk(response) && (key !== INDEX || isPage(response))) cache.put(key, response.clone());
      return response;
    });
    return cache.match(key).then(function (kept) {
      if (!kept) return network;
      var fallback = network.catch(function () {
        return kept;
      });
      if (!patience) return fallback;
      return Promise.race([
        fallback,
        new Promise(function (resolve) {
          setTimeout(resolve, patience, kept);
        }),
      ]);
    });
  });
}

/** Who is signed in: from the server, and from here when it cannot be reached; forgotten on logout. */
function session(request) {
  return caches.open(CACHE).then(function (cache) {
    return fetch(request)
      .then(function (response) {
        if (!isOk(response)) return response;
        var copy = response.clone();
        return response
          .clone()
          .json()
          .then(function (body) {
            // A session the server no longer knows is not kept for the next offline start.
            return body && body.authenticated ? cache.put(request, copy) : forgetSessions();
          })
          .catch(function () {})
          .then(function () {
            return response;
          });
      })
      .catch(function (error) {
        return cache.match(request).then(function (kept) {
          if (kept) return kept;
          throw error;
        });
      });
  });
}

function forgetSessions() {
  return caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(
        requests
          .filter(function (request) {
            return SESSION.test(new URL(request.url).pathname);
          })
          .map(function (request) {
            return cache.delete(request);
          }),
      );
    });
  });
}
