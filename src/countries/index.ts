/**
 * Countries: the country table (ISO 3166-1 alpha-2 + XK from `world-countries`, plus the reviewed
 * indicators.yml) and the country matcher that suggests tags for an item. Pure: value in, value out
 * (the data files are read once, on first use).
 */
export { listCountries, getCountry, findCountry, isCountryCode } from './lookup.js';
export { searchCountries } from './search.js';
export { suggestCountries, FIELD_WEIGHT, KIND_WEIGHT, WEAK_FACTOR, FEED_WEIGHT, PRIMARY_SHARE } from './suggest.js';
export { CountryDataError } from './load-indicators.js';
export type { Country, CountrySuggestion, CountryEvidence, EvidencePlace, SuggestInput } from './types.js';
