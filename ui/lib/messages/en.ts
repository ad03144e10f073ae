// English messages: the reference catalog. Every key here must exist in de.ts too (the
// type of de.ts and ui/lib/messages/catalog_test.ts check that). {name} is a placeholder.
import * as ai from "./features/ai.ts";
import * as collaboration from "./features/collaboration.ts";
import * as editorCanvas from "./features/editor_canvas.ts";
import * as exportsFeature from "./features/exports.ts";
import * as modeling from "./features/modeling.ts";
import * as admin from "./features/admin.ts";
import * as imports from "./features/imports.ts";
import * as plurals from "./features/plurals.ts";
import * as embed from "./features/embed.ts";
import * as webhooks from "./features/webhooks.ts";
import * as deletion from "./features/deletion.ts";
import * as live from "./features/live.ts";
import * as recycleBin from "./features/recycle_bin.ts";
import * as orgchart from "./features/orgchart.ts";
import * as orgchartView from "./features/orgchart_view.ts";
import * as processEditor from "./features/process_editor.ts";
import * as processes from "./features/processes.ts";
import * as resources from "./features/resources.ts";
import * as versionDiff from "./features/version_diff.ts";

const core = {
  "app.name": "Procedo",
  "app.loading": "Loading…",
  "app.failed": "Procedo could not start",
  "app.noscript": "Procedo needs JavaScript. Please allow it for this site.",

  "inUse.text":
    "“{name}” is still used in processes ({count}). Change them first, or remove it from every process draft and delete it.",
  "inUse.hint": "Published versions stay as they were published.",
  "inUse.unlink": "Unlink everywhere and delete",
  "inUse.published": "published",
  "inUse.draft": "draft",
  "inUse.publishedAndDraft": "published and draft",

  "action.cancel": "Cancel",
  "action.close": "Close",
  "action.copy": "Copy",
  "action.delete": "Delete",
  "action.dismiss": "Dismiss",
  "action.done": "Done",
  "action.refresh": "Refresh",
  "action.reload": "Reload",
  "action.reloadPage": "Reload page",
  "action.retry": "Try again",
  "action.save": "Save",
  "action.signInAgain": "Sign in again",
  "action.signOut": "Sign out",

  "nav.label": "Main navigation",
  "nav.admin": "Administration",
  "nav.collapse": "Collapse navigation",
  "nav.expand": "Expand navigation",
  "nav.skip": "Skip to content",

  "topbar.account": "Account of {name}",
  "topbar.accountCard": "Your account",
  "topbar.language": "Language: {language} – {code}",
  "topbar.theme": "Theme: {theme}",

  "language.en": "English",
  "language.de": "Deutsch",
  "theme.light": "Light",
  "theme.dark": "Dark",
  "theme.system": "Same as system",

  "role.reader": "Reader",
  "role.modeler": "Modeler",
  "role.executive": "Executive",

  "plan.trial": "Trial",
  "plan.standard": "Standard",
  "plan.excellence": "Excellence",
  "plan.trialDaysLeft": "Trial: {days} days left",
  "plan.readOnly": "Trial ended: read-only",
  "tenantStatus.active": "Active",
  "tenantStatus.suspended": "Suspended",
  "tenantStatus.offboarding": "Being offboarded",
  "tenantStatus.deleted": "Deleted",

  "signIn.title": "Sign in",
  "signIn.entraText": "Sign in with the Microsoft account of your organisation.",
  "signIn.microsoft": "Sign in with Microsoft",
  "signIn.devText":
    "Development sign-in: choose a demo user. Each demo organisation has an executive, a modeler and a reader.",
  "signIn.newOrgHeading": "A new organisation",
  "signIn.newOrgText":
    "Sign in as someone whose organisation has no Procedo workspace yet, to try the free trial.",
  "signIn.newOrgUser": "A user of a new organisation",
  "signIn.newOrgUserName": "New Colleague",
  "signIn.expired": "Your session has ended. Please sign in again.",

  "trial.title": "Start your free trial",
  "trial.text":
    "Your organisation has no Procedo workspace yet. Start a free 14-day trial: you get a workspace with sample content and become its executive.",
  "trial.orgName": "Name of your organisation",
  "trial.start": "Start free trial",
  "trial.starting": "Creating your workspace…",
  "trial.terms": "No payment details needed. Colleagues who sign in later join as readers.",

  "notFound.title": "Page not found",
  "notFound.text": "There is no page at this address.",
  "notFound.home": "Go to the start page",
  "forbidden.title": "Not available to you",
  "forbidden.text": "Your role does not include this page. An executive can change your role.",

  "pager.range": "{from}–{to} of {total}",
  "pager.previous": "Previous page",
  "pager.next": "Next page",
  "table.actions": "Actions",
  "form.required": "Please fill in this field.",
  "conflict.reloaded": "This is the version someone else saved. Apply your change again and save.",

  "tags.title": "Tags",
  "tags.commands": "Tag commands",
  "tags.new": "New tag",
  "tags.newTitle": "New tag",
  "tags.editTitle": "Edit “{name}”",
  "tags.edit": "Edit {name}",
  "tags.delete": "Delete {name}",
  "tags.deleteTitle": "Delete tag?",
  "tags.deleteText": "“{name}” will be removed from everything it labels.",
  "tags.search": "Search tags",
  "tags.searchPlaceholder": "Search",
  "tags.name": "Name",
  "tags.color": "Colour",
  "tags.description": "Description",
  "tags.updated": "Changed",
  "tags.empty": "No tags yet.",
  "tags.noMatch": "No tag matches your search.",

  "admin.users.title": "Users",
  "admin.users.commands": "User commands",
  "admin.users.search": "Search users",
  "admin.users.name": "Name",
  "admin.users.role": "Role",
  "admin.users.roleOf": "Role of {name}",
  "admin.users.status": "Status",
  "admin.users.lastSeen": "Last seen",
  "admin.users.active": "Active",
  "admin.users.inactive": "Deactivated",
  "admin.users.you": "(you)",
  "admin.users.none": "No users match.",
  "admin.users.deactivate": "Deactivate",
  "admin.users.reactivate": "Reactivate",
  "admin.users.deactivateTitle": "Deactivate user?",
  "admin.users.deactivateText":
    "{name} can no longer sign in to this workspace. Their content stays. You can reactivate them later.",
  "admin.users.reactivateTitle": "Reactivate user?",
  "admin.users.reactivateText": "{name} can sign in to this workspace again, with their role.",
  "admin.users.roleChanged": "{name} is now {role}.",
  "admin.users.deactivated": "{name} is deactivated.",
  "admin.users.reactivated": "{name} is active again.",
  "admin.users.erase": "Erase",
  "admin.users.eraseTitle": "Erase this person for good?",
  "admin.users.eraseText":
    "{name} is erased from this workspace (GDPR Art. 17): their name and sign-in are removed and cannot be restored, their inbox and notification settings are deleted. What they wrote stays, shown as a former user. A deletion protocol is written.",
  "admin.users.erased":
    "{name} is erased and now shown as {now}. The protocol is under Data and deletion.",
  "admin.users.rowReloaded": "The row of {name} now shows their current role and status.",

  "admin.plan.title": "Plan",
  "admin.plan.plan": "Plan",
  "admin.plan.status": "Status",
  "admin.plan.trialEnds": "Trial ends",
  "admin.plan.readOnlyText":
    "The trial has ended. The workspace is read-only until your organisation chooses a plan.",
  "admin.plan.about.trial":
    "The trial includes everything of the Standard plan for 14 days. API keys need the Excellence plan.",
  "admin.plan.about.standard":
    "Standard includes process maps, org charts and resources. API keys need the Excellence plan.",
  "admin.plan.about.excellence": "Excellence adds API keys and the public API for integrations.",

  "admin.keys.title": "API keys",
  "admin.keys.intro":
    "API keys let scripts and integrations call the Procedo API with a fixed role. They need the Excellence plan.",
  "admin.keys.commands": "API key commands",
  "admin.keys.new": "New API key",
  "admin.keys.newTitle": "New API key",
  "admin.keys.create": "Create key",
  "admin.keys.name": "Name",
  "admin.keys.role": "Role",
  "admin.keys.prefix": "Key starts with",
  "admin.keys.status": "Status",
  "admin.keys.expires": "Expires",
  "admin.keys.lastUsed": "Last used",
  "admin.keys.none": "No API keys yet.",
  "admin.keys.status.active": "Active",
  "admin.keys.status.expired": "Expired",
  "admin.keys.status.revoked": "Revoked",
  "admin.keys.createdTitle": "Copy your API key now",
  "admin.keys.createdText":
    "This is the only time the key “{name}” is shown. Store it in a safe place; Procedo keeps only a fingerprint of it.",
  "admin.keys.key": "API key",
  "admin.keys.copied": "Copied to the clipboard.",
  "admin.keys.revoke": "Revoke",
  "admin.keys.revokeNamed": "Revoke {name}",
  "admin.keys.revokeTitle": "Revoke API key?",
  "admin.keys.revokeText":
    "Anything that uses “{name}” stops working at once. This cannot be undone.",
  "admin.keys.revoked": "“{name}” is revoked.",

  "admin.settings.title": "Settings",
  "admin.settings.approval": "Approval",
  "admin.settings.fourEyes": "Four-eyes approval",
  "admin.settings.fourEyesHint":
    "Who submitted a draft for approval cannot approve it: the process owner or another executive does. Turn it off only where one person models and approves alone.",
  "admin.settings.fourEyesOn": "Four-eyes approval is on.",
  "admin.settings.fourEyesOff": "Four-eyes approval is off: people may approve their own requests.",
  "admin.settings.reloaded":
    "Someone changed the settings meanwhile; they are shown as they are now.",

  "admin.audit.title": "Audit trail",
  "admin.audit.commands": "Audit trail commands",
  "admin.audit.verify": "Verify chain",
  "admin.audit.verifyOk": "The audit trail is intact: {count} entries verified.",
  "admin.audit.verifyBroken":
    "The audit trail is broken at entry #{seq} ({reason}); {count} entries before it verified.",
  "admin.audit.reason.hash-mismatch": "its content was changed",
  "admin.audit.reason.broken-link": "it does not follow the entry before",
  "admin.audit.reason.missing-entry": "an entry is missing",
  "admin.audit.reason.head-mismatch": "the latest entries were removed",
  "admin.audit.reason.anchor-mismatch": "entries signed earlier were rewritten",
  "admin.audit.reason.forged-anchor": "a signed anchor was forged or changed",
  "admin.audit.anchored": "Entries up to #{seq} are sealed by a signed anchor of {at}.",
  "admin.audit.notAnchored": "No entry is sealed by a signed anchor yet.",
  "admin.audit.filters": "Filter the audit trail",
  "admin.audit.action": "Action",
  "admin.audit.actorId": "Actor id",
  "admin.audit.targetType": "Object type",
  "admin.audit.from": "From",
  "admin.audit.to": "Until",
  "admin.audit.apply": "Apply filters",
  "admin.audit.clear": "Clear",
  "admin.audit.none": "No entries match.",
  "admin.audit.at": "Time",
  "admin.audit.actor": "By",
  "admin.audit.request": "Request",
  "admin.audit.target": "Object",
  "admin.audit.status": "Result",
  "admin.audit.actorType.user": "User",
  "admin.audit.actorType.api-key": "API key",
  "admin.audit.actorType.app": "Application",
  "admin.audit.actorType.system": "System",
  "admin.audit.actorType.anonymous": "Anonymous",

  "problem.network": "Procedo cannot be reached. Check your connection and try again.",
  "problem.unexpected": "Something went wrong in this page.",
  "problem.requestId": "Request id: {id}",
  "problem.tenant-unknown": "Your organisation has no Procedo workspace yet.",
  "problem.tenant-locked":
    "This workspace is locked (suspended or being offboarded). Contact your administrator.",
  "problem.user-deactivated":
    "Your account in this workspace is deactivated. An executive can reactivate it.",
  "problem.unauthorized": "You are not signed in (any more). Please sign in again.",
  "problem.invalid-token": "Your sign-in is no longer valid. Please sign in again.",
  "problem.invalid-api-key": "The API key is not valid (revoked, expired or unknown).",
  "problem.last-executive":
    "A workspace needs at least one active executive. Make someone else executive first.",
  "problem.role-required": "Your role does not allow this. An executive can change your role.",
  "problem.plan-required": "This needs the Excellence plan.",
  "problem.trial-expired":
    "The trial has ended: the workspace is read-only until your organisation chooses a plan.",
  "problem.tag-name-taken": "A tag with this name already exists.",
  "problem.precondition-failed":
    "Someone else changed this in the meantime. Reload to see their version, then apply your change again.",
  "problem.precondition-required":
    "This change needs the version you started from. Reload and try again.",
  "problem.not-found": "This no longer exists. Someone may have deleted it.",
  "problem.too-many-requests": "Too many requests in a short time. Wait a moment and try again.",
  "problem.payload-too-large": "This is too large to save.",
  "problem.auth-keys-unavailable":
    "Sign-in cannot be checked at the moment (Microsoft's keys are unreachable). Try again shortly.",
  "problem.too-many-api-keys": "This workspace has as many API keys as allowed. Revoke one first.",
  "problem.user-required": "Only a signed-in person can do this, not an API key or an app.",
  "problem.internal":
    "Something went wrong on the server. Try again; if it persists, quote the request id.",
  "problem.database-unavailable":
    "The database cannot be reached at the moment. Try again in a few seconds; if you changed something, check that it was saved.",
  "problem.unavailable": "Procedo is not available at the moment. Try again shortly.",
  "problem.validation-failed": "Some fields are not valid.",
  "problem.status.401": "Please sign in again.",
  "problem.status.403": "You are not allowed to do this.",
  "problem.status.404": "This does not exist.",
  "problem.status.409": "This conflicts with something that already exists.",
  "problem.status.500": "Something went wrong on the server.",
  "problem.status.502": "Procedo is not reachable at the moment. Try again shortly.",
  "problem.status.503": "Procedo is not available at the moment. Try again shortly.",
  "field.required": "Required.",
  "field.tooLong": "At most {max} characters.",
  "field.tooShort": "At least {min} characters.",
  "field.tooBig": "At most {max}.",
  "field.tooSmall": "At least {min}.",
  "field.tooMany": "At most {max} entries.",
  "field.tooFew": "At least {min} entries.",
  "field.invalidEmail": "Not a valid e-mail address.",
  "field.invalidId": "Not a valid id.",
  "field.invalidUrl": "Not a valid web address.",
  "field.invalidDate": "A date like 2025-12-31.",
  "field.invalidType": "Not a valid value here.",
  "field.invalidValue": "Must be one of: {values}.",
  "field.unknown": "Not a known field.",
  // Import row problems by their code (api/tabular/codes.ts): they follow the field column
  // of the row report, so they continue its sentence.
  "importProblem.no-header": "no header row",
  "importProblem.not-utf8": "not valid UTF-8; save the file as CSV UTF-8",
  "importProblem.unclosed-quote": "a quoted field is never closed",
  "importProblem.too-many-rows": "more than {max} rows; split the file",
  "importProblem.too-many-columns": "more than {max} cells",
  "importProblem.file-too-large": "larger than {max} bytes",
  "importProblem.unreadable-xlsx": "not a readable XLSX file",
  "importProblem.no-worksheet": "the workbook has no worksheet",
  "importProblem.xls-not-supported":
    "old Excel format (.xls) is not supported; save it as .xlsx or CSV UTF-8",
  "importProblem.required-column-missing": "required column missing",
  "importProblem.duplicate-column": "means {means}, like the column “{column}”",
  "importProblem.unknown-column": "unknown column, ignored",
  "importProblem.formula": "is a formula; formulas are not imported (paste the value instead)",
  "importProblem.spreadsheet-error": "holds the spreadsheet error {error}",
  "importProblem.looks-like-formula":
    "starts like a formula; values starting with =, +, - or @ followed by a formula are refused",
  "importProblem.too-long": "is {length} characters long; at most {max}",
  "importProblem.empty-required": "is empty; every row needs an external key",
  "importProblem.empty-for-new": "is empty; {kind} needs a {field}",
  "importProblem.duplicate-key": "is also in row {row}",
  "importProblem.not-an-email": "is not an e-mail address",
  "importProblem.too-many-positions": "lists {count} positions; at most {max}",
  "importProblem.unknown-position": "names no position",
  "importProblem.unknown-position.key": "names no position of this chart: “{key}”",
  "importProblem.ambiguous-position":
    "is the key of positions in {count} org charts; use the position's id",
  "importProblem.unknown-unit": "names no org unit of this chart",
  "importProblem.empty-unit-part": "has an empty part (write “Parent > Child”)",
  "importProblem.unit-too-deep": "is nested {depth} levels deep; at most {max}",
  "importProblem.ambiguous-unit":
    "is ambiguous: {count} units have this name; write the path from the top",
  "importProblem.reports-to-self": "names the position itself",
  "importProblem.manager-not-imported": "names a new position whose row {row} is not imported",
  "importProblem.cycle": "the reports-to lines would form a cycle",
  "importProblem.not-a-url": "must be an http or https URL",
  "importProblem.not-a-date": "must be a date like 2025-12-31",
  "importProblem.invalid-value": "is not a valid value here",
  "importProblem.kind.position": "a new position",
  "importProblem.kind.employee": "a new employee",
  "importProblem.kind.document": "a new document",
  "importProblem.kind.system": "a new IT system",
  "importProblem.kind.location": "a new location",
  "importProblem.kind.requirement": "a new requirement",
} as const;

/** Core messages plus one module per feature (ui/lib/messages/features/), so pages of
 * different features never edit the same catalog file. */
export const en = {
  ...core,
  ...processes.en,
  ...orgchart.en,
  ...orgchartView.en,
  ...resources.en,
  ...editorCanvas.en,
  ...processEditor.en,
  ...versionDiff.en,
  ...exportsFeature.en,
  ...modeling.en,
  ...admin.en,
  ...imports.en,
  ...plurals.en,
  ...embed.en,
  ...ai.en,
  ...collaboration.en,
  ...live.en,
  ...webhooks.en,
  ...deletion.en,
  ...recycleBin.en,
};

export type MessageKey = keyof typeof en;
