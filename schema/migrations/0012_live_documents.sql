CREATE TABLE `live_documents` (
	`tenant_id` varchar(36) NOT NULL,
	`process_id` varchar(36) NOT NULL,
	`state` longtext NOT NULL,
	`draft_version` int NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `live_documents_tenant_id_process_id_pk` PRIMARY KEY(`tenant_id`,`process_id`)
);
