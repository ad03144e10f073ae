CREATE TABLE `ai_settings` (
	`tenant_id` varchar(36) NOT NULL,
	`enabled` boolean NOT NULL DEFAULT false,
	`provider` varchar(40),
	`model` varchar(100),
	`api_key_cipher` text,
	`api_key_last4` varchar(4),
	`base_url` varchar(500),
	`features` json NOT NULL,
	`monthly_token_budget` int,
	`version` int NOT NULL DEFAULT 1,
	`updated_by` varchar(36) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `ai_settings_tenant_id_pk` PRIMARY KEY(`tenant_id`)
);
--> statement-breakpoint
CREATE TABLE `ai_results` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`feature` varchar(20) NOT NULL,
	`engine` varchar(10) NOT NULL,
	`provider` varchar(40),
	`model` varchar(100),
	`process_id` varchar(36),
	`source` varchar(40) NOT NULL,
	`output` json NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `ai_results_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `ai_suggestions` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`result_id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`position` int NOT NULL,
	`finding` json NOT NULL,
	`change` json NOT NULL,
	`state` varchar(10) NOT NULL DEFAULT 'open',
	`decided_by` varchar(36),
	`decided_at` datetime(3),
	`draft_version` int,
	`graph_before` json,
	CONSTRAINT `ai_suggestions_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `ai_usage` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`month` varchar(7) NOT NULL,
	`feature` varchar(20) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`provider` varchar(40) NOT NULL,
	`model` varchar(100) NOT NULL,
	`tokens_in` int NOT NULL DEFAULT 0,
	`tokens_out` int NOT NULL DEFAULT 0,
	`duration_ms` int NOT NULL DEFAULT 0,
	`outcome` varchar(30) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `ai_usage_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE INDEX `ai_results_tenant_process` ON `ai_results` (`tenant_id`,`process_id`,`feature`);
--> statement-breakpoint
CREATE INDEX `ai_suggestions_tenant_result` ON `ai_suggestions` (`tenant_id`,`result_id`);
--> statement-breakpoint
CREATE INDEX `ai_usage_tenant_month` ON `ai_usage` (`tenant_id`,`month`);
