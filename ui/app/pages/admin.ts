// The administration (executives): one chunk for its five sections, loaded on first visit.
import "./admin_api_keys.ts";
import "./admin_audit.ts";
import "./admin_plan.ts";
import "./admin_settings.ts";
import "./admin_users.ts";
