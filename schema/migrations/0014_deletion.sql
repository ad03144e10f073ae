CREATE TABLE `deletion_jobs` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`subject_tenant_id` varchar(36) NOT NULL,
	`kind` varchar(20) NOT NULL,
	`status` varchar(10) NOT NULL,
	`progress` int NOT NULL DEFAULT 0,
	`reason` varchar(20),
	`run_after` datetime(3) NOT NULL,
	`state` json NOT NULL,
	`requested_by` varchar(40) NOT NULL,
	`holder` varchar(64),
	`lease_until` datetime(3),
	`protocol_id` varchar(36),
	`error` varchar(500),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `deletion_jobs_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `deletion_protocols` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`subject_tenant_id` varchar(36) NOT NULL,
	`job_id` varchar(36) NOT NULL,
	`reason` varchar(20) NOT NULL,
	`document` text NOT NULL,
	`sha256` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `deletion_protocols_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `deletion_link_keys` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(20) NOT NULL,
	`secret` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `deletion_link_keys_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
ALTER TABLE `tenants` ADD `lock_at` datetime(3);
--> statement-breakpoint
ALTER TABLE `tenants` ADD `locked_at` datetime(3);
--> statement-breakpoint
CREATE INDEX `deletion_jobs_subject` ON `deletion_jobs` (`tenant_id`,`subject_tenant_id`);
--> statement-breakpoint
CREATE INDEX `deletion_jobs_due` ON `deletion_jobs` (`status`,`run_after`);
--> statement-breakpoint
CREATE INDEX `deletion_protocols_subject` ON `deletion_protocols` (`tenant_id`,`subject_tenant_id`,`created_at`);
