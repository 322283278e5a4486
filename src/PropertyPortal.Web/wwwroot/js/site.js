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
// A phone shows each row of a .table-stack table as a card whose cells are labelled by their column's
// heading (site.css: td::before { content: attr(data-label) }). A view may write the labels itself; where a
// cell has none it is taken from the <thead> here, so long tables need not repeat them in every row.
(function () {
    var tables = document.querySelectorAll('table.table-stack');
    for (var t = 0; t < tables.length; t++) {
        var heads = tables[t].querySelectorAll('thead th');
        if (heads.length === 0) continue;
        var rows = tables[t].querySelectorAll('tbody > tr');
        for (var r = 0; r < rows.length; r++) {
            var cells = rows[r].children, column = 0;
            for (var c = 0; c < cells.length; c++) {
                var head = heads[column];
                if (head && !cells[c].hasAttribute('data-label')) cells[c].setAttribute('data-label', head.textContent.trim());
                column += cells[c].colSpan || 1;
            }
        }
    }
})();
