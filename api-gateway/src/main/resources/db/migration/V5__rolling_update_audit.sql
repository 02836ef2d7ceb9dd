-- Rolling updates and plan changes (OSB PATCH) are audited like the other operations.
ALTER TABLE operation_log DROP CONSTRAINT operation_log_operation_type_check;
ALTER TABLE operation_log ADD CONSTRAINT operation_log_operation_type_check
    CHECK (operation_type IN ('provision', 'deprovision', 'bind', 'unbind', 'failover', 'backup',
                              'switchover', 'restore', 'verify_backup', 'rolling_update'));
