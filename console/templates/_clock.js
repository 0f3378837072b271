// Ages and response timers tick on without a reload: a case turns due soon, then overdue,
// on the screen at the moment it does, with the same thresholds the server used.
(function () {
  function span(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    if (minutes < 1) return "under a minute";
    if (minutes < 90) return minutes + " min";
    const hours = Math.floor(minutes / 60);
    return hours < 48 ? hours + " h " + (minutes % 60) + " min" : Math.floor(hours / 24) + " days";
  }
  function timer(el, now) {
    const due = Date.parse(el.dataset.due);
    const state = now >= due ? "overdue" : now >= Date.parse(el.dataset.soon) ? "due soon" : "on time";
    el.textContent = state;
    el.className = "timer timer-" + state.replace(" ", "-");
    el.nextElementSibling.textContent = now >= due ? "target passed " + span(now - due) + " ago"
                                                   : "respond within " + span(due - now);
  }
  function tick() {
    const now = Date.now();
    document.querySelectorAll("[data-since]").forEach(function (el) {
      el.textContent = span(now - Date.parse(el.dataset.since));
    });
    document.querySelectorAll("[data-due]").forEach(function (el) { timer(el, now); });
  }
  setInterval(tick, 5000);
})();
