import { describe, expect, it } from 'vitest';
import { suggestCountries } from '../../src/countries/index.js';

interface Case {
  name: string;
  title: string;
  text?: string;
  /** Exactly these codes suggested (any order). */
  codes: string[];
  /** These (and only these) are primary, when given. */
  primary?: string[];
}

function run(c: Case): { codes: string[]; primary: string[] } {
  const s = suggestCountries({ title: c.title, ...(c.text !== undefined ? { text: c.text } : {}) });
  return { codes: s.map((x) => x.code).sort(), primary: s.filter((x) => x.primary).map((x) => x.code).sort() };
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const got = run(c);
      expect(got.codes).toEqual([...c.codes].sort());
      if (c.primary) expect(got.primary).toEqual([...c.primary].sort());
    });
  });
}

table('North vs South Korea, bare Korean', [
  { name: 'North Korea', title: 'North Korea fires missiles', codes: ['KP'] },
  { name: 'South Korea', title: 'South Korea elects a president', codes: ['KR'] },
  { name: 'DPRK / ROK', title: 'DPRK and ROK officials meet', codes: ['KP', 'KR'] },
  { name: 'official names, longest wins', title: "Democratic People's Republic of Korea and the Republic of Korea", codes: ['KP', 'KR'] },
  { name: 'bare Korean with only North Korea', title: 'Korean believers in North Korea pray in secret', codes: ['KP'] },
  { name: 'bare Korea alone means KR', title: 'Korea exports rise', codes: ['KR'] },
  { name: 'both named: bare Korean is peninsula-level', title: 'North Korea and South Korea', text: 'Korean families remain divided.', codes: ['KP', 'KR'] },
  { name: 'Korean War / Peninsula are stops', title: 'Korean War veterans remember', text: 'Tension on the Korean peninsula.', codes: [] },
  { name: 'inter-Korean is not KR alone', title: 'North Korea cuts inter-Korean hotline', codes: ['KP'] },
  { name: 'Pyongyang / Kim Jong Un', title: 'Kim Jong Un inspects Pyongyang factory', codes: ['KP'] },
  { name: 'hyphenated Kim Jong-un', title: 'Kim Jong-un meets envoys', codes: ['KP'] },
]);

table('Niger vs Nigeria', [
  { name: 'Niger', title: 'Niger junta closes border', codes: ['NE'] },
  { name: 'Nigeria', title: 'Nigeria floods', codes: ['NG'] },
  { name: 'Nigerian -> NG', title: 'Nigerian pastor freed', codes: ['NG'] },
  { name: 'Nigerien -> NE', title: 'Nigerien troops deploy', codes: ['NE'] },
  { name: 'Niger Delta -> NG', title: 'Oil spill in the Niger Delta', codes: ['NG'] },
  { name: 'Niger State -> NG', title: 'Kidnapping in Niger State', codes: ['NG'] },
  { name: 'River Niger is no country', title: 'Fishing on the River Niger', codes: [] },
]);

table('the two Congos', [
  { name: 'DRC', title: 'DRC rebels advance', codes: ['CD'] },
  { name: 'Democratic Republic of the Congo', title: 'Democratic Republic of the Congo votes', codes: ['CD'] },
  { name: 'Democratic Republic of Congo', title: 'Democratic Republic of Congo votes', codes: ['CD'] },
  { name: 'Congo-Kinshasa', title: 'Congo-Kinshasa and Congo-Brazzaville talk', codes: ['CD', 'CG'] },
  { name: 'Kinshasa', title: 'Protests in Kinshasa', codes: ['CD'] },
  { name: 'Republic of the Congo', title: 'Republic of the Congo signs deal', codes: ['CG'] },
  { name: 'Brazzaville', title: 'Brazzaville floods', codes: ['CG'] },
  { name: 'bare Congo defaults to CD', title: 'Ebola outbreak in Congo', codes: ['CD'] },
  { name: 'bare Congo with CG context', title: 'Congo votes', text: 'Voters in Brazzaville queued early.', codes: ['CG'] },
  { name: 'Congolese with CD context', title: 'Congolese refugees reach Goma', codes: ['CD'] },
  { name: 'Congo River is a stop', title: 'Barge sinks on the Congo River', codes: [] },
]);

table('Guineas: the longer name wins', [
  { name: 'Guinea', title: 'Guinea holds referendum', codes: ['GN'] },
  { name: 'Guinea-Bissau', title: 'Guinea-Bissau coup attempt', codes: ['GW'] },
  { name: 'Guinea Bissau without hyphen', title: 'Guinea Bissau coup attempt', codes: ['GW'] },
  { name: 'Equatorial Guinea', title: 'Equatorial Guinea frees pastor', codes: ['GQ'] },
  { name: 'Papua New Guinea', title: 'Papua New Guinea landslide', codes: ['PG'] },
  { name: 'Guinea pig', title: 'Guinea pigs given to families', text: 'Each guinea pig costs little.', codes: [] },
  { name: 'Gulf of Guinea', title: 'Piracy in the Gulf of Guinea', codes: [] },
]);

table('Georgia the country vs the US state', [
  { name: 'Tbilisi context', title: 'Georgia protests grow', text: 'Crowds filled Tbilisi.', codes: ['GE'] },
  { name: 'no context defaults to the country', title: 'Georgia passes new law', codes: ['GE'] },
  { name: 'Atlanta, Georgia', title: 'Church fire in Atlanta, Georgia', codes: ['US'] },
  { name: 'Georgia, US', title: 'Storm hits Georgia, US', codes: ['US'] },
  { name: 'US-state context', title: 'Georgia governor declares emergency', text: 'Schools in 40 counties closed; Alabama too.', codes: ['US'] },
  { name: 'Georgia Tech', title: 'Georgia Tech students volunteer', codes: [] },
  { name: 'South Georgia (GS) is not GE', title: 'South Georgia seal survey', codes: ['GS'] },
  { name: 'Georgian architecture', title: 'Georgian architecture tour in London', codes: ['GB'] },
]);

table('Jordan and Chad as names', [
  { name: 'Michael Jordan', title: 'A gift from Michael Jordan', text: 'Michael Jordan gave. Jordan said he was glad.', codes: [] },
  { name: 'Jordan River', title: 'Baptisms in the Jordan River', codes: [] },
  { name: 'Jordan the country', title: 'Jordan hosts refugees', text: 'Officials in Amman said so.', codes: ['JO'] },
  { name: 'Jordanian', title: 'Jordanian king visits', codes: ['JO'] },
  { name: "Jordan's", title: "Refugees in Jordan's north", codes: ['JO'] },
  { name: 'Chad Smith', title: 'Drummer Chad Smith plays benefit', text: 'Chad Smith said thanks.', codes: [] },
  { name: 'Chad the country', title: 'Chad closes border with Sudan', codes: ['TD', 'SD'] },
  { name: 'Chad at sentence start', title: 'Refugee crisis', text: 'Chad has received 600,000 refugees.', codes: ['TD'] },
  { name: 'Chadian', title: 'Chadian army deploys', codes: ['TD'] },
]);

table('Turkey the bird vs Türkiye', [
  { name: 'Thanksgiving turkey', title: 'Churches hand out Thanksgiving turkey dinners', codes: [] },
  { name: 'Roast Turkey title', title: 'Roast Turkey for 300 guests', codes: [] },
  { name: 'sentence-initial Turkey in a cooking story', title: 'Holiday meal', text: 'Turkey, gravy and stuffing were served.', codes: [] },
  { name: 'Turkey the country', title: 'Turkey earthquake kills 40', codes: ['TR'] },
  { name: 'Türkiye', title: 'Türkiye hosts talks', codes: ['TR'] },
  { name: 'Turkiye without diacritic', title: 'Turkiye hosts talks', codes: ['TR'] },
  { name: 'Turkish', title: 'Turkish police detain pastor', codes: ['TR'] },
  { name: 'Turkish delight', title: 'Recipe: Turkish delight', codes: [] },
]);

table('Dominica vs the Dominican Republic', [
  { name: 'Dominica', title: 'Hurricane hits Dominica', codes: ['DM'] },
  { name: 'Dominican Republic', title: 'Dominican Republic deports migrants', codes: ['DO'] },
  { name: 'Dominican -> DO', title: 'Dominican police raid', codes: ['DO'] },
  { name: 'Dominican friars', title: 'Dominican friars open a shelter', codes: [] },
  { name: 'Dominican Order', title: 'The Dominican Order turns 800', codes: [] },
]);

table('Sudan vs South Sudan, Iran vs Iraq', [
  { name: 'South Sudan', title: 'South Sudan floods', codes: ['SS'] },
  { name: 'Sudan', title: 'Sudan war enters third year', codes: ['SD'] },
  { name: 'South Sudanese vs Sudanese', title: 'South Sudanese and Sudanese leaders meet', codes: ['SS', 'SD'] },
  { name: 'Iran', title: 'Iran arrests converts', codes: ['IR'] },
  { name: 'Iraq', title: 'Iraq elections', codes: ['IQ'] },
  { name: 'Iranian / Iraqi', title: 'Iranian and Iraqi ministers meet', codes: ['IR', 'IQ'] },
  { name: 'Iran-Iraq', title: 'Iran-Iraq border reopens', codes: ['IR', 'IQ'] },
  { name: 'no match inside words', title: 'Iranians and Iraqis; Niramid Iraqa Sudanic', codes: ['IR', 'IQ'] },
]);

table('China, Chinese, Taiwan', [
  { name: 'China', title: 'China drills', codes: ['CN'] },
  { name: 'Chinese', title: 'Chinese police raid church', codes: ['CN'] },
  { name: 'Taiwan', title: 'Taiwan election', codes: ['TW'] },
  { name: 'Republic of China is Taiwan', title: 'Republic of China marks national day', codes: ['TW'] },
  { name: "People's Republic of China", title: "People's Republic of China at 75", codes: ['CN'] },
  { name: 'Chinese Taipei', title: 'Chinese Taipei wins gold', codes: ['TW'] },
  { name: 'South China Sea is a stop', title: 'Standoff in the South China Sea', codes: [] },
  { name: 'china (porcelain) lower case', title: 'Fine china auction raises funds', codes: [] },
]);

table('Palestine', [
  { name: 'Palestine', title: 'Palestine recognised by three states', codes: ['PS'] },
  { name: 'West Bank', title: 'Settler attacks in the West Bank', codes: ['PS'] },
  { name: 'Gaza', title: 'Gaza aid convoy', codes: ['PS'] },
  { name: 'Palestinian', title: 'Palestinian Christians pray', codes: ['PS'] },
]);

table('US, us, UK, Washington', [
  { name: 'US', title: 'US sanctions officials', codes: ['US'] },
  { name: 'U.S.', title: 'U.S. envoy visits', codes: ['US'] },
  { name: 'us lower case', title: 'Join us in prayer', codes: [] },
  { name: 'US in ALL CAPS is the pronoun', title: 'PRAY WITH US', codes: [] },
  { name: 'US beside lower case in caps title', title: 'US and UK warn', codes: ['US', 'GB'] },
  { name: 'UK', title: 'UK aid cuts', codes: ['GB'] },
  { name: 'uk lower case', title: 'visit example.uk today', codes: [] },
  { name: 'Washington as government', title: 'Washington imposes sanctions on Cuba', codes: ['US', 'CU'] },
  { name: 'Washington Post', title: 'The Washington Post reports', codes: [] },
  { name: 'George Washington', title: 'A speech', text: 'As George Washington wrote long ago.', codes: [] },
  { name: 'Washington state is the US', title: 'Floods in Washington state', codes: ['US'] },
  { name: 'America vs Latin America', title: 'Latin America and South America', text: 'North America too.', codes: [] },
]);

table('US states and islands that look like countries', [
  { name: 'New Mexico is not MX', title: 'Wildfire in New Mexico', codes: ['US'] },
  { name: 'Mexico', title: 'Mexico elects Sheinbaum', codes: ['MX'] },
  { name: 'Gulf of Mexico', title: 'Storm in the Gulf of Mexico', codes: [] },
  { name: 'New Jersey is not JE', title: 'New Jersey church grows', codes: ['US'] },
  { name: 'Jersey', title: 'Jersey doubles aid', codes: ['JE'] },
  { name: 'jersey (shirt)', title: 'Signed football jersey auctioned', codes: [] },
  { name: 'Indiana is not IN', title: 'Indiana tornado', codes: ['US'] },
  { name: 'Indian Ocean is not IN', title: 'Cyclone in the Indian Ocean', codes: [] },
  { name: 'India', title: 'India heatwave', codes: ['IN'] },
]);

table('aliases', [
  { name: 'Burma', title: 'Burma army bombs church', codes: ['MM'] },
  { name: 'Holy See', title: 'Holy See diplomat visits', codes: ['VA'] },
  { name: 'Ivory Coast', title: 'Ivory Coast election', codes: ['CI'] },
  { name: "Côte d'Ivoire (curly apostrophe)", title: 'Côte d’Ivoire election', codes: ['CI'] },
  { name: 'Eswatini', title: 'Eswatini protests', codes: ['SZ'] },
  { name: 'Swaziland', title: 'Swaziland protests', codes: ['SZ'] },
  { name: 'Czechia', title: 'Czechia budget', codes: ['CZ'] },
  { name: 'Kosovo', title: 'Kosovo tensions', codes: ['XK'] },
  { name: 'the Kremlin', title: 'The Kremlin denies', codes: ['RU'] },
  { name: 'Zhongnanhai', title: 'Inside Zhongnanhai', codes: ['CN'] },
  { name: 'the Blue House', title: 'The Blue House responds', codes: ['KR'] },
  { name: 'Downing Street', title: 'Downing Street reshuffle', codes: ['GB'] },
  { name: 'the White House', title: 'The White House says', codes: ['US'] },
  { name: 'a white house', title: 'A small white house by the sea', codes: [] },
  { name: 'Xi Jinping', title: 'Xi Jinping speaks', codes: ['CN'] },
  { name: 'Vladimir Putin', title: 'Vladimir Putin speaks', codes: ['RU'] },
  { name: 'Pope Pius XI is not Xi', title: 'Pope Pius XI letter', codes: [] },
]);
