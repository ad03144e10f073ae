CREATE TABLE `tenants` (
	`id` varchar(36) NOT NULL,
	`entra_tenant_id` varchar(36) NOT NULL,
	`name` varchar(200) NOT NULL,
	`plan` varchar(20) NOT NULL,
	`status` varchar(20) NOT NULL,
	`trial_ends_at` datetime(3),
	`region` varchar(40) NOT NULL DEFAULT 'local',
	`settings` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `tenants_id` PRIMARY KEY(`id`),
	CONSTRAINT `tenants_entra_tenant_id` UNIQUE(`entra_tenant_id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`oid` varchar(64) NOT NULL,
	`display_name` varchar(200) NOT NULL,
	`role` varchar(20) NOT NULL,
	`active` int NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3),
	CONSTRAINT `users_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `users_tenant_oid` UNIQUE(`tenant_id`,`oid`)
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`name` varchar(60) NOT NULL,
	`name_key` varchar(60) NOT NULL,
	`color` varchar(7) NOT NULL,
	`description` varchar(500) NOT NULL DEFAULT '',
	`version` int NOT NULL DEFAULT 1,
	`created_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `tags_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `tags_tenant_name_key` UNIQUE(`tenant_id`,`name_key`)
);
--> statement-breakpoint
CREATE INDEX `users_tenant_role` ON `users` (`tenant_id`,`role`);
