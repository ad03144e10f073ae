// Sample content for a new tenant: a handful of documents (with SharePoint-like links),
// IT systems, locations and ISO 9001 requirements, owned by the sample org chart's positions,
// and linked to the steps of the processes plugin's sample processes, so "where used" answers
// something in a new workspace. We run after both plugins (dependsOn): the processes exist
// (published v1, bound to the org chart as v2); linking republishes them as v3, so the
// published versions show the same links as the drafts.
import type { TenantHookContext } from "../../api/plugin.ts";
import { samplePositionIds } from "../orgchart/service.ts";
import { bindSampleLinks, type LinkKind, type SampleLinks } from "../processes/service.ts";
import { kindSpec } from "./kinds.ts";
import { createResource } from "./resource_service.ts";
import type { ResourceKind } from "./schema.ts";

const SP = "https://example.sharepoint.com/sites/quality/Shared%20Documents";
const nextYearEnd = () => `${new Date().getUTCFullYear() + 1}-12-31`;

interface SampleResource {
  kind: ResourceKind;
  /** The external key; also how the samples are found again. */
  key: string;
  values: Record<string, string>;
  /** The sample position owning it, by title. */
  owner?: string;
  /** Where the sample processes use it: "<process title>/<step id>". */
  usedIn: string[];
}

const O2C = "Order to cash";
const P2P = "Purchase to pay";
const REVIEW = "Management review";

export const SAMPLE_RESOURCES: SampleResource[] = [
  {
    kind: "document",
    key: "SAMPLE-DOC-QM",
    values: {
      title: "Quality manual",
      type: "Manual",
      url: `${SP}/Quality%20manual.pdf`,
      description: "Scope, policy and processes of the quality management system.",
    },
    owner: "Quality Manager",
    usedIn: [`${REVIEW}/collect`],
  },
  {
    kind: "document",
    key: "SAMPLE-DOC-PURCHASING",
    values: {
      title: "Purchasing procedure",
      type: "Procedure",
      url: `${SP}/Procedures/Purchasing%20procedure.docx`,
      description: "Approval limits, listed suppliers and how to order.",
    },
    owner: "Head of Purchasing",
    usedIn: [`${P2P}/requisition`, `${P2P}/approve`, `${P2P}/order`],
  },
  {
    kind: "document",
    key: "SAMPLE-DOC-ORDERS",
    values: {
      title: "Order handling procedure",
      type: "Procedure",
      url: `${SP}/Procedures/Order%20handling.docx`,
      description: "Checking and confirming customer orders.",
    },
    owner: "Head of Sales",
    usedIn: [`${O2C}/check`],
  },
  {
    kind: "document",
    key: "SAMPLE-DOC-GOODS-RECEIPT",
    values: {
      title: "Goods receipt checklist",
      type: "Form",
      url: `${SP}/Forms/Goods%20receipt%20checklist.xlsx`,
    },
    owner: "Warehouse Manager",
    usedIn: [`${P2P}/receive`],
  },
  {
    kind: "document",
    key: "SAMPLE-DOC-REVIEW-MINUTES",
    values: {
      title: "Management review minutes (template)",
      type: "Template",
      url: `${SP}/Templates/Management%20review%20minutes.docx`,
    },
    owner: "Quality Manager",
    usedIn: [`${REVIEW}/document`],
  },
  {
    kind: "system",
    key: "SAMPLE-SYS-ERP",
    values: {
      name: "ERP",
      vendor: "Example Software Ltd",
      url: "https://erp.example.com",
      description: "Orders, stock, purchasing and accounting.",
    },
    owner: "Head of Accounting",
    usedIn: [
      `${P2P}/requisition`,
      `${P2P}/order`,
      `${P2P}/receive`,
      `${P2P}/pay`,
      `${O2C}/check`,
      `${O2C}/pick`,
      `${O2C}/invoice`,
    ],
  },
  {
    kind: "system",
    key: "SAMPLE-SYS-CRM",
    values: {
      name: "CRM",
      vendor: "Example Cloud Inc.",
      url: "https://crm.example.com",
      description: "Customers, contacts and offers.",
    },
    owner: "Head of Sales",
    usedIn: [`${O2C}/check`],
  },
  {
    kind: "system",
    key: "SAMPLE-SYS-DMS",
    values: {
      name: "DMS (SharePoint)",
      vendor: "Microsoft",
      url: "https://example.sharepoint.com/sites/quality",
      description: "Controlled documents: manuals, procedures, forms and records.",
    },
    owner: "Quality Manager",
    usedIn: [`${REVIEW}/document`],
  },
  {
    kind: "location",
    key: "SAMPLE-LOC-HQ",
    values: { name: "Head office", address: "1 Example Street, Sampletown", site: "Sampletown" },
    usedIn: [`${REVIEW}/review`],
  },
  {
    kind: "location",
    key: "SAMPLE-LOC-WAREHOUSE",
    values: {
      name: "Central warehouse",
      address: "5 Depot Road, Sampletown",
      site: "Sampletown",
      description: "Goods receipt, storage and shipping.",
    },
    usedIn: [`${P2P}/receive`, `${O2C}/pick`, `${O2C}/ship`],
  },
  {
    kind: "requirement",
    key: "SAMPLE-ISO9001-7.5.3",
    values: {
      standard: "ISO 9001",
      clause: "7.5.3",
      title: "Control of documented information",
      text: "Documented information is available where needed, protected, versioned and " +
        "retained as planned. (Summary in our words, not the standard's text.)",
    },
    usedIn: [`${REVIEW}/document`],
  },
  {
    kind: "requirement",
    key: "SAMPLE-ISO9001-8.2.3",
    values: {
      standard: "ISO 9001",
      clause: "8.2.3",
      title: "Review of the requirements for products and services",
      text: "Before committing to supply, check that the customer's requirements are " +
        "understood and can be met. (Summary in our words.)",
    },
    usedIn: [`${O2C}/check`],
  },
  {
    kind: "requirement",
    key: "SAMPLE-ISO9001-8.4",
    values: {
      standard: "ISO 9001",
      clause: "8.4",
      title: "Control of externally provided processes, products and services",
      text: "Suppliers are selected and evaluated; what they deliver is checked against " +
        "what was ordered. (Summary in our words.)",
    },
    usedIn: [`${P2P}/approve`, `${P2P}/order`, `${P2P}/receive`],
  },
  {
    kind: "requirement",
    key: "SAMPLE-ISO9001-9.3",
    values: {
      standard: "ISO 9001",
      clause: "9.3",
      title: "Management review",
      text: "Top management reviews the management system at planned intervals and " +
        "decides on improvements. (Summary in our words.)",
    },
    usedIn: [`${REVIEW}/collect`, `${REVIEW}/review`, `${REVIEW}/define`],
  },
];

const LIST_OF: Record<ResourceKind, LinkKind> = {
  document: "documents",
  system: "systems",
  location: "locations",
  requirement: "requirements",
};

/** Seeds the sample resources and links them to the sample processes' steps. */
export async function seedResources(ctx: TenantHookContext): Promise<void> {
  const { scope } = ctx;
  const positions = await samplePositionIds(scope);
  const links: SampleLinks = {};
  for (const s of SAMPLE_RESOURCES) {
    const owner = s.owner ? positions.get(s.owner) : undefined;
    const resource = await createResource(scope, kindSpec(s.kind), {
      ...s.values,
      ...(s.kind === "document" ? { validUntil: nextYearEnd() } : {}),
      ...(owner ? { ownerPositionId: owner } : {}),
      externalKey: s.key,
    }, "system");
    for (const at of s.usedIn) {
      const [title, step] = at.split("/");
      const lists = (links[title] ??= {})[step] ??= {};
      (lists[LIST_OF[s.kind]] ??= []).push(resource.id);
    }
  }
  await bindSampleLinks(scope, links, ctx.plugins);
}
