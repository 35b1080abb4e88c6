// Progress of the loading message that index.html shows from its first bytes (packages/gateway/src/
// loading-screen.ts): seconds waited and kilobytes received, from the browser's resource timings, every
// second, so that a slow link shows work being done. The message goes when single-spa mounts the first
// app, or when the app shell shows its error screen instead.
(function () {
  var box = document.getElementById('poc-loading');
  var progress = document.getElementById('poc-loading-progress');
  if (!box || !progress) return;
  var started = Date.now();
  var bytes = 0;
  var navigation = performance.getEntriesByType('navigation')[0];
  if (navigation) bytes += navigation.transferSize || 0;
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        bytes += entry.transferSize || 0;
      });
    }).observe({ type: 'resource', buffered: true });
  } catch {
    // Without resource timings the seconds alone still move.
  }
  function show() {
    if (document.querySelector('.omrs-app-error')) return done();
    var seconds = Math.round((Date.now() - started) / 1000);
    progress.textContent = seconds + ' s · ' + Math.round(bytes / 1000) + ' KB recebidos';
  }
  var timer = setInterval(show, 1000);
  function done() {
    clearInterval(timer);
    box.remove();
  }
  show();
  window.addEventListener('single-spa:first-mount', done, { once: true });
})();
