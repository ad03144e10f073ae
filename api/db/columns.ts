// Column types shared by every table, so all tables read the same on MySQL 8, MariaDB
// and PlanetScale.
import { customType, datetime, varchar } from "drizzle-orm/mysql-core";

/**
 * JSON stored in a `json` column. Depending on driver and server the value arrives parsed
 * (mysql2 with MySQL 8 or MariaDB's extended metadata, PlanetScale) or as text (MariaDB
 * without that metadata): parse text in one place. T is an object or array, so a string
 * from the driver can only be unparsed JSON.
 */
export const jsonColumn = <T extends object>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => "json",
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => (typeof value === "string" ? JSON.parse(value) : value) as unknown as T,
  })(name);

/** A UUIDv7 id column (36 characters, ASCII). */
export const idColumn = (name: string) => varchar(name, { length: 36, enum: undefined }).notNull();

/** The tenant column every tenant-owned table starts its primary key with. */
export const tenantIdColumn = () => idColumn("tenant_id");

/** A UTC timestamp with milliseconds. */
export const timestampColumn = (name: string) => datetime(name, { fsp: 3, mode: "date" });
