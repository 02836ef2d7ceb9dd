-- Operators' backups (POST /api/v1/clusters/{id}/backups) are audited like failovers.
ALTER TABLE operation_log DROP CONSTRAINT operation_log_operation_type_check;
ALTER TABLE operation_log ADD CONSTRAINT operation_log_operation_type_check
    CHECK (operation_type IN ('provision', 'deprovision', 'bind', 'unbind', 'failover', 'backup'));
