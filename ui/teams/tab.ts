// Entry of teams/tab.html (bundled with embed.js's chunks; see ui/build.ts).
import "./tab_page.ts";

document.body.replaceChildren(document.createElement("procedo-teams-tab"));
