ALTER TABLE `processes` ADD `last_review_note` varchar(2000);
