// The collaboration plugin: comments (threaded, on a process or a step, with @mentions),
// feedback, problems and suggestions, the inbox, notifications in the app and by mail (at
// once or in a daily summary, per person and category, in their language), and review
// reminders. Other plugins import only service.ts.
import { EVENTS_POINT } from "../../api/events.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { APPROVAL_EVENTS_POINT } from "../processes/service.ts";
import { approvalListener } from "./approvals.ts";
import { registerCommentRoutes } from "./comments_routes.ts";
import { sendDigests } from "./digest.ts";
import { eraseUserTraces } from "./erase.ts";
import { registerFeedbackRoutes } from "./feedback_routes.ts";
import { registerPersonalRoutes } from "./personal_routes.ts";
import { registerProblemRoutes } from "./problems_routes.ts";
import { sendReviewReminders } from "./reminders.ts";
import { collaborationTables } from "./schema.ts";
import { seedDemoAddresses } from "./settings_service.ts";
import { webhookAlerts } from "./webhook_alerts.ts";

export const collaborationPlugin: ProcedoPlugin = {
  name: "collaboration",
  description: "Comments, feedback, problems, the inbox, notifications and review reminders",
  tables: collaborationTables,
  personalData: {
    collab_comments: ["body"],
    collab_feedback: ["text"],
    collab_problems: ["title", "description", "status_reason"],
    // Texts as of the event: names of people, excerpts of their words.
    collab_notifications: ["data"],
    collab_settings: ["email"],
    collab_reminders: [],
  },
  permissions: {
    "collaboration.read": "reader",
    "collaboration.contribute": "reader",
    "collaboration.personal": "reader",
  },
  // Inbox, notifications, settings and editing one's words belong to a person.
  personOnly: ["collaboration.personal"],
  dependsOn: ["processes"],
  routes: (app, deps) => {
    registerCommentRoutes(app, deps);
    registerProblemRoutes(app, deps);
    registerFeedbackRoutes(app, deps);
    registerPersonalRoutes(app, deps);
  },
  onTenantCreated: ({ scope }) => seedDemoAddresses(scope),
  // An erased user's preferences, inbox and mentions go; the words stay, pseudonymous.
  onPersonErase: eraseUserTraces,
  contributes: { [APPROVAL_EVENTS_POINT]: approvalListener, [EVENTS_POINT]: webhookAlerts },
  schedules: [
    {
      name: "collaboration.review-reminders",
      every: 60,
      perTenant: true,
      run: async (ctx) => void await sendReviewReminders(ctx),
    },
    {
      name: "collaboration.daily-digest",
      every: "0 7 * * *",
      perTenant: true,
      run: async (ctx) => void await sendDigests(ctx),
    },
  ],
};
