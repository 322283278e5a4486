// The front desk's lookup box (Contacts/Create and Edit): type a phone, its last 4 digits, a name or a
// unit number; ↓/↑ move, Enter picks (then focus goes to the subject), Esc closes. Picking fills the
// hidden UnitId/CustomerId, the property and the name/phone fields. Editing the box again forgets the pick.
(function () {
    'use strict';
    var box = document.querySelector('[data-lookup-url]');
    if (!box) { return; }
    var form = box.form;
    var list = document.getElementById('lookup-list');
    var clear = form.querySelector('[data-lookup-clear]');
    var unit = form.querySelector('[data-lookup-unit]');
    var customer = form.querySelector('[data-lookup-customer]');
    var property = form.querySelector('[data-lookup-property]');
    var name = form.querySelector('[data-lookup-name]');
    var phone = form.querySelector('[data-lookup-phone]');
    var subject = form.querySelector('#Subject');
    var items = [];
    var active = -1;
    var timer = null;
    var seq = 0;

    function close() {
        list.hidden = true;
        list.textContent = '';
        items = [];
        active = -1;
        box.setAttribute('aria-expanded', 'false');
    }

    function label(s) {
        return [s.name, s.unitNumber, s.maskedPhone, s.propertyName].filter(Boolean).join(' · ');
    }

    function highlight(i) {
        active = i;
        Array.prototype.forEach.call(list.children, function (el, j) {
            el.classList.toggle('active', j === i);
            el.setAttribute('aria-selected', j === i ? 'true' : 'false');
        });
    }

    function pick(s) {
        unit.value = s.unitId || '';
        customer.value = s.customerId || '';
        if (property && property.tagName === 'SELECT') { property.value = s.propertyId; }
        if (s.name) { name.value = s.name; }
        if (s.phone) { phone.value = s.phone; }
        box.value = label(s);
        box.dataset.picked = box.value;
        if (clear) { clear.hidden = false; }
        close();
        (subject || name).focus();
    }

    function render(suggestions) {
        list.textContent = '';
        items = suggestions;
        if (suggestions.length === 0) {
            var none = document.createElement('div');
            none.className = 'list-group-item text-muted small';
            none.textContent = box.getAttribute('data-lookup-none');
            list.appendChild(none);
        }
        suggestions.forEach(function (s, i) {
            var el = document.createElement('button');
            el.type = 'button';
            el.tabIndex = -1;
            el.className = 'list-group-item list-group-item-action';
            el.setAttribute('role', 'option');
            el.textContent = label(s);
            el.addEventListener('mousedown', function (e) { e.preventDefault(); pick(items[i]); });
            list.appendChild(el);
        });
        list.hidden = false;
        box.setAttribute('aria-expanded', 'true');
        // The first suggestion is ready for Enter: at a counter, "8000 Enter" is the whole lookup.
        highlight(suggestions.length > 0 ? 0 : -1);
    }

    function forget() {
        if (box.dataset.picked && box.value !== box.dataset.picked) {
            unit.value = '';
            customer.value = '';
            delete box.dataset.picked;
            if (clear) { clear.hidden = true; }
        }
    }

    box.addEventListener('input', function () {
        forget();
        clearTimeout(timer);
        var q = box.value.trim();
        if (q.length < 1 || box.dataset.picked) { close(); return; }
        timer = setTimeout(function () {
            var mine = ++seq;
            fetch(box.getAttribute('data-lookup-url') + '?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (data) { if (mine === seq && box.value.trim() === q) { render(data); } })
                .catch(close);
        }, 200);
    });

    box.addEventListener('keydown', function (e) {
        if (list.hidden) { return; }
        if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); highlight((active + 1) % items.length); }
        else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); highlight((active - 1 + items.length) % items.length); }
        else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(items[active]); }
        else if (e.key === 'Escape') { e.preventDefault(); close(); }
    });

    box.addEventListener('blur', function () { setTimeout(close, 150); });

    if (clear) {
        clear.addEventListener('click', function () {
            unit.value = '';
            customer.value = '';
            box.value = '';
            delete box.dataset.picked;
            clear.hidden = true;
            box.focus();
        });
    }

    // Ctrl+Enter saves from the details box too.
    form.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.tagName === 'TEXTAREA') {
            e.preventDefault();
            form.requestSubmit();
        }
    });

    if (unit.value || customer.value) { box.dataset.picked = box.value; }
})();
