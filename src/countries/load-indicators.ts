/** Reads and validates indicators.yml (the reviewed data file next to this module). */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** Raised when indicators.yml cannot be read or does not match its schema. */
export class CountryDataError extends Error {
  readonly code = 'invalid_indicators';
  constructor(message: string) {
    super(message);
    this.name = 'CountryDataError';
  }
}

const ItemSchema = z.union([
  z.string().min(1),
  z
    .object({
      text: z.string().min(1),
      case: z.enum(['exact', 'capitalized', 'any']).optional(),
      weak: z.boolean().optional(),
      nameGuard: z.boolean().optional(),
      capsGuard: z.boolean().optional(),
      notAfter: z.array(z.string()).optional(),
      notBefore: z.array(z.string()).optional(),
      group: z.enum(['korea', 'congo', 'georgia', 'turkey']).optional(),
    })
    .strict(),
]);

const ListsSchema = z
  .object({
    aliases: z.array(ItemSchema).optional(),
    demonyms: z.array(ItemSchema).optional(),
    seats: z.array(ItemSchema).optional(),
    people: z.array(ItemSchema).optional(),
    cities: z.array(ItemSchema).optional(),
    states: z.array(ItemSchema).optional(),
    organizations: z.array(ItemSchema).optional(),
  })
  .strict();

const FileSchema = z
  .object({
    reviewed: z.union([z.string(), z.date()]),
    exclude: z.array(z.string()),
    stops: z.array(ItemSchema),
    countries: z.record(z.string().regex(/^[A-Z]{2}$/), ListsSchema),
  })
  .strict();

export type IndicatorItem = z.infer<typeof ItemSchema>;
export type IndicatorLists = z.infer<typeof ListsSchema>;
export type IndicatorFile = z.infer<typeof FileSchema>;

/** The list names of a country entry, and the indicator kind each maps to. */
export const LIST_KINDS = {
  aliases: 'alias',
  demonyms: 'demonym',
  seats: 'seat',
  people: 'person',
  cities: 'city',
  states: 'state',
  organizations: 'group',
} as const;

/** Parses indicators.yml text; throws CountryDataError on a schema mismatch. */
export function parseIndicators(text: string): IndicatorFile {
  const result = FileSchema.safeParse(parse(text));
  if (!result.success) {
    throw new CountryDataError(`indicators.yml: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

/** Reads the indicators.yml shipped beside this module. */
export function loadIndicators(): IndicatorFile {
  let text: string;
  try {
    text = readFileSync(new URL('./indicators.yml', import.meta.url), 'utf8');
  } catch (err) {
    throw new CountryDataError(`cannot read indicators.yml: ${(err as Error).message}`);
  }
  return parseIndicators(text);
}
