-- poc-emr: what the OpenMRS cohort module (3.7.3) adds to core's `cohort` and `cohort_member` tables and
-- the tables it creates, as its liquibase changelog leaves them on a fresh install. MariaDB 10.11 /
-- utf8mb4. Apply after openmrs-core.sql. The names are the module's own: the cohort's dates are the
-- camel-case columns `startDate` and `endDate` (the entity maps them without @Column), while a
-- membership's are core's `start_date`/`end_date`; `cohort_member.date_changed` is a DATE.

SET FOREIGN_KEY_CHECKS=0;

CREATE TABLE `cohort_type` (
  `cohort_type_id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `description` varchar(255),
  `date_created` datetime NOT NULL,
  `creator` int(11) NOT NULL,
  `changed_by` int(11),
  `date_changed` datetime,
  `voided` tinyint(1) NOT NULL DEFAULT 0,
  `voided_by` int(11),
  `date_voided` datetime,
  `void_reason` varchar(255),
  `uuid` varchar(255) NOT NULL,
  PRIMARY KEY (`cohort_type_id`),
  CONSTRAINT `cohorttypecreator_fk` FOREIGN KEY (`creator`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohorttypeeditor_fk` FOREIGN KEY (`changed_by`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohorttypevoider_fk` FOREIGN KEY (`voided_by`) REFERENCES `users` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `cohort_attribute_type` (
  `cohort_attribute_type_id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `description` varchar(255),
  `datatype` varchar(255),
  `datatype_config` text,
  `preferred_handler` varchar(255),
  `handler_config` text,
  `max_occurs` int(11),
  `min_occurs` int(11) NOT NULL,
  `date_created` datetime NOT NULL,
  `creator` int(11) NOT NULL,
  `changed_by` int(11),
  `date_changed` datetime,
  `retired` tinyint(1) NOT NULL DEFAULT 0,
  `retired_by` int(11),
  `date_retired` datetime,
  `retire_reason` varchar(255),
  `uuid` varchar(255) NOT NULL,
  PRIMARY KEY (`cohort_attribute_type_id`),
  CONSTRAINT `cohort_attribute_type_creator_fk` FOREIGN KEY (`creator`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_attribute_type_editor_fk` FOREIGN KEY (`changed_by`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_attribute_type_retired_by_fk` FOREIGN KEY (`retired_by`) REFERENCES `users` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The cohort's location, dates, type and how its members are defined (manual lists by default).
ALTER TABLE `cohort`
  ADD COLUMN `location_id` int(11),
  ADD COLUMN `startDate` datetime,
  ADD COLUMN `endDate` datetime,
  ADD COLUMN `is_group_cohort` tinyint(1),
  ADD COLUMN `cohort_type_id` int(11),
  ADD COLUMN `definition_handler` varchar(255),
  ADD COLUMN `definition_handler_config` longtext,
  ADD KEY `cohort_location_type_idx` (`location_id`, `cohort_type_id`),
  ADD CONSTRAINT `cohort_location_fk` FOREIGN KEY (`location_id`) REFERENCES `location` (`location_id`),
  ADD CONSTRAINT `cohort_cohort_type_fk` FOREIGN KEY (`cohort_type_id`) REFERENCES `cohort_type` (`cohort_type_id`);

CREATE TABLE `cohort_attribute` (
  `cohort_attribute_id` int(11) NOT NULL AUTO_INCREMENT,
  `cohort_id` int(11) NOT NULL,
  `value_reference` varchar(255) NOT NULL,
  `attribute_type_id` int(11) NOT NULL,
  `date_created` datetime NOT NULL,
  `creator` int(11) NOT NULL,
  `changed_by` int(11),
  `date_changed` datetime,
  `voided` tinyint(1) NOT NULL DEFAULT 0,
  `voided_by` int(11),
  `date_voided` datetime,
  `void_reason` varchar(255),
  `uuid` varchar(255) NOT NULL,
  PRIMARY KEY (`cohort_attribute_id`),
  CONSTRAINT `cohort_attribute_cohort_fk` FOREIGN KEY (`cohort_id`) REFERENCES `cohort` (`cohort_id`),
  CONSTRAINT `cohort_attribute_type_fk` FOREIGN KEY (`attribute_type_id`) REFERENCES `cohort_attribute_type` (`cohort_attribute_type_id`),
  CONSTRAINT `cohort_attribute_creator_fk` FOREIGN KEY (`creator`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_attribute_editor_fk` FOREIGN KEY (`changed_by`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_attribute_void_fk` FOREIGN KEY (`voided_by`) REFERENCES `users` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE `cohort_member`
  ADD COLUMN `date_changed` date,
  ADD COLUMN `changed_by` int(11),
  ADD KEY `cohort_member_dates` (`voided`, `start_date`, `end_date`),
  ADD KEY `cohort_member_start_date` (`start_date`),
  ADD KEY `cohort_member_end_date` (`end_date`),
  ADD CONSTRAINT `cohortmemberchangedby_fk` FOREIGN KEY (`changed_by`) REFERENCES `users` (`user_id`);

CREATE TABLE `cohort_member_attribute_type` (
  `cohort_member_attribute_type_id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `description` varchar(255),
  `datatype` varchar(255),
  `datatype_config` text,
  `preferred_handler` varchar(255),
  `handler_config` text,
  `max_occurs` int(11),
  `min_occurs` int(11) NOT NULL,
  `date_created` datetime NOT NULL,
  `creator` int(11) NOT NULL,
  `changed_by` int(11),
  `date_changed` datetime,
  `retired` tinyint(1) NOT NULL DEFAULT 0,
  `retired_by` int(11),
  `date_retired` datetime,
  `retire_reason` varchar(255),
  `uuid` char(38) NOT NULL,
  PRIMARY KEY (`cohort_member_attribute_type_id`),
  CONSTRAINT `cohort_member_attribute_type_creator_fk` FOREIGN KEY (`creator`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_member_attribute_type_changed_by_fk` FOREIGN KEY (`changed_by`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_member_attribute_type_voided_by_fk` FOREIGN KEY (`retired_by`) REFERENCES `users` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `cohort_member_attribute` (
  `cohort_member_attribute_id` int(11) NOT NULL AUTO_INCREMENT,
  `cohort_member_id` int(11) NOT NULL,
  `value_reference` text NOT NULL,
  `cohort_member_attribute_type_id` int(11) NOT NULL,
  `date_created` datetime NOT NULL,
  `creator` int(11) NOT NULL,
  `changed_by` int(11),
  `date_changed` datetime,
  `voided` tinyint(1) NOT NULL DEFAULT 0,
  `voided_by` int(11),
  `date_voided` datetime,
  `void_reason` varchar(255),
  `uuid` char(38) NOT NULL,
  PRIMARY KEY (`cohort_member_attribute_id`),
  CONSTRAINT `cohort_member_attribute_cohort_member_fk` FOREIGN KEY (`cohort_member_id`) REFERENCES `cohort_member` (`cohort_member_id`),
  CONSTRAINT `cohort_member_attribute_type_fk` FOREIGN KEY (`cohort_member_attribute_type_id`) REFERENCES `cohort_member_attribute_type` (`cohort_member_attribute_type_id`),
  CONSTRAINT `cohort_member_attribute_creator_fk` FOREIGN KEY (`creator`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_member_attribute_editor_fk` FOREIGN KEY (`changed_by`) REFERENCES `users` (`user_id`),
  CONSTRAINT `cohort_member_attribute_voided_by_fk` FOREIGN KEY (`voided_by`) REFERENCES `users` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The one row the changelog inserts: the attribute type that marks a group's leader.
INSERT INTO `cohort_member_attribute_type`
  (name, description, datatype, min_occurs, max_occurs, creator, date_created, retired, uuid)
VALUES
  ('Cohort Leader', 'Tags a leader of a particular cohort/group', 'java.lang.String', 0, 1, 1, NOW(), 0,
   'fac24350-c855-4c32-bdcf-36c4c439f538');

SET FOREIGN_KEY_CHECKS=1;
