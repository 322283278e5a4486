using Microsoft.Playwright;

namespace PropertyPortal.BrowserTests.Infrastructure;

/// <summary>Checks of what a page looks like, measured in the browser.</summary>
public static class Layout
{
    /// <summary>Fails with every card that overflows, every case number split over two lines, every short button label, menu item or queue heading that wraps and every input hint cut off.</summary>
    public static async Task AssertFitsAsync(IPage page, string what)
    {
        var problems = await page.EvaluateAsync<string[]>(OverflowScript);
        Assert.True(problems.Length == 0, $"{what}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    private const string OverflowScript = """
        () => {
          const problems = [];
          const vw = document.documentElement.clientWidth;
          const name = el => {
            const heading = el.querySelector('h1,h2,h3,.h6,.card-title,a');
            return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + ((heading || el).textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
          };
          // Inside a wrapper that scrolls or clips on purpose, being wider is allowed.
          const scrolls = (el, stop) => {
            for (let p = el.parentElement; p && p !== stop; p = p.parentElement) {
              if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
            }
            return false;
          };
          if (document.documentElement.scrollWidth > vw + 1) {
            problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide on a ' + vw + ' px screen');
          }
          for (const card of document.querySelectorAll('.card')) {
            const box = card.getBoundingClientRect();
            if (box.width === 0 || getComputedStyle(card).display === 'none') continue;
            if (box.left < -1 || box.right > vw + 1) {
              problems.push(name(card) + ' sticks out of the screen (' + Math.round(box.left) + '..' + Math.round(box.right) + ')');
            }
            for (const el of card.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 || scrolls(el, card)) continue;
              if (r.right > box.right + 1 || r.left < box.left - 1) {
                problems.push(name(card) + ': ' + el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30) + '" overflows the card by ' + Math.round(Math.max(r.right - box.right, box.left - r.left)) + ' px');
                break;
              }
            }
          }
          // Lines of the text a person sees: text a screen reader hears but nobody sees (.visually-hidden, a 1 px box
          // its letters wrap inside) is left out.
          const lineCount = el => {
            const tops = new Set();
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden')) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const r of range.getClientRects()) {
                if (r.width > 0) tops.add(Math.round(r.top));
              }
            }
            return tops.size;
          };
          // Case numbers (BX20261207-0001, TS…, ZX…, RZ…, QC…) read as one word.
          for (const a of document.querySelectorAll('a, span, strong, h1')) {
            if (a.children.length > 0) continue;
            const text = (a.textContent || '').trim();
            if (!/^[A-Z]{2}\d{8}-\d{4}$/.test(text)) continue;
            // A flex item is one box however its text wraps: count the lines of the text itself.
            if (lineCount(a) > 1) {
              problems.push('case number ' + text + ' is broken across lines');
            }
          }
          // Menu items and short button labels on one line (筛选 broke into 筛 / 选); hints that fit their box.
          for (const link of document.querySelectorAll('.navbar .nav-link')) {
            if (link.offsetParent === null || link.closest('.dropdown-menu')) continue;
            if (lineCount(link) > 1) {
              problems.push('menu item "' + (link.textContent || '').trim() + '" wraps onto two lines');
            }
          }
          for (const button of document.querySelectorAll('.btn')) {
            if (button.offsetParent === null || button.closest('.dropdown-menu')) continue;
            const label = (button.textContent || '').trim();
            if (label.length > 0 && label.length <= 8 && lineCount(button) > 1) {
              problems.push('button "' + label + '" wraps onto two lines');
            }
          }
          // A queue's column headings stay on one line (a row per case has eight columns to share the width).
          for (const th of document.querySelectorAll('table.queue thead th')) {
            if (th.offsetParent === null) continue;
            if (lineCount(th) > 1) {
              problems.push('queue heading "' + (th.textContent || '').trim() + '" wraps onto two lines');
            }
          }
          const canvas = document.createElement('canvas').getContext('2d');
          for (const input of document.querySelectorAll('input[placeholder]')) {
            if (input.offsetParent === null || !input.placeholder) continue;
            const style = getComputedStyle(input);
            canvas.font = style.fontSize + ' ' + style.fontFamily;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            const needed = canvas.measureText(input.placeholder).width;
            if (needed > room + 1) {
              problems.push('the hint "' + input.placeholder + '" of ' + (input.name || input.id) + ' is cut off (' + Math.round(needed) + ' px in ' + Math.round(room) + ' px)');
            }
          }
          return problems;
        }
        """;
}
