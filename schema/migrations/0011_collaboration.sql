CREATE TABLE `collab_comments` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`node_id` varchar(64),
	`version_number` int NOT NULL,
	`parent_id` varchar(36),
	`author_id` varchar(36) NOT NULL,
	`body` text NOT NULL,
	`mentions` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`edited_at` datetime(3),
	`deleted_at` datetime(3),
	`resolved_at` datetime(3),
	`resolved_by` varchar(36),
	`version` int NOT NULL DEFAULT 1,
	CONSTRAINT `collab_comments_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `collab_feedback` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`version_number` int NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`helpful` int NOT NULL,
	`text` varchar(2000),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `collab_feedback_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `collab_feedback_tenant_process_user` UNIQUE(`tenant_id`,`process_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `collab_problems` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`node_id` varchar(64),
	`title` varchar(200) NOT NULL,
	`description` text NOT NULL,
	`severity` varchar(10) NOT NULL,
	`status` varchar(12) NOT NULL,
	`status_reason` varchar(2000),
	`reporter_id` varchar(36) NOT NULL,
	`assignee_id` varchar(36),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`closed_at` datetime(3),
	`version` int NOT NULL DEFAULT 1,
	CONSTRAINT `collab_problems_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `collab_notifications` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`category` varchar(12) NOT NULL,
	`event` varchar(40) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`item_id` varchar(36),
	`node_id` varchar(64),
	`actor_id` varchar(36),
	`data` json NOT NULL,
	`link` varchar(500) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`read_at` datetime(3),
	`mail_state` varchar(10) NOT NULL,
	`dedupe_key` varchar(200),
	CONSTRAINT `collab_notifications_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`),
	CONSTRAINT `collab_notifications_tenant_dedupe` UNIQUE(`tenant_id`,`user_id`,`dedupe_key`)
);
--> statement-breakpoint
CREATE TABLE `collab_settings` (
	`tenant_id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`email` varchar(320),
	`language` varchar(2),
	`channels` json NOT NULL,
	`last_digest_at` datetime(3),
	`updated_at` datetime(3) NOT NULL,
	`version` int NOT NULL DEFAULT 1,
	CONSTRAINT `collab_settings_tenant_id_user_id_pk` PRIMARY KEY(`tenant_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `collab_reminders` (
	`tenant_id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`due_date` date NOT NULL,
	`stage` varchar(10) NOT NULL,
	`sent_at` datetime(3) NOT NULL,
	CONSTRAINT `collab_reminders_tenant_id_process_id_due_date_stage_pk` PRIMARY KEY(`tenant_id`,`process_id`,`due_date`,`stage`)
);
--> statement-breakpoint
CREATE INDEX `collab_comments_tenant_process` ON `collab_comments` (`tenant_id`,`process_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `collab_comments_tenant_parent` ON `collab_comments` (`tenant_id`,`parent_id`);
--> statement-breakpoint
CREATE INDEX `collab_problems_tenant_process` ON `collab_problems` (`tenant_id`,`process_id`);
--> statement-breakpoint
CREATE INDEX `collab_problems_tenant_assignee` ON `collab_problems` (`tenant_id`,`assignee_id`,`status`);
--> statement-breakpoint
CREATE INDEX `collab_problems_tenant_status` ON `collab_problems` (`tenant_id`,`status`,`created_at`);
--> statement-breakpoint
CREATE INDEX `collab_notifications_tenant_user` ON `collab_notifications` (`tenant_id`,`user_id`,`read_at`,`created_at`);
--> statement-breakpoint
CREATE INDEX `collab_notifications_tenant_mail` ON `collab_notifications` (`tenant_id`,`mail_state`,`user_id`);
