// The administration (executives): one chunk for its sections, loaded on first visit.
import "./admin_ai.ts";
import "./admin_api_keys.ts";
import "./admin_audit.ts";
import "./admin_data.ts";
import "./admin_embedding.ts";
import "./admin_plan.ts";
import "./admin_settings.ts";
import "./admin_users.ts";
import "./admin_webhooks.ts";
