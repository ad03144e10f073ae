// The collaboration pages (one chunk): the inbox and the notification settings. The process
// page loads the comment, problem and feedback panels itself.
import "./inbox_page.ts";
import "./settings_page.ts";
