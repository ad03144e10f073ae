// How a process's category, status and review date read, the same on the map, in the tree
// and in the list: a category name, a status badge (published version or not yet published)
// and a "review due" marker that also says it in words (colour alone would not).
import { css, html, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import type { Schemas } from "../../../lib/api/client.ts";
import { formatDate, t } from "../../../lib/i18n.ts";

export type Category = Schemas["Process"]["category"];
export const CATEGORIES: readonly Category[] = ["management", "core", "support"];

/** The short name of a category ("Core"), for cells and options. */
export function categoryName(c: Category): string {
  return t(`processes.category.${c}`);
}

/** The heading of a category's band on the map ("Core processes"). */
export function categoryHeading(c: Category): string {
  return t(`processes.category.${c}.heading`);
}

export function isCategory(value: string | null | undefined): value is Category {
  return (CATEGORIES as readonly string[]).includes(value ?? "");
}

/**
 * "Published · v3" or "Not published", looking like Fluent's small tint badge. A plain span,
 * not <fluent-badge>: a list of 200 rows would otherwise build 200 shadow roots (about 20x
 * the time, measured in bench/ui_process_list.ts's set-up).
 */
export function statusBadge(publishedVersion: number) {
  return publishedVersion > 0
    ? html`<span class="process-status published">${
      t("processes.status.published", {
        version: publishedVersion,
      })
    }</span>`
    : html`<span class="process-status unpublished">${t("processes.status.unpublished")}</span>`;
}

/** A marker for a process due for review; nothing otherwise. */
export function reviewMarker(reviewDue: boolean, nextReviewAt: string | null) {
  if (!reviewDue) return nothing;
  return html`<span class="review-due" data-testid="review-due" title=${
    t(
      "processes.status.reviewDueSince",
      { date: formatDate(nextReviewAt) },
    )
  }>${icon("calendarClock", 16)}${t("processes.status.reviewDue")}</span>`;
}

export const cellStyles = css`
  .review-due {
    display: inline-flex;
    vertical-align: middle;
    align-items: center;
    gap: var(--spacingHorizontalXXS);
    color: var(--colorStatusWarningForeground3);
    font-size: var(--fontSizeBase200);
    font-weight: var(--fontWeightSemibold);
  }
  .process-status {
    display: inline-flex;
    flex: none;
    align-items: center;
    box-sizing: border-box;
    min-height: 16px;
    padding: 0 var(--spacingHorizontalXS);
    border: var(--strokeWidthThin) solid;
    border-radius: var(--borderRadiusCircular);
    font-size: var(--fontSizeBase100);
    line-height: var(--lineHeightBase100);
    font-weight: var(--fontWeightSemibold);
    white-space: nowrap;
  }
  .process-status.published {
    color: var(--colorPaletteGreenForeground2);
    background: var(--colorPaletteGreenBackground1);
    border-color: var(--colorPaletteGreenBorder1);
  }
  .process-status.unpublished {
    color: var(--colorNeutralForeground3);
    background: var(--colorNeutralBackground4);
    border-color: var(--colorNeutralStroke2);
  }
`;
