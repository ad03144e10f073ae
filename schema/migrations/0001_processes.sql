CREATE TABLE `processes` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`title` varchar(200) NOT NULL,
	`description` text NOT NULL,
	`category` varchar(20) NOT NULL,
	`parent_id` varchar(36),
	`owner_position_id` varchar(36),
	`owner_user_id` varchar(36),
	`tag_ids` json NOT NULL,
	`review_interval_months` int NOT NULL DEFAULT 12,
	`next_review_at` date,
	`last_reviewed_at` datetime(3),
	`last_reviewed_by` varchar(36),
	`published_version` int NOT NULL DEFAULT 0,
	`published_at` datetime(3),
	`sort_order` int NOT NULL DEFAULT 0,
	`version` int NOT NULL DEFAULT 1,
	`created_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `processes_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `process_drafts` (
	`tenant_id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`graph` json NOT NULL,
	`version` int NOT NULL DEFAULT 1,
	`state` varchar(20) NOT NULL DEFAULT 'editing',
	`base_version` int NOT NULL DEFAULT 0,
	`updated_by` varchar(36) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `process_drafts_tenant_id_process_id_pk` PRIMARY KEY(`tenant_id`,`process_id`)
);
--> statement-breakpoint
CREATE TABLE `process_versions` (
	`tenant_id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`number` int NOT NULL,
	`graph` json NOT NULL,
	`title` varchar(200) NOT NULL,
	`change_note` varchar(2000) NOT NULL,
	`requested_by` varchar(36) NOT NULL,
	`approved_by` varchar(36) NOT NULL,
	`published_at` datetime(3) NOT NULL,
	CONSTRAINT `process_versions_tenant_id_process_id_number_pk` PRIMARY KEY(`tenant_id`,`process_id`,`number`)
);
--> statement-breakpoint
CREATE TABLE `process_approvals` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`draft_version` int NOT NULL,
	`change_note` varchar(2000) NOT NULL,
	`state` varchar(20) NOT NULL,
	`requested_by` varchar(36) NOT NULL,
	`requested_at` datetime(3) NOT NULL,
	`decided_by` varchar(36),
	`decided_at` datetime(3),
	`reason` varchar(2000),
	`published_version` int,
	CONSTRAINT `process_approvals_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `process_steps` (
	`tenant_id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`source` varchar(10) NOT NULL,
	`node_id` varchar(64) NOT NULL,
	`type` varchar(20) NOT NULL,
	`label` varchar(500) NOT NULL,
	`lane_id` varchar(64),
	`lane_name` varchar(200),
	`description` mediumtext,
	CONSTRAINT `process_steps_tenant_id_process_id_source_node_id_pk` PRIMARY KEY(`tenant_id`,`process_id`,`source`,`node_id`)
);
--> statement-breakpoint
CREATE TABLE `process_links` (
	`tenant_id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`source` varchar(10) NOT NULL,
	`node_id` varchar(64) NOT NULL,
	`kind` varchar(20) NOT NULL,
	`target_id` varchar(36) NOT NULL,
	`relation` varchar(20) NOT NULL,
	CONSTRAINT `process_links_pk` PRIMARY KEY(`tenant_id`,`process_id`,`source`,`node_id`,`kind`,`target_id`,`relation`)
);
--> statement-breakpoint
CREATE INDEX `processes_tenant_parent` ON `processes` (`tenant_id`,`parent_id`);
--> statement-breakpoint
CREATE INDEX `processes_tenant_category` ON `processes` (`tenant_id`,`category`);
--> statement-breakpoint
CREATE INDEX `processes_tenant_owner` ON `processes` (`tenant_id`,`owner_position_id`);
--> statement-breakpoint
CREATE INDEX `processes_tenant_review` ON `processes` (`tenant_id`,`next_review_at`);
--> statement-breakpoint
CREATE INDEX `process_approvals_tenant_process` ON `process_approvals` (`tenant_id`,`process_id`);
--> statement-breakpoint
CREATE INDEX `process_approvals_tenant_state` ON `process_approvals` (`tenant_id`,`state`);
--> statement-breakpoint
CREATE INDEX `process_links_tenant_target` ON `process_links` (`tenant_id`,`kind`,`target_id`);
