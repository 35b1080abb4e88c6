// Registers the SPA's service worker (poc-sw.js beside this file; packages/gateway/src/service-worker.ts)
// and, on the first visit, which the worker does not control, tells it the SPA files this page loaded and
// the session it asked for, so that the next start works without the network.
(function () {
  // single-spa loads again, at the next route change, an app whose code could not be fetched: when the
  // link is back, that route change is made for it, so a page opened offline comes up without a reload.
  window.addEventListener('online', function () {
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  });
  if (!('serviceWorker' in navigator) || !document.currentScript) return;
  var base = document.currentScript.src.replace(/[^/]*$/, '');
  // Who is signed in, for a start without the network (the REST API beside the SPA: /openmrs/ws/rest/v1).
  var session = base.replace(/spa\/$/, 'ws/rest/v1/session');
  navigator.serviceWorker
    .register(base + 'poc-sw.js', { scope: base })
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function (registration) {
      if (navigator.serviceWorker.controller || !registration.active) return;
      var worker = registration.active;
      function keep(entries) {
        var urls = entries
          .map(function (entry) {
            return entry.name;
          })
          .filter(function (url) {
            return url.indexOf(base) === 0 || url.indexOf(session) === 0;
          });
        if (urls.length) worker.postMessage({ keep: urls });
      }
      keep(performance.getEntriesByType('resource'));
      new PerformanceObserver(function (list) {
        keep(list.getEntries());
      }).observe({ type: 'resource' });
    })
    .catch(function (error) {
      // Without it the SPA works as before, online only.
      console.warn('Service worker not registered:', error);
    });
})();
