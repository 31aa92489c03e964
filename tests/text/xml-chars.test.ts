/** The one definition of the characters XML forbids and the controls text for people drops. */
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../src/text/entities.js';
import { isXmlChar, removeXmlForbidden, stripControls } from '../../src/text/xml-chars.js';

const all = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('');

describe('removeXmlForbidden', () => {
  it('drops C0 controls but tab, LF and CR, U+FFFE/U+FFFF and lone surrogates, and counts them', () => {
    const c0 = all(0, 0x1f);
    expect(removeXmlForbidden(`a${c0}b\uFFFE\uFFFFc\uD800d\uDC00e`)).toEqual({ text: 'a\t\n\rbcde', removed: 29 + 2 + 2 });
  });

  it('keeps what XML allows: DEL, the C1 controls, pairs of surrogates, U+FFFD', () => {
    const kept = `\u007F${all(0x80, 0x9f)}😀\uFFFD`;
    expect(removeXmlForbidden(kept)).toEqual({ text: kept, removed: 0 });
  });
});

describe('stripControls', () => {
  it('drops what XML forbids plus DEL and the C1 controls, keeping tab, LF, CR and real characters', () => {
    expect(stripControls(`a\u0000\u0008\t\n\r\u000B\u001F\u007F${all(0x80, 0x9f)}\uFFFE\uD83Db 😀 é\u00A0`)).toBe('a\t\n\rb 😀 é\u00A0');
  });

  it('agrees with isXmlChar on every BMP code point outside the surrogates (and DEL/C1, which only stripControls drops)', () => {
    const disagree: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      const discouraged = code >= 0x7f && code <= 0x9f;
      if ((removeXmlForbidden(ch).removed === 0) !== isXmlChar(code)) disagree.push(`removeXmlForbidden U+${code.toString(16)}`);
      if (!discouraged && (stripControls(ch) === ch) !== isXmlChar(code)) disagree.push(`stripControls U+${code.toString(16)}`);
    }
    expect(disagree).toEqual([]);
  });
});

describe('decodeEntities', () => {
  it('decodes the HTML 4 names and numeric references; an invalid reference becomes U+FFFD, an unknown name stays', () => {
    expect(decodeEntities('Caf&eacute; &amp; &#x2014; &#8212; &bogus; &#0; &#xD800;')).toBe('Café & — — &bogus; \uFFFD \uFFFD');
  });
});
