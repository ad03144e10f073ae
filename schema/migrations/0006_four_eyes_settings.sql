ALTER TABLE `tenants` ADD `settings_version` int DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE `process_versions` ADD `approval_comment` varchar(2000);
--> statement-breakpoint
ALTER TABLE `process_approvals` ADD `comment` varchar(2000);
