// Entry of teams/config.html (bundled with embed.js's chunks; see ui/build.ts).
import "./config_page.ts";

document.body.replaceChildren(document.createElement("procedo-teams-config"));
