/** Typed access to the objects xml2js builds (explicitArray: every child is an array; attributes in `$`, text in `_`). */

export interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}
export type XmlValue = string | XmlNode;

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** All children of `node` named `name` (qualified names as written, e.g. `media:content`). */
export function children(node: XmlNode | undefined, name: string): XmlValue[] {
  const value = node?.[name];
  return Array.isArray(value) ? (value as XmlValue[]) : [];
}

/** The first child named `name` as a node (a text-only child becomes `{ _: text }`). */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = children(node, name)[0];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? { _: value } : isNode(value) ? value : undefined;
}

/** An attribute of an element, or undefined. */
export function attr(value: XmlValue | undefined, name: string): string | undefined {
  return typeof value === 'object' ? value.$?.[name] : undefined;
}

/** The text content of an element; for an element with child elements, their text joined in document-ish order. */
export function textOf(value: XmlValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value._ === 'string' && Object.keys(value).every((k) => k === '_' || k === '$')) return value._;
  let out = typeof value._ === 'string' ? value._ : '';
  for (const [key, kids] of Object.entries(value)) {
    if (key === '$' || key === '_' || !Array.isArray(kids)) continue;
    for (const kid of kids as XmlValue[]) out += ` ${textOf(kid)}`;
  }
  return out;
}

/** Text of the first non-empty child among `names`, trimmed, or null. */
export function childText(node: XmlNode | undefined, ...names: string[]): string | null {
  for (const name of names) {
    for (const value of children(node, name)) {
      const text = textOf(value).trim();
      if (text) return text;
    }
  }
  return null;
}
