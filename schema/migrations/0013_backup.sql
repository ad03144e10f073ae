CREATE TABLE `tenant_data_keys` (
	`tenant_id` varchar(36) NOT NULL,
	`wrapped_key` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `tenant_data_keys_tenant_id_pk` PRIMARY KEY(`tenant_id`)
);
--> statement-breakpoint
CREATE TABLE `backup_runs` (
	`tenant_id` varchar(36) NOT NULL,
	`slot` bigint NOT NULL,
	`started_at` datetime(3) NOT NULL,
	`finished_at` datetime(3),
	`directory` varchar(64),
	CONSTRAINT `backup_runs_tenant_id_slot_pk` PRIMARY KEY(`tenant_id`,`slot`)
);
