// The demo tenants seeded into local and test databases: two organisations with an
// executive, a modeler and a reader each. Ids are fixed so dev tokens stay valid.
import type { Role } from "../schema/core.ts";

export interface DemoUser {
  oid: string;
  name: string;
  role: Role;
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
      { oid: "0a000001-0000-4000-8000-000000000001", name: "Erika Executive", role: "executive" },
      { oid: "0a000001-0000-4000-8000-000000000002", name: "Max Modeler", role: "modeler" },
      { oid: "0a000001-0000-4000-8000-000000000003", name: "Rita Reader", role: "reader" },
    ],
  },
  {
    entraTenantId: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00002",
    name: "Fabrikam Services",
    users: [
      { oid: "0b000002-0000-4000-8000-000000000001", name: "Ed Executive", role: "executive" },
      { oid: "0b000002-0000-4000-8000-000000000002", name: "Mia Modeler", role: "modeler" },
      { oid: "0b000002-0000-4000-8000-000000000003", name: "Ron Reader", role: "reader" },
    ],
  },
];
