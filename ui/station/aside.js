// The put-aside menu: opened by the $PG:ASIDE card or the screen's button; a reason card or a tap
// says why. The agent owns the menu (the view says when it is open); a tap is sent to it.
import { escape } from './lines.js';
import { t } from './strings.js';

/** Draws the put-aside button and, while the agent has it open, the menu. */
export function drawAside($, view, locale, other) {
  const menu = view.asideMenu;
  const canAside = Boolean(view.order) && !menu && view.state !== 'printed' && view.state !== 'sealed';
  $('aside-open').hidden = !canAside;
  $('aside-open').textContent = t(locale, 'asideButton');
  $('aside-menu').hidden = !menu;
  if (!menu) return;
  $('aside-menu').style.top = `${Math.max(0, document.querySelector('header').getBoundingClientRect().bottom)}px`;
  $('aside-title').innerHTML = `${escape(menu.title[locale])}<span class="en">${escape(menu.title[other])}</span>`;
  $('aside-back').innerHTML = `${escape(menu.back[locale])}<span class="en">${escape(menu.back[other])}</span>`;
  const reasons = menu.reasons
    .map(
      ({ reason, text, card }) =>
        `<li><button type="button" data-reason="${escape(reason)}"><span class="reason">${escape(text[locale])}</span>` +
        `<span class="en">${escape(text[other])}</span><span class="card">${escape(card).replaceAll(':', ':<wbr>')}</span></button></li>`,
    )
    .join('');
  if ($('aside-reasons').innerHTML !== reasons) $('aside-reasons').innerHTML = reasons;
}

/** Wires the taps once: each sends the same pack session input as its card. */
export function wireAside($, send) {
  $('aside-open').addEventListener('click', () => send({ type: 'aside_menu', open: true }));
  $('aside-back').addEventListener('click', () => send({ type: 'aside_menu', open: false }));
  $('aside-reasons').addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-reason]') : null;
    if (button) send({ type: 'aside', reason: button.dataset.reason });
  });
}
