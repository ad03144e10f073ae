CREATE TABLE `audit_anchors` (
	`tenant_id` varchar(36) NOT NULL,
	`seq` bigint unsigned NOT NULL,
	`hash` char(64) NOT NULL,
	`at` datetime(3) NOT NULL,
	`key_id` varchar(32) NOT NULL,
	`signature` varchar(100) NOT NULL,
	CONSTRAINT `audit_anchors_tenant_id_seq_pk` PRIMARY KEY(`tenant_id`,`seq`)
);
