ALTER TABLE `recycle_bin` ADD `counts` json;
