/**
 * Which characters may stand in XML and in text we show: the one definition of these ranges, shared by the feed
 * parser (input) and the publisher (output).
 *
 * XML 1.0 (§2.2, `Char`) allows U+0009, U+000A, U+000D, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF. In a
 * JavaScript string that leaves as forbidden:
 * - the C0 controls U+0000–U+0008, U+000B, U+000C and U+000E–U+001F (tab, line feed and carriage return are allowed);
 * - the noncharacters U+FFFE and U+FFFF;
 * - lone surrogates (U+D800–U+DFFF not part of a pair): no character at all. Text decoded from bytes never holds
 *   them, but a string built in code (or `&#xD800;` decoded carelessly) can.
 * XML allows, but discourages, DEL (U+007F) and the C1 controls U+0080–U+009F. They are invisible in text (in feeds
 * they are mostly windows-1252 bytes decoded as Latin-1), so text for people drops them too: `stripControls`.
 */

const C0 = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F';
const NONCHARACTERS = '\\uFFFE\\uFFFF';
const DEL_AND_C1 = '\\u007F-\\u009F';
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

/** Every character XML 1.0 forbids (see the module comment). */
const XML_FORBIDDEN_RE = new RegExp(`[${C0}${NONCHARACTERS}]|${LONE_SURROGATE}`, 'g');
/** What XML forbids plus DEL and the C1 controls. */
const CONTROLS_RE = new RegExp(`[${C0}${DEL_AND_C1}${NONCHARACTERS}]|${LONE_SURROGATE}`, 'g');

/** True for a code point allowed in an XML 1.0 document. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Removes the characters XML 1.0 forbids, so a feed with a stray control character can still be parsed; `removed`
 * counts them (for a warning).
 *
 * @example removeXmlForbidden('a\u0000b\u0085') // { text: 'ab\u0085', removed: 1 }
 */
export function removeXmlForbidden(text: string): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(XML_FORBIDDEN_RE, () => {
    removed++;
    return '';
  });
  return { text: out, removed };
}

/**
 * Text for people, and for XML we write: removes what XML 1.0 forbids plus DEL and the C1 controls. A control
 * character in a title would otherwise make a whole feed unreadable.
 *
 * @example stripControls('a\u0000b\u0085c\u007f') // 'abc'
 */
export function stripControls(text: string): string {
  return text.replace(CONTROLS_RE, '');
}
