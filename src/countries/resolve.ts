/**
 * Document-level decisions taken after the scan, where one phrase cannot decide alone:
 * - name-guarded phrases ("Jordan", "Chad", "Georgia", "Washington"): once the document uses the phrase as a
 *   person's name ("Michael Jordan"), its other bare uses count only if the country has other evidence;
 * - korea: a bare "Korea"/"Korean" goes to the only Korea the document names explicitly; when it names both it is
 *   peninsula-level and suggests nothing; when it names neither it means South Korea;
 * - congo: a bare "Congo"/"Congolese" is the Republic of the Congo (CG) only when the document names CG explicitly
 *   (Brazzaville, Congo-Brazzaville, Sassou Nguesso...) more often than the DRC; otherwise the DRC (CD), which is
 *   what most news means by "Congo";
 * - georgia: the US state when US-state evidence (other states, Atlanta, county, governor) outweighs Caucasus
 *   evidence (Tbilisi, Georgian, Russia, Armenia, Azerbaijan, Türkiye, Ukraine, the EU); the country otherwise;
 * - turkey: "Turkey" in a document about cooking (Thanksgiving, roast, gravy...) counts only with other Türkiye evidence.
 */
import type { Hit, Rejection } from './matcher.js';
import type { Field } from './matcher.js';
import type { IndicatorKind } from './types.js';

/** A hit after resolution: the country it counts for. */
export interface ResolvedHit {
  code: string;
  phrase: string;
  kind: IndicatorKind;
  weak: boolean;
  field: Field;
}

const FOOD = /\b(thanksgiving|roast(ed|ing)?|gravy|stuffing|cranberr\w*|oven|recipes?|carv(e|ed|ing)|giblets|drumsticks?)\b/i;
const CAUCASUS = /\b(Caucasus|Caucasian|Black Sea|European Union|Soviet)\b/g;
const US_STATE_CUES = /\b(county|counties|governor|Gov\.|legislature|Peach State|Savannah|Augusta|Macon|Senate race|Republicans?|Democrats?|Sheriff)\b/g;
const CAUCASUS_NEIGHBOURS = new Set(['RU', 'AM', 'AZ', 'TR', 'UA']);

/** Turns raw hits into per-country hits, applying the rules above. `fullText` is all fields joined. */
export function resolveHits(hits: Hit[], rejections: Rejection[], fullText: string): ResolvedHit[] {
  const explicit = new Map<string, number>();
  const strongByCode = new Map<string, Set<number>>();
  for (const h of hits) {
    const code = h.indicator.code;
    if (code === null || h.indicator.group !== null) continue;
    explicit.set(code, (explicit.get(code) ?? 0) + 1);
    if (!h.indicator.weak) {
      const ids = strongByCode.get(code) ?? new Set<number>();
      ids.add(h.indicator.id);
      strongByCode.set(code, ids);
    }
  }
  const count = (code: string): number => explicit.get(code) ?? 0;
  const corroborated = (code: string, id: number): boolean => [...(strongByCode.get(code) ?? [])].some((x) => x !== id);
  const usedAsName = new Set(rejections.filter((r) => r.reason !== 'caps').map((r) => r.indicator.id));

  let georgia: 'GE' | 'US' | null = null;
  const out: ResolvedHit[] = [];
  for (const h of hits) {
    const ind = h.indicator;
    if (ind.code === null) continue;
    if ((ind.nameGuard || ind.group === 'turkey') && usedAsName.has(ind.id) && !corroborated(ind.code, ind.id)) continue;
    let code = ind.code;
    let kind = ind.kind;
    switch (ind.group) {
      case 'korea': {
        const kp = count('KP');
        const kr = count('KR');
        if (kp > 0 && kr > 0) continue;
        code = kp > 0 ? 'KP' : 'KR';
        break;
      }
      case 'congo':
        code = count('CG') > count('CD') ? 'CG' : 'CD';
        break;
      case 'georgia':
        georgia ??= decideGeorgia(hits, fullText, count('GE'));
        if (georgia === 'US') {
          code = 'US';
          kind = 'state';
        }
        break;
      case 'turkey':
        if (FOOD.test(fullText) && !corroborated('TR', ind.id)) continue;
        break;
      case null:
        break;
    }
    out.push({ code, phrase: ind.phrase, kind, weak: ind.weak, field: h.field });
  }
  return out;
}

function decideGeorgia(hits: Hit[], fullText: string, explicitGe: number): 'GE' | 'US' {
  let ge = explicitGe + (fullText.match(CAUCASUS)?.length ?? 0);
  let us = fullText.match(US_STATE_CUES)?.length ?? 0;
  for (const h of hits) {
    const { code, kind, group } = h.indicator;
    if (group !== null || code === null) continue;
    if (CAUCASUS_NEIGHBOURS.has(code)) ge += 0.5;
    if (code === 'US' && (kind === 'state' || kind === 'city')) us += 1;
  }
  return us > ge ? 'US' : 'GE';
}
