// The web app's entry (bundled to ui/dist/app.js): theme and language first, so the first
// paint is already right, then the error boundary around <procedo-app>.
import "../components/fluent.ts";
import { applyToDocument } from "../lib/i18n.ts";
import { router } from "../lib/router.ts";
import { applyTheme } from "../lib/theme.ts";
import "./app.ts";
import "./error_boundary.ts";

applyTheme();
applyToDocument();
router.start();

const root = document.getElementById("root");
if (root) {
  root.replaceChildren(document.createElement("procedo-error-boundary"));
  root.firstElementChild!.append(document.createElement("procedo-app"));
}
