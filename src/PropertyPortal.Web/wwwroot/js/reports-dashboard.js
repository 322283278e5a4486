// The manager's dashboard (/Reports): draws the trend charts from the page's JSON block with the vendored Chart.js.
// The same numbers are in the table under each chart (print, screen readers); a page without the block draws nothing.
(function () {
    'use strict';
    var block = document.getElementById('dashboard-data');
    if (!block || typeof window.Chart === 'undefined') {
        return;
    }

    var data = JSON.parse(block.textContent);
    var palette = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#6c757d', '#d63384', '#0dcaf0', '#ffc107'];
    var drawn = 0;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var chart = data.charts[Number(canvas.getAttribute('data-chart'))];
        if (!chart) {
            return;
        }

        new window.Chart(canvas, {
            type: 'line',
            data: {
                labels: data.months,
                datasets: chart.series.map(function (s, i) {
                    return { label: s.name, data: s.values, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: true, tension: 0.2 };
                })
            },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                plugins: { legend: { position: 'bottom' } },
                scales: { y: chart.percent ? { min: 0, max: 100, ticks: { callback: function (v) { return v + ' %'; } } } : { beginAtZero: true } }
            }
        });
        drawn++;
    });
    document.body.setAttribute('data-charts-drawn', String(drawn));
})();
