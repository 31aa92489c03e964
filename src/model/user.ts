/** Plain types of curator accounts. No I/O here. */

export const ROLES = ['admin', 'curator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is signed in: what the web layer and the domain need to know about a user. */
export interface AuthUser {
  id: number;
  name: string;
  role: Role;
}
