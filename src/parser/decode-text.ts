/**
 * Bytes -> string with the charset a browser or feed reader would pick: BOM, then the HTTP Content-Type charset,
 * then the XML prolog `encoding=` (or, for HTML, a `<meta charset>` in the first 2 KB), else UTF-8.
 * Decoding goes through iconv-lite: Node 20's TextDecoder mangles windows-1252.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface DecodeOptions {
  /** Look for `<meta charset>` / `<meta http-equiv="content-type">` instead of the XML prolog. */
  html?: boolean;
}

export interface DecodedText {
  text: string;
  /** The charset actually used, as a lower-case canonical label (e.g. 'utf-8', 'windows-1252', 'utf-16le'). */
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'content-type' | 'prolog' | 'meta' | 'sniffed' | 'default';
  /** Non-fatal problems: unknown labels, undecodable bytes. */
  warnings: string[];
}

/** Labels that browsers (WHATWG Encoding) map to another decoder. */
const ALIASES: Record<string, string> = {
  'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8', 'unicode11utf8': 'utf-8',
  'utf-16': 'utf-16le', 'utf16': 'utf-16le', 'ucs-2': 'utf-16le', 'unicode': 'utf-16le', 'csunicode': 'utf-16le',
  'iso-10646-ucs-2': 'utf-16le', 'unicodefeff': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'unicodefffe': 'utf-16be',
  // ISO-8859-1 and ASCII are decoded as windows-1252, like every browser does.
  'ascii': 'windows-1252', 'us-ascii': 'windows-1252', 'ansi_x3.4-1968': 'windows-1252', 'latin1': 'windows-1252',
  'latin-1': 'windows-1252', 'l1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252', 'iso88591': 'windows-1252', 'iso_8859-1:1987': 'windows-1252', 'cp819': 'windows-1252',
  'ibm819': 'windows-1252', 'iso-ir-100': 'windows-1252', 'csisolatin1': 'windows-1252', 'cp1252': 'windows-1252',
  'x-cp1252': 'windows-1252', 'win-1252': 'windows-1252',
  'iso-8859-9': 'windows-1254', 'iso8859-9': 'windows-1254', 'latin5': 'windows-1254', 'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874', 'cp1251': 'windows-1251', 'x-cp1251': 'windows-1251', 'cp1250': 'windows-1250',
  'gb2312': 'gbk', 'gb_2312-80': 'gbk', 'x-gbk': 'gbk', 'chinese': 'gbk', 'csgb2312': 'gbk',
  'x-sjis': 'shift_jis', 'sjis': 'shift_jis', 'ms_kanji': 'shift_jis', 'windows-31j': 'shift_jis',
  'ks_c_5601-1987': 'euc-kr', 'korean': 'euc-kr', 'windows-949': 'euc-kr', 'x-euc-jp': 'euc-jp',
  'big5-hkscs': 'big5', 'x-x-big5': 'big5', 'koi': 'koi8-r', 'koi8': 'koi8-r',
};

/** The decoder name for a charset label, or null when iconv-lite has no decoder for it. */
export function normalizeCharset(label: string): string | null {
  const clean = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!clean) return null;
  const mapped = ALIASES[clean] ?? clean;
  return iconv.encodingExists(mapped) ? mapped : null;
}

function sniffBom(body: Buffer): { charset: string; length: number } | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM still shows itself by the NUL bytes around the ASCII of `<?xml` or `<`. */
function sniffUtf16(body: Buffer): string | null {
  if (body.length < 4) return null;
  if (body[0] === 0x3c && body[1] === 0 && body[2] !== 0 && body[3] === 0) return 'utf-16le';
  if (body[0] === 0 && body[1] === 0x3c && body[2] === 0 && body[3] !== 0) return 'utf-16be';
  return null;
}

/** The `charset=` parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = contentType ? /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType) : null;
  return match?.[2] ?? null;
}

function charsetFromProlog(head: string): string | null {
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(head);
  return match?.[1] ?? null;
}

function charsetFromMeta(head: string): string | null {
  const direct = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(head);
  if (direct?.[1]) return direct[1];
  for (const tag of head.match(/<meta\s[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-type/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(["'])([^"']*)\1/i.exec(tag);
    const charset = content?.[2] ? /charset\s*=\s*([^\s;"']+)/i.exec(content[2]) : null;
    if (charset?.[1]) return charset[1];
  }
  return null;
}

/** Valid UTF-8, allowing a multi-byte sequence cut off at the very end (a body truncated by a size cap). */
function isUtf8OrTruncated(body: Buffer): boolean {
  for (let cut = 0; cut < 4 && cut <= body.length; cut++) {
    if (isUtf8(body.subarray(0, body.length - cut))) return true;
  }
  return false;
}

function decodeWith(body: Buffer, charset: string, offset: number): string {
  return iconv.decode(offset ? body.subarray(offset) : body, charset, { stripBOM: true });
}

/**
 * Decode a feed or page body. Never throws: an unknown or unsupported label falls back to UTF-8 with a warning.
 *
 * @example
 * decodeText(Buffer.from([0x93, 0x68, 0x69, 0x94]), 'text/xml; charset=windows-1252').text // '“hi”'
 */
export function decodeText(body: Buffer, contentType: string | null, opts: DecodeOptions = {}): DecodedText {
  const warnings: string[] = [];
  const bom = sniffBom(body);
  if (bom) return { text: decodeWith(body, bom.charset, bom.length), charset: bom.charset, source: 'bom', warnings };

  const candidates: { label: string | null; source: DecodedText['source'] }[] = [
    { label: charsetFromContentType(contentType), source: 'content-type' },
  ];
  const utf16 = sniffUtf16(body);
  if (utf16 && !candidates[0]?.label?.toLowerCase().startsWith('utf-16')) {
    // A document whose bytes are plainly UTF-16 cannot have its prolog read as ASCII; trust the bytes.
    return { text: decodeWith(body, utf16, 0), charset: utf16, source: 'sniffed', warnings };
  }
  const head = body.subarray(0, opts.html ? 2048 : 512).toString('latin1');
  candidates.push(opts.html ? { label: charsetFromMeta(head), source: 'meta' } : { label: charsetFromProlog(head), source: 'prolog' });

  for (const { label, source } of candidates) {
    if (!label) continue;
    const charset = normalizeCharset(label);
    if (!charset) {
      warnings.push(`unknown charset "${label}" from ${source}, decoded as UTF-8`);
      return { text: decodeWith(body, 'utf-8', 0), charset: 'utf-8', source: 'default', warnings };
    }
    // 'utf-16' without a BOM: the byte pattern says which end is which.
    const effective = charset.startsWith('utf-16') && utf16 ? utf16 : charset;
    return { text: decodeWith(body, effective, 0), charset: effective, source, warnings };
  }

  if (!isUtf8OrTruncated(body)) {
    // Nothing declared and not valid UTF-8: legacy pages are overwhelmingly windows-1252.
    warnings.push('no charset declared and the bytes are not valid UTF-8: decoded as windows-1252');
    return { text: decodeWith(body, 'windows-1252', 0), charset: 'windows-1252', source: 'sniffed', warnings };
  }
  return { text: decodeWith(body, 'utf-8', 0), charset: 'utf-8', source: 'default', warnings };
}
