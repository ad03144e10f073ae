// The landscape as tiles: three bands, management processes above the core processes above
// the support processes, as process maps are drawn on paper. A top-level process is a tile
// in the band of its category; its subprocesses are listed on the tile (the tree view shows
// every level). Each tile leads to its process.
import { css, html, nothing } from "lit";
import type { Schemas } from "../../../lib/api/client.ts";
import { formatNumber, t } from "../../../lib/i18n.ts";
import { CATEGORIES, categoryHeading, reviewMarker, statusBadge } from "./list_cells.ts";

type Node = Schemas["ProcessTreeNode"];
/** Subprocesses named on a tile; the rest are counted. */
const CHILDREN_SHOWN = 4;

/** Where a process opens: its page in the app (embeds link to the app's origin). */
export type ProcessHref = (id: string) => string;
const appHref: ProcessHref = (id) => `/processes/${id}`;

/** The three bands; `ownerName` says who owns a process (null: no owner). */
export function renderTiles(
  roots: Node[],
  ownerName: (id: string | null) => string,
  href: ProcessHref = appHref,
) {
  return html`<div class="bands">${
    CATEGORIES.map((category) => {
      const tiles = roots.filter((n) => n.category === category);
      const id = `band-${category}`;
      return html`<section class="band ${category}" aria-labelledby=${id} data-category=${category}>
        <h2 id=${id}>${categoryHeading(category)}</h2>
        ${
        tiles.length
          ? html`<ul class="tiles">${tiles.map((n) => tile(n, ownerName, href))}</ul>`
          : html`<p class="muted">${t("processes.map.bandEmpty")}</p>`
      }
      </section>`;
    })
  }</div>`;
}

function tile(n: Node, ownerName: (id: string | null) => string, href: ProcessHref) {
  const more = n.children.length - CHILDREN_SHOWN;
  return html`<li class="tile" data-process=${n.title}>
    <a class="tile-title" href=${href(n.id)}>${n.title}</a>
    <div class="meta">
      ${statusBadge(n.publishedVersion)} ${reviewMarker(n.reviewDue, n.nextReviewAt)}
    </div>
    <div class="owner">
      <span class="visually-hidden">${t("processes.map.owner")}:</span>${
    ownerName(
      n.ownerPositionId,
    )
  }
    </div>
    ${
    n.children.length
      ? html`<ul class="children" aria-label=${t("processes.map.subprocesses", { title: n.title })}>
        ${
        n.children.slice(0, CHILDREN_SHOWN).map((c) =>
          html`<li><a href=${href(c.id)}>${c.title}</a></li>`
        )
      }
        ${
        more > 0
          ? html`<li class="muted">${
            t("processes.map.moreChildren", {
              count: formatNumber(more),
            })
          }</li>`
          : nothing
      }
      </ul>`
      : nothing
  }
  </li>`;
}

export const tileStyles = css`
  .bands {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalL);
  }
  .band {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalS);
    padding: var(--spacingVerticalM) var(--spacingHorizontalL);
    border-radius: var(--borderRadiusLarge);
    border-inline-start: var(--strokeWidthThickest) solid var(--colorNeutralStroke1);
    background: var(--colorNeutralBackground2);
  }
  .band.management {
    border-inline-start-color: var(--colorPaletteBerryBorderActive);
  }
  .band.core {
    border-inline-start-color: var(--colorBrandStroke1);
  }
  .band.support {
    border-inline-start-color: var(--colorPaletteTealBorderActive);
  }
  ul.tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
    gap: var(--spacingHorizontalM);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tile {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalXS);
    min-width: 0;
    padding: var(--spacingVerticalM) var(--spacingHorizontalM);
    background: var(--colorNeutralBackground1);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    border-radius: var(--borderRadiusMedium);
    box-shadow: var(--shadow2);
  }
  .tile:hover {
    box-shadow: var(--shadow8);
  }
  .tile-title {
    font-weight: var(--fontWeightSemibold);
    color: var(--colorNeutralForeground1);
    text-decoration: none;
    overflow-wrap: anywhere;
  }
  .tile-title:hover {
    color: var(--colorBrandForegroundLink);
    text-decoration: underline;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--spacingHorizontalS);
  }
  .owner {
    font-size: var(--fontSizeBase200);
    color: var(--colorNeutralForeground2);
    overflow-wrap: anywhere;
  }
  ul.children {
    margin: 0;
    padding: var(--spacingVerticalXS) 0 0;
    list-style: none;
    border-top: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    font-size: var(--fontSizeBase200);
  }
  ul.children a {
    color: var(--colorBrandForegroundLink);
    text-decoration: none;
  }
  ul.children a:hover {
    text-decoration: underline;
  }
`;
