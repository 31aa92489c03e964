/**
 * Source-level stripping of dead weight before parsing. Parsing dominates extraction time, and most of a news page's
 * bytes are scripts, styles, inline SVG and JSON blobs that no extractor reads. One left-to-right regex pass mirrors the
 * HTML tokenizer closely enough: whichever of comment / raw-text element starts first wins, so a `<!--` inside a script
 * or a `<script>` inside a comment cannot swallow article text.
 */

const DEAD_WEIGHT =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|svg|template|noscript|math)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;
const LD_JSON = /\btype\s*=\s*["']?application\/ld\+json/i;

/**
 * Remove comments, `<style>`, `<svg>`, `<template>`, `<math>` and every `<script>` except JSON-LD (metadata lives
 * there). `<noscript>` is kept only when it wraps an image (the real `src` behind a lazy-load placeholder).
 */
export function stripDeadWeight(html: string): string {
  return html.replace(DEAD_WEIGHT, (whole, tag: string | undefined, attrs: string | undefined, body: string | undefined) => {
    if (!tag) return '';
    const name = tag.toLowerCase();
    if (name === 'script' && attrs && LD_JSON.test(attrs)) return whole;
    if (name === 'noscript' && body && /<img\b/i.test(body)) return whole;
    return '';
  });
}
