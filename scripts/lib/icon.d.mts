// Types of icon.mjs.
export const ICON_SIZE: number;
export function listingIconSvg(glyphSvg: string, background: string): string;
export function renderListingIcon(root?: string): string;
