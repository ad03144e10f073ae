// What a sign-in offers the app, whichever way it signs in (dev tokens in auth.ts, MSAL in
// auth_msal.ts): a module of its own, so both import it and neither imports the other.
import type { Schemas } from "./api/client.ts";

export type ClientConfig = Schemas["ClientConfig"];
export type DemoUser = Schemas["DemoUser"];

export interface Auth {
  readonly mode: "dev" | "entra";
  /** Finishes a sign-in in progress and tries silent SSO; true when someone is signed in. */
  restore(): Promise<boolean>;
  /**
   * A valid access token for the API (refreshed silently), or null when signed out or when
   * only an interactive sign-in would give one (never navigates away).
   */
  getToken(): Promise<string | null>;
  /** A fresh token for the same person without interaction (after the API refused one). */
  renew(): Promise<boolean>;
  /**
   * Signs the same person in again in place (a popup with Entra ID); false when it did not
   * work or someone else signed in. Call it from a click: browsers block popups otherwise.
   */
  signInAgain(): Promise<boolean>;
  /**
   * Entra: sends the browser to Microsoft's sign-in page; in a frame, signs in in a popup and
   * resolves once signed in.
   */
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

export interface DevAuth extends Auth {
  readonly mode: "dev";
  /** The demo users of both demo tenants. */
  users(): Promise<DemoUser[]>;
  /** Signs in as anyone, demo user or not (a new organisation's user has random ids). */
  signInAs(who: { tid: string; oid: string; name?: string }): Promise<void>;
}
