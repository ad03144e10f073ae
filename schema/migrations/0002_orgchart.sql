CREATE TABLE `org_charts` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`name` varchar(200) NOT NULL,
	`description` varchar(2000) NOT NULL DEFAULT '',
	`version` int NOT NULL DEFAULT 1,
	`created_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `org_charts_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `org_units` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`chart_id` varchar(36) NOT NULL,
	`parent_id` varchar(36),
	`name` varchar(200) NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	`version` int NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `org_units_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `positions` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`chart_id` varchar(36) NOT NULL,
	`unit_id` varchar(36) NOT NULL,
	`title` varchar(200) NOT NULL,
	`reports_to_id` varchar(36),
	`external_key` varchar(100),
	`version` int NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `positions_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `positions_tenant_chart_key` UNIQUE(`tenant_id`,`chart_id`,`external_key`)
);
--> statement-breakpoint
CREATE TABLE `employees` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`name` varchar(200) NOT NULL,
	`name_key` varchar(200) NOT NULL,
	`email` varchar(254),
	`phone` varchar(50),
	`location` varchar(200),
	`external_key` varchar(100),
	`version` int NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `employees_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `employees_tenant_key` UNIQUE(`tenant_id`,`external_key`)
);
--> statement-breakpoint
CREATE TABLE `employee_positions` (
	`tenant_id` varchar(36) NOT NULL,
	`employee_id` varchar(36) NOT NULL,
	`position_id` varchar(36) NOT NULL,
	`chart_id` varchar(36) NOT NULL,
	`is_primary` boolean NOT NULL DEFAULT false,
	`since` date,
	CONSTRAINT `employee_positions_tenant_id_employee_id_position_id_pk` PRIMARY KEY(`tenant_id`,`employee_id`,`position_id`)
);
--> statement-breakpoint
CREATE INDEX `org_units_tenant_chart_parent` ON `org_units` (`tenant_id`,`chart_id`,`parent_id`);
--> statement-breakpoint
CREATE INDEX `positions_tenant_unit` ON `positions` (`tenant_id`,`unit_id`);
--> statement-breakpoint
CREATE INDEX `positions_tenant_reports_to` ON `positions` (`tenant_id`,`reports_to_id`);
--> statement-breakpoint
CREATE INDEX `employees_tenant_name` ON `employees` (`tenant_id`,`name_key`);
--> statement-breakpoint
CREATE INDEX `employee_positions_tenant_position` ON `employee_positions` (`tenant_id`,`position_id`);
--> statement-breakpoint
CREATE INDEX `employee_positions_tenant_chart` ON `employee_positions` (`tenant_id`,`chart_id`);
