// The order's lines on the packer's screen: each item by its name (both languages), what tells it
// from a look-alike (brand, category, attributes) and its picture, beside the master SKU.
import { t } from './strings.js';

/** The picture's box, in CSS pixels (48 on a phone, style.css): a catalog image of any size is drawn inside it. */
export const IMAGE_BOX_PX = 64;

/** Text made safe to put into HTML. */
export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The line's name in `locale` first and the other language under it; the master SKU alone when the catalog names neither. */
function nameHtml(line, locale, other) {
  const first = line.name?.[locale] ?? line.name?.[other];
  if (!first) return `<span class="item-name">${escape(line.masterSku)}</span>`;
  const second = line.name?.[locale] ? line.name?.[other] : undefined;
  return `<span class="item-name">${escape(first)}</span>${second ? `<span class="item-name en">${escape(second)}</span>` : ''}`;
}

function attributesText(line) {
  return (line.attributes ?? []).map(({ name, value }) => (name === 'brand' || name === 'category' ? value : `${name}: ${value}`)).join(' · ');
}

/** The picture, or the slot's "no picture" when the catalog has none for an order that shows pictures. */
function imageHtml(line, locale, withSlot) {
  if (line.imageUrl) {
    return `<img class="item-image" src="${escape(line.imageUrl)}" alt="" width="${IMAGE_BOX_PX}" height="${IMAGE_BOX_PX}" referrerpolicy="no-referrer" data-missing="${escape(t(locale, 'noPicture'))}">`;
  }
  return withSlot ? `<span class="item-image missing">${escape(t(locale, 'noPicture'))}</span>` : '';
}

/** One table row per line: the item (picture, name, SKU, attributes) and its count. */
export function linesHtml(lines, locale, other) {
  const withSlot = lines.some((line) => line.imageUrl);
  return lines
    .map((line) => {
      const sku = line.name ? `<span class="item-sku">${escape(line.masterSku)}</span>` : '';
      const attributes = attributesText(line);
      return (
        `<tr class="${line.complete ? 'complete' : ''}"><td class="item"><div class="item-cell">${imageHtml(line, locale, withSlot)}` +
        `<div class="item-text">${nameHtml(line, locale, other)}${sku}${attributes ? `<span class="item-attrs">${escape(attributes)}</span>` : ''}</div></div></td>` +
        `<td class="count">${line.scanned} / ${line.expected}</td></tr>`
      );
    })
    .join('');
}

/** A picture that fails to load gives way to "no picture" in its place, the same size. */
export function watchImages(container) {
  for (const image of container.querySelectorAll('img.item-image')) {
    image.addEventListener(
      'error',
      () => {
        const missing = document.createElement('span');
        missing.className = 'item-image missing';
        missing.textContent = image.dataset.missing ?? '';
        image.replaceWith(missing);
      },
      { once: true },
    );
  }
}
