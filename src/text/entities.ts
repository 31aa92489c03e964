/**
 * HTML character references: the HTML 4 named set (what feeds actually use) plus numeric references.
 * Small and dependency-free; the one decoder for titles and summaries (parser), for repairing XML that uses HTML
 * entities (parser) and for plain text out of untrusted strings (publish).
 */
import { isXmlChar } from './xml-chars.js';

const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro ' +
  'para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil ' +
  'Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave ' +
  'Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml ' +
  'igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute ' +
  'thorn yuml';
const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';
const OTHERS =
  'quot:34 amp:38 apos:39 lt:60 gt:62 OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 fnof:402 circ:710 tilde:732 ' +
  'thetasym:977 upsih:978 piv:982 ensp:8194 emsp:8195 thinsp:8201 zwnj:8204 zwj:8205 lrm:8206 rlm:8207 ndash:8211 ' +
  'mdash:8212 lsquo:8216 rsquo:8217 sbquo:8218 ldquo:8220 rdquo:8221 bdquo:8222 dagger:8224 Dagger:8225 bull:8226 ' +
  'hellip:8230 permil:8240 prime:8242 Prime:8243 lsaquo:8249 rsaquo:8250 oline:8254 frasl:8260 euro:8364 image:8465 ' +
  'weierp:8472 real:8476 trade:8482 alefsym:8501 larr:8592 uarr:8593 rarr:8594 darr:8595 harr:8596 crarr:8629 ' +
  'lArr:8656 uArr:8657 rArr:8658 dArr:8659 hArr:8660 forall:8704 part:8706 exist:8707 empty:8709 nabla:8711 ' +
  'isin:8712 notin:8713 ni:8715 prod:8719 sum:8721 minus:8722 lowast:8727 radic:8730 prop:8733 infin:8734 ang:8736 ' +
  'and:8743 or:8744 cap:8745 cup:8746 int:8747 there4:8756 sim:8764 cong:8773 asymp:8776 ne:8800 equiv:8801 le:8804 ' +
  'ge:8805 sub:8834 sup:8835 nsub:8836 sube:8838 supe:8839 oplus:8853 otimes:8855 perp:8869 sdot:8901 lceil:8968 ' +
  'rceil:8969 lfloor:8970 rfloor:8971 lang:9001 rang:9002 loz:9674 spades:9824 clubs:9827 hearts:9829 diams:9830 ' +
  'nbhy:8209 hyphen:8208 NewLine:10 Tab:9';

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  LATIN1_NAMES.split(' ').forEach((name, i) => table.set(name, 160 + i));
  GREEK_UPPER.split(' ').forEach((name, i) => name !== '_' && table.set(name, 913 + i));
  GREEK_LOWER.split(' ').forEach((name, i) => table.set(name, 945 + i));
  for (const pair of OTHERS.split(' ')) {
    const [name, code] = pair.split(':');
    if (name && code) table.set(name, Number(code));
  }
  return table;
}

/** Named HTML entities (case-sensitive names) to code points. */
export const HTML_ENTITIES: ReadonlyMap<string, number> = buildTable();

/** Code point of a numeric reference body such as `#233` or `#xE9`, or null when invalid. */
export function numericReference(body: string): number | null {
  const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return Number.isFinite(code) && isXmlChar(code) ? code : null;
}

const ENTITY_RE = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g;

/**
 * Decode HTML character references (named HTML 4 set and numeric). Unknown names stay as they are; invalid
 * numeric references become U+FFFD.
 *
 * @example decodeEntities('Caf&eacute; &amp; &#x2014; &bogus;') // 'Café & — &bogus;'
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (whole, body: string) => {
    if (body[0] === '#') {
      const code = numericReference(body);
      return code === null ? '\uFFFD' : String.fromCodePoint(code);
    }
    const code = HTML_ENTITIES.get(body);
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}
