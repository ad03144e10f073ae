// The embeddable bundle (ui/dist/embed.js): one module script an intranet page, a SharePoint
// web part or a Teams tab includes to get Procedo's read-only web components:
//
//   <script type="module" src="https://procedo.example.com/embed.js"></script>
//   <procedo-process-viewer api-base="https://procedo.example.com" process="…"></procedo-process-viewer>
//   <procedo-process-map api-base="…" [root="…"]></procedo-process-map>
//   <procedo-org-chart api-base="…" chart="…"></procedo-org-chart>
//   <procedo-process-search api-base="…"></procedo-process-search>
//
// Its first load (this file and the chunks it imports statically, Lit and the Fluent parts
// included) has a budget of 120 KB gzipped, checked by bench/embed.ts and a test. MSAL is a
// chunk of its own, loaded only when a component signs in by itself (no tokenProvider).
// docs/embedding.md has the rest.
import "./embed/process_viewer.ts";
import "./embed/process_map.ts";
import "./embed/org_chart.ts";
import "./embed/process_search.ts";
import { bridgeSignInAnswer } from "./embed/redirect_bridge.ts";

// This page may be the redirect URI of an embedded sign-in, opened in its popup.
void bridgeSignInAnswer();
