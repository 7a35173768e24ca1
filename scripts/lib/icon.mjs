// The Marketplace / Open VSX listing icon, rendered at build time from the activity-bar icon so the two cannot drift.
// The activity-bar SVG is monochrome (`currentColor`, themed by VS Code); a listing icon needs its own colours, so the
// glyph is drawn white on a rounded square of the gallery banner's colour (package.json `galleryBanner.color`).
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './tools.mjs';

export const ICON_SIZE = 128;
const GLYPH_COLOR = '#FFFFFF';

/** The listing icon's SVG: the activity-bar glyph, recoloured, centred on a rounded square of `background`. */
export function listingIconSvg(glyphSvg, background) {
  const inset = ICON_SIZE / 8;
  const glyphSize = ICON_SIZE - 2 * inset;
  // The glyph's own <svg> element becomes a nested viewport: only its first (root) width/height are replaced.
  const glyph = glyphSvg
    .replace(/<\?xml[^>]*>/, '')
    .replace(/currentColor/g, GLYPH_COLOR)
    .replace(/<svg\b/, `<svg x="${inset}" y="${inset}"`)
    .replace(/\swidth="[^"]*"/, ` width="${glyphSize}"`)
    .replace(/\sheight="[^"]*"/, ` height="${glyphSize}"`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${ICON_SIZE}" height="${ICON_SIZE}" viewBox="0 0 ${ICON_SIZE} ${ICON_SIZE}">` +
    `<rect width="${ICON_SIZE}" height="${ICON_SIZE}" rx="${ICON_SIZE / 5}" fill="${background}"/>${glyph}</svg>`;
}

/** Renders the manifest's `icon` (a PNG path) from the activity-bar SVG; returns the PNG's path. */
export function renderListingIcon(root = REPO_ROOT) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const activityBarIcon = manifest.contributes.viewsContainers.activitybar[0].icon;
  const svg = listingIconSvg(readFileSync(join(root, activityBarIcon), 'utf8'), manifest.galleryBanner.color);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: ICON_SIZE } }).render().asPng();
  const out = join(root, manifest.icon);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, png);
  return out;
}
