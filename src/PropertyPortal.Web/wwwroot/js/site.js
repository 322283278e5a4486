// Forms that change data ask before a destructive action: <button data-confirm="...">.
document.addEventListener('click', function (e) {
    var el = e.target.closest('[data-confirm]');
    if (el && !window.confirm(el.getAttribute('data-confirm'))) {
        e.preventDefault();
    }
});
// Print buttons: <button data-print>.
document.addEventListener('click', function (e) {
    if (e.target.closest('[data-print]')) {
        e.preventDefault();
        window.print();
    }
});
