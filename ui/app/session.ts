// Who is signed in, where, and the API client that carries their token. Set by the app once
// /api/v1/users/me answered; pages read it. Signing out clears it.
import type { ProcedoClient, Schemas } from "../lib/api/client.ts";
import type { Auth } from "../lib/auth.ts";

export type Me = Schemas["Me"];
export type Role = Me["user"]["role"];

export interface Session {
  api: ProcedoClient;
  auth: Auth;
  me: Me;
}

let current: Session | undefined;

export function session(): Session {
  if (!current) throw new Error("Nobody is signed in yet.");
  return current;
}

export function setSession(next: Session | undefined) {
  current = next;
}

const RANK: Record<Role, number> = { reader: 1, modeler: 2, executive: 3 };

/** Whether `role` reaches `lowest` (the API decides; this only hides what would be refused). */
export function roleAllows(role: Role, lowest: Role | undefined): boolean {
  return lowest === undefined || RANK[role] >= RANK[lowest];
}
