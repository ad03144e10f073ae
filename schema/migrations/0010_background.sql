CREATE TABLE `scheduler_leases` (
	`tenant_id` varchar(36) NOT NULL,
	`task` varchar(100) NOT NULL,
	`slot` bigint NOT NULL,
	`holder` varchar(64) NOT NULL,
	`lease_until` datetime(3) NOT NULL,
	`finished_at` datetime(3),
	`last_error` varchar(500),
	CONSTRAINT `scheduler_leases_tenant_id_task_pk` PRIMARY KEY(`tenant_id`,`task`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`kind` varchar(40) NOT NULL,
	`payload` json NOT NULL,
	`dedupe_key` varchar(200),
	`state` varchar(10) NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`claimed_by` varchar(64),
	`claimed_until` datetime(3),
	`last_error` varchar(1000),
	`created_at` datetime(3) NOT NULL,
	`sent_at` datetime(3),
	CONSTRAINT `outbox_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `outbox_tenant_dedupe` UNIQUE(`tenant_id`,`kind`,`dedupe_key`)
);
--> statement-breakpoint
CREATE INDEX `outbox_state_due` ON `outbox` (`state`,`next_attempt_at`);
