CREATE TABLE `recycle_bin` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`type` varchar(60) NOT NULL,
	`object_id` varchar(36) NOT NULL,
	`title` varchar(500) NOT NULL,
	`rows` json NOT NULL,
	`where_used` json NOT NULL,
	`deleted_by` varchar(40) NOT NULL,
	`deleted_at` datetime(3) NOT NULL,
	`purge_after` datetime(3) NOT NULL,
	CONSTRAINT `recycle_bin_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE INDEX `recycle_bin_deleted` ON `recycle_bin` (`tenant_id`,`deleted_at`);
--> statement-breakpoint
CREATE INDEX `recycle_bin_purge` ON `recycle_bin` (`tenant_id`,`purge_after`);
--> statement-breakpoint
CREATE INDEX `recycle_bin_object` ON `recycle_bin` (`tenant_id`,`object_id`);
