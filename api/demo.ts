// The demo tenants seeded into local and test databases: two organisations with an
// executive, a modeler and a reader each. Ids are fixed so dev tokens stay valid.
import type { Role } from "../schema/core.ts";

export interface DemoUser {
  oid: string;
  name: string;
  role: Role;
  /** A contact address at a reserved domain, for plugins that seed notification settings. */
  email: string;
}

export interface DemoTenant {
  entraTenantId: string;
  name: string;
  users: DemoUser[];
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    entraTenantId: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00001",
    name: "Contoso Manufacturing",
    users: [
      {
        oid: "0a000001-0000-4000-8000-000000000001",
        name: "Erika Executive",
        role: "executive",
        email: "erika.executive@contoso.example",
      },
      {
        oid: "0a000001-0000-4000-8000-000000000002",
        name: "Max Modeler",
        role: "modeler",
        email: "max.modeler@contoso.example",
      },
      {
        oid: "0a000001-0000-4000-8000-000000000003",
        name: "Rita Reader",
        role: "reader",
        email: "rita.reader@contoso.example",
      },
    ],
  },
  {
    entraTenantId: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00002",
    name: "Fabrikam Services",
    users: [
      {
        oid: "0b000002-0000-4000-8000-000000000001",
        name: "Ed Executive",
        role: "executive",
        email: "ed.executive@fabrikam.example",
      },
      {
        oid: "0b000002-0000-4000-8000-000000000002",
        name: "Mia Modeler",
        role: "modeler",
        email: "mia.modeler@fabrikam.example",
      },
      {
        oid: "0b000002-0000-4000-8000-000000000003",
        name: "Ron Reader",
        role: "reader",
        email: "ron.reader@fabrikam.example",
      },
    ],
  },
];
