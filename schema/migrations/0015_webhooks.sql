CREATE TABLE `webhook_endpoints` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`url` varchar(2000) NOT NULL,
	`events` json NOT NULL,
	`secret_sealed` varchar(200) NOT NULL,
	`enabled` int NOT NULL DEFAULT 1,
	`failure_streak` int NOT NULL DEFAULT 0,
	`failing_since` datetime(3),
	`disabled_reason` varchar(500),
	`last_delivery_at` datetime(3),
	`created_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `webhook_endpoints_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(36) NOT NULL,
	`endpoint_id` varchar(36) NOT NULL,
	`message_id` varchar(36) NOT NULL,
	`event_type` varchar(60) NOT NULL,
	`attempt` int NOT NULL,
	`status` varchar(12) NOT NULL,
	`response_code` int,
	`duration_ms` int NOT NULL,
	`error` varchar(500),
	`at` datetime(3) NOT NULL,
	CONSTRAINT `webhook_deliveries_tenant_id_id_pk` PRIMARY KEY(`tenant_id`,`id`)
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint` ON `webhook_deliveries` (`tenant_id`,`endpoint_id`,`at`);
