// How a resource's values read in the list: plain text, the owner position, a valid-until
// date with an "expired" marker (in words, not colour alone), a title with an excerpt of
// its text, and the last change.
import { css, html, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import { formatDate, formatDateTime, t } from "../../../lib/i18n.ts";
import { type CellType, type Resource, valueOf } from "./kinds.ts";

const EXCERPT = 120;

/** Today as YYYY-MM-DD in the person's time zone (dates have no time of day). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether a valid-until date has passed (the day itself still counts as valid). */
export function isExpired(validUntil: string | null, now = new Date()): boolean {
  return validUntil !== null && validUntil < today(now);
}

/** The owner position's name; "—" without one. */
export function ownerText(r: Resource): string {
  if (!valueOf(r, "ownerPositionId")) return "—";
  return valueOf(r, "ownerPositionLabel") ?? t("resources.owner.unknown");
}

/** The "expired" marker for a date that has passed; nothing otherwise. */
export function expiredMarker(validUntil: string | null) {
  if (!isExpired(validUntil)) return nothing;
  return html`<span class="expired" data-testid="expired">${icon("warning", 16)}${
    t(
      "resources.expired",
    )
  }</span>`;
}

/** The text of a cell that is not the one opening the panel. */
export function cell(type: CellType, r: Resource, field: string) {
  switch (type) {
    case "owner":
      return ownerText(r);
    case "validUntil": {
      const date = valueOf(r, field);
      return html`${formatDate(date)} ${expiredMarker(date)}`;
    }
    case "updated":
      return formatDateTime(r.updatedAt);
    default:
      return valueOf(r, field) ?? "—";
  }
}

/** The start of a requirement's text, under its title. */
export function excerpt(r: Resource) {
  const text = valueOf(r, "text");
  if (!text) return nothing;
  const short = text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text;
  return html`<span class="excerpt">${short}</span>`;
}

export const cellStyles = css`
  .expired {
    display: inline-flex;
    align-items: center;
    gap: var(--spacingHorizontalXXS);
    margin-inline-start: var(--spacingHorizontalXS);
    color: var(--colorStatusDangerForeground1);
    font-weight: var(--fontWeightSemibold);
  }
  .excerpt {
    display: block;
    max-width: 40rem;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--colorNeutralForeground3);
  }
`;
