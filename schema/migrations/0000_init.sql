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
CREATE TABLE `api_keys` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`name` varchar(100) NOT NULL,
	`role` varchar(20) NOT NULL,
	`prefix` varchar(16) NOT NULL,
	`hash` varchar(64) NOT NULL,
	`created_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	`last_used_at` datetime(3),
	CONSTRAINT `api_keys_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `api_keys_tenant_prefix` UNIQUE(`tenant_id`,`prefix`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`tenant_id` varchar(36) NOT NULL,
	`seq` bigint unsigned NOT NULL,
	`id` varchar(36) NOT NULL,
	`at` datetime(3) NOT NULL,
	`actor_type` varchar(20) NOT NULL,
	`actor_id` varchar(64),
	`action` varchar(100) NOT NULL,
	`method` varchar(10),
	`route` varchar(300),
	`target_type` varchar(60),
	`target_id` varchar(100),
	`request_id` varchar(128),
	`status` int,
	`details` json NOT NULL,
	`prev_hash` char(64) NOT NULL,
	`hash` char(64) NOT NULL,
	CONSTRAINT `audit_log_tenant_id_seq_pk` PRIMARY KEY(`tenant_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `audit_heads` (
	`tenant_id` varchar(36) NOT NULL,
	`last_seq` bigint unsigned NOT NULL,
	`last_hash` char(64) NOT NULL,
	CONSTRAINT `audit_heads_tenant_id_pk` PRIMARY KEY(`tenant_id`)
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
--> statement-breakpoint
CREATE INDEX `api_keys_tenant_created` ON `api_keys` (`tenant_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_action` ON `audit_log` (`tenant_id`,`action`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor` ON `audit_log` (`tenant_id`,`actor_id`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_target` ON `audit_log` (`tenant_id`,`target_type`,`target_id`);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_at` ON `audit_log` (`tenant_id`,`at`);
