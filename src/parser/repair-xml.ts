/**
 * A lenient pass that turns almost-XML into well-formed XML, for the retry after a strict parse failed.
 * It re-tokenizes the text (no DOM) and fixes what real feeds get wrong: junk before the prolog or after the root,
 * a DOCTYPE (dropped, so no entity is ever expanded), control characters, bare `&` and `<`, HTML entities unknown
 * to XML, unquoted or duplicated attributes, mismatched and unclosed tags, a document cut off mid-tag.
 * CDATA sections and comments are kept as they are.
 */
import { HTML_ENTITIES, numericReference } from '../text/entities.js';
import { removeXmlForbidden } from '../text/xml-chars.js';

export interface RepairResult {
  xml: string;
  /** What was changed, one short phrase per kind of fix. */
  fixes: string[];
}

const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const ENTITY_IN_TEXT_RE = /&(?:(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);)?/g;
const NAME_RE = /^[A-Za-z_][\w.:-]*/;
const ATTR_RE = /([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g;

class Counter {
  readonly counts = new Map<string, number>();
  add(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }
  list(): string[] {
    return [...this.counts].map(([what, n]) => (n > 1 ? `${what} (x${n})` : what));
  }
}

function fixEntities(text: string, fixes: Counter): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_IN_TEXT_RE, (whole, body: string | undefined) => {
    if (!body) {
      fixes.add('escaped bare &');
      return '&amp;';
    }
    if (body[0] === '#') {
      if (numericReference(body) !== null) return whole;
      fixes.add('dropped invalid character reference');
      return '';
    }
    if (XML_PREDEFINED.has(body)) return whole;
    const code = HTML_ENTITIES.get(body);
    if (code !== undefined) {
      fixes.add('replaced HTML entities');
      return `&#${code};`;
    }
    fixes.add('escaped unknown entity');
    return `&amp;${body};`;
  });
}

function escapeText(text: string, fixes: Counter): string {
  const fixed = fixEntities(text, fixes);
  return fixed.includes('<') ? fixed.replace(/</g, '&lt;') : fixed;
}

/** Index just past the `>` closing a tag that starts at `start`, honouring quoted attribute values; -1 if none. */
function tagEnd(xml: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    } else if (c === '<') {
      return -1; // a new tag starts: this one was never closed
    }
  }
  return -1;
}

function rebuildAttributes(raw: string, fixes: Counter): string {
  let out = '';
  const seen = new Set<string>();
  for (const m of raw.matchAll(ATTR_RE)) {
    const name = m[1] ?? '';
    if (!NAME_RE.test(name)) {
      fixes.add('dropped invalid attribute');
      continue;
    }
    if (seen.has(name)) {
      fixes.add('dropped duplicate attribute');
      continue;
    }
    seen.add(name);
    let value = m[2];
    if (value === undefined) {
      fixes.add('gave attribute a value');
      value = name;
    } else if (value[0] === '"' || value[0] === "'") {
      value = value.slice(1, -1);
    } else {
      fixes.add('quoted attribute');
    }
    const clean = fixEntities(value, fixes).replace(/</g, '&lt;').replace(/"/g, '&quot;');
    out += ` ${name}="${clean}"`;
  }
  return out;
}

/** Where `name` is open in the stack, looking at most 256 levels down (keeps pathological nesting linear). */
function openIndex(stack: string[], name: string): number {
  for (let i = stack.length - 1; i >= 0 && i >= stack.length - 256; i--) if (stack[i] === name) return i;
  return -1;
}

/** Repair `xml` into a well-formed document (or an empty string when it has no element at all). */
export function repairXml(input: string, root?: string): RepairResult {
  const fixes = new Counter();
  let xml = input.replace(/^\uFEFF/, '');
  if (root) {
    // Everything before the expected root element (junk markup, a misplaced prolog) goes.
    const at = xml.search(new RegExp(`<${root.replace(/[.]/g, '\\.')}[\\s>/]`));
    if (at > 0) {
      const before = xml.slice(0, at);
      if (/<!DOCTYPE/i.test(before)) fixes.add('removed DOCTYPE');
      const rest = before.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>/gi, '');
      if (rest.trim()) fixes.add('removed junk before the root element');
      xml = xml.slice(at);
    }
  }
  const cleaned = removeXmlForbidden(xml);
  if (cleaned.removed) {
    fixes.add('removed control characters', cleaned.removed);
    xml = cleaned.text;
  }

  let out = '';
  const stack: string[] = [];
  let rootClosed = false;
  let sawRoot = false;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      if (stack.length) out += escapeText(text, fixes);
      else if (text.trim()) fixes.add(sawRoot ? 'removed junk after the root element' : 'removed text before the root element');
      if (rootClosed && text.trim()) break;
      i = textEnd;
      if (lt === -1) break;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) {
        fixes.add('removed unterminated comment');
        break;
      }
      if (stack.length) out += xml.slice(i, end + 3);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      const body = end === -1 ? xml.slice(i) : xml.slice(i, end + 3);
      if (stack.length) out += end === -1 ? `${body}]]>` : body;
      if (end === -1) {
        fixes.add('closed unterminated CDATA');
        break;
      }
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) break;
      const pi = xml.slice(i, end + 2);
      if (/^<\?xml\s/i.test(pi)) {
        if (out === '' && !sawRoot) out = pi;
        else fixes.add('removed misplaced XML declaration');
      } else if (stack.length) {
        out += pi;
      }
      i = end + 2;
      continue;
    }
    if (/^<!DOCTYPE/i.test(xml.slice(i, i + 9))) {
      let depth = 0;
      let j = i + 9;
      for (; j < n; j++) {
        const c = xml[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      fixes.add('removed DOCTYPE');
      i = j + 1;
      continue;
    }
    const close = xml[i + 1] === '/';
    const nameMatch = NAME_RE.exec(xml.slice(i + (close ? 2 : 1), i + (close ? 2 : 1) + 200));
    if (!nameMatch) {
      if (stack.length) {
        out += '&lt;';
        fixes.add('escaped bare <');
      }
      i += 1;
      continue;
    }
    const end = tagEnd(xml, i);
    if (end === -1) {
      // A tag cut off by the end of the document, or swallowed by the next one.
      const next = xml.indexOf('<', i + 1);
      fixes.add(next === -1 ? 'removed a tag cut off at the end' : 'removed an unterminated tag');
      if (next === -1) break;
      i = next;
      continue;
    }
    const name = nameMatch[0];
    if (rootClosed) {
      fixes.add('removed junk after the root element');
      break;
    }
    if (close) {
      const at = openIndex(stack, name);
      if (at === -1) {
        fixes.add('removed stray close tag');
      } else {
        if (at < stack.length - 1) fixes.add('closed unclosed tags', stack.length - 1 - at);
        while (stack.length > at) out += `</${stack.pop()}>`;
        if (!stack.length) rootClosed = true;
      }
      i = end;
      continue;
    }
    const selfClosing = xml[end - 2] === '/';
    const attrs = rebuildAttributes(xml.slice(i + 1 + name.length, selfClosing ? end - 2 : end - 1), fixes);
    if (!sawRoot) sawRoot = true;
    out += `<${name}${attrs}${selfClosing ? '/' : ''}>`;
    if (!selfClosing) stack.push(name);
    else if (!stack.length) rootClosed = true;
    i = end;
  }
  if (stack.length) {
    fixes.add('closed tags left open at the end', stack.length);
    while (stack.length) out += `</${stack.pop()}>`;
  }
  return { xml: sawRoot ? out : '', fixes: fixes.list() };
}
