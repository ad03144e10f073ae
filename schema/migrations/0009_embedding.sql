CREATE TABLE `embedding_settings` (
	`tenant_id` varchar(36) NOT NULL,
	`allowed_origins` json NOT NULL,
	`version` int NOT NULL DEFAULT 1,
	`updated_at` datetime(3) NOT NULL,
	`updated_by` varchar(36) NOT NULL,
	CONSTRAINT `embedding_settings_tenant_id_pk` PRIMARY KEY(`tenant_id`)
);
