// Ages tick on without a reload; the on-time / due-soon / overdue label comes from the server.
(function () {
  function span(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    if (minutes < 1) return "under a minute";
    if (minutes < 90) return minutes + " min";
    const hours = Math.floor(minutes / 60);
    return hours < 48 ? hours + " h " + (minutes % 60) + " min" : Math.floor(hours / 24) + " days";
  }
  function tick() {
    const now = Date.now();
    document.querySelectorAll("[data-since]").forEach(function (el) {
      el.textContent = span(now - Date.parse(el.dataset.since));
    });
  }
  setInterval(tick, 15000);
})();
