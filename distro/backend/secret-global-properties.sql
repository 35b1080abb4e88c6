-- Global properties that hold secrets: read, changed and purged only with "Manage Global Properties"
-- (OpenMRS 2.7 checks each global_property row's own view, edit and delete privileges; core leaves
-- these open to every role). Applied before every backend start by check-admin-password.sh, and by the
-- metadata loader to development and test databases. One statement.
UPDATE global_property
   SET view_privilege = 'Manage Global Properties',
       edit_privilege = 'Manage Global Properties',
       delete_privilege = 'Manage Global Properties'
 WHERE property IN ('mail.password', 'scheduler.password')
