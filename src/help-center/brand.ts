import { createHash } from "node:crypto";

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** The colour mixed towards black by `amount` (0–1). */
function darken(hex: string, amount: number): string {
  const part = (i: number) =>
    Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - amount))
      .toString(16)
      .padStart(2, "0");
  return `#${part(1)}${part(3)}${part(5)}`;
}

export interface BrandStyle {
  /** The inline stylesheet's text: `:root{…}` with the brand's custom properties. */
  css: string;
  /** Its CSP source expression, 'sha256-…'. */
  hash: string;
}

/**
 * The workspace's primary colour as CSS custom properties, readable whatever colour was chosen: text on
 * the brand colour is white or near-black, whichever contrasts more, and links use the colour darkened
 * until it reaches 4.5:1 on white (WCAG AA). A colour that is not #rrggbb falls back to Heed's blue.
 */
export function brandStyle(primaryColor: string): BrandStyle {
  const brand = /^#[0-9a-f]{6}$/i.test(primaryColor) ? primaryColor.toLowerCase() : "#2457c5";
  const onBrand = contrast(brand, "#ffffff") >= contrast(brand, "#111827") ? "#ffffff" : "#111827";
  let link = brand;
  for (let amount = 0.1; contrast(link, "#ffffff") < 4.5 && amount <= 1; amount += 0.1) {
    link = darken(brand, amount);
  }
  const css = `:root{--brand:${brand};--on-brand:${onBrand};--link:${link}}`;
  return { css, hash: cspHash(css) };
}

/** The CSP source expression allowing one inline <style> or <script> with exactly this text. */
export const cspHash = (text: string): string =>
  `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
