ALTER TABLE `users` ADD `version` int DEFAULT 1 NOT NULL;
