// Live countdowns: <span class="countdown" data-due="ISO-8601 UTC">. The server's clock is the truth:
// <html data-now> gives its time at render, so a wrong PC clock does not move a deadline.
(function () {
    var root = document.documentElement;
    var overdue = root.getAttribute('data-overdue') || 'overdue';
    var days = root.getAttribute('data-days') || 'd';
    var serverNow = Date.parse(root.getAttribute('data-now') || '');
    var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
    function pad(n) { return n < 10 ? '0' + n : '' + n; }
    function format(ms) {
        var s = Math.floor(Math.abs(ms) / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
        return (d > 0 ? d + days + ' ' : '') + pad(h) + ':' + pad(m) + (d > 0 ? '' : ':' + pad(s % 60));
    }
    function tick() {
        var now = Date.now() + skew;
        var items = document.querySelectorAll('.countdown[data-due]');
        for (var i = 0; i < items.length; i++) {
            var el = items[i];
            var ms = Date.parse(el.getAttribute('data-due')) - now;
            // Due at 10:00:00 is still on time at 10:00:00; overdue from the next second.
            var late = ms < 0;
            el.textContent = (late ? overdue + ' ' : '') + format(ms);
            el.classList.toggle('text-danger', late);
        }
    }
    tick();
    setInterval(tick, 1000);
})();
