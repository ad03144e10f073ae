// The check step's view of the rows themselves: what happens to each (the first 200: created,
// updated, unchanged, skipped for a problem, or a possible duplicate of an object that exists
// under another key) and, when there are duplicates, the choice to leave them out. Used by
// <procedo-import-dialog> for imports whose report carries a `preview` (resources).
import { html, nothing } from "lit";
import { formatNumber, type MessageKey, t } from "../lib/i18n.ts";

export interface ImportPreviewRow {
  row: number;
  key: string;
  name: string;
  action: "create" | "update" | "unchanged" | "skip" | "duplicate";
}

const BADGE: Record<ImportPreviewRow["action"], string> = {
  create: "success",
  update: "informative",
  unchanged: "subtle",
  skip: "danger",
  duplicate: "warning",
};

/** The rows table and the duplicates choice; nothing for reports without a preview. */
export function importPreview(
  preview: ImportPreviewRow[] | undefined,
  duplicates: number,
  skipDuplicates: boolean,
  onSkipDuplicates: (skip: boolean) => void,
  total: number,
) {
  if (!preview?.length) return nothing;
  return html`
    ${duplicates > 0
      ? html`
        <fluent-message-bar intent="warning" layout="multiline" data-testid="import-duplicates">
          ${t("imports.duplicates", { count: formatNumber(duplicates) })}
        </fluent-message-bar>
        <label class="radio" data-testid="skip-duplicates">
          <input type="checkbox" name="skip-duplicates" .checked=${skipDuplicates}
            @change=${(e: Event) => onSkipDuplicates((e.target as HTMLInputElement).checked)}>
          ${t("imports.skipDuplicates")}
        </label>
      `
      : nothing}
    <h3>${t("imports.rows")}</h3>
    <div class="table-wrap">
      <table data-testid="import-preview">
        <caption class="visually-hidden">${t("imports.rows")}</caption>
        <thead>
          <tr>
            <th scope="col">${t("import.row")}</th>
            <th scope="col">${t("imports.key")}</th>
            <th scope="col">${t("imports.name")}</th>
            <th scope="col">${t("imports.action")}</th>
          </tr>
        </thead>
        <tbody>${preview.map((p) =>
          html`
            <tr data-row=${p.row}>
              <td>${p.row}</td>
              <td class="mono">${p.key}</td>
              <td class="wrap">${p.name}</td>
              <td>
                <fluent-badge appearance="tint" color=${BADGE[p.action]}>${t(
                  `imports.action.${
                    p.action === "duplicate" && skipDuplicates ? "skipDuplicate" : p.action
                  }` as MessageKey,
                )}</fluent-badge>
              </td>
            </tr>
          `
        )}</tbody>
      </table>
    </div>
    ${total > preview.length
      ? html`<p class="hint">${
        t("imports.more", { count: formatNumber(total - preview.length) })
      }</p>`
      : nothing}
  `;
}
