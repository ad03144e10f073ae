CREATE TABLE `resources` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`kind` varchar(20) NOT NULL,
	`name` varchar(300) NOT NULL,
	`sort_key` varchar(300) NOT NULL,
	`description` text,
	`url` varchar(2000),
	`doc_type` varchar(100),
	`owner_position_id` varchar(36),
	`valid_until` date,
	`vendor` varchar(200),
	`address` varchar(500),
	`site` varchar(200),
	`standard` varchar(100),
	`clause` varchar(50),
	`body` mediumtext,
	`external_key` varchar(100),
	`version` int NOT NULL DEFAULT 1,
	`created_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `resources_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `resources_tenant_kind_key` UNIQUE(`tenant_id`,`kind`,`external_key`)
);
--> statement-breakpoint
CREATE INDEX `resources_tenant_kind_sort` ON `resources` (`tenant_id`,`kind`,`sort_key`);
--> statement-breakpoint
CREATE INDEX `resources_tenant_owner` ON `resources` (`tenant_id`,`owner_position_id`);
