-- Operators' restores, switchovers and backup verifications are audited like failovers.
ALTER TABLE operation_log DROP CONSTRAINT operation_log_operation_type_check;
ALTER TABLE operation_log ADD CONSTRAINT operation_log_operation_type_check
    CHECK (operation_type IN ('provision', 'deprovision', 'bind', 'unbind', 'failover', 'backup',
                              'switchover', 'restore', 'verify_backup'));

-- Which cluster a backup belongs to, so POST /api/v1/backups/{backupId}/verify needs only the id.
-- Written when the gateway accepts a backup and when a listing shows one it did not know
-- (scheduled backups). The catalog in the object store stays the record of the backups themselves.
-- Backup ids are unique per cluster; the key does not assume more.
CREATE TABLE backups (
    cluster_id  text        NOT NULL REFERENCES service_instances (id),
    backup_id   text        NOT NULL CHECK (backup_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_id, backup_id)
);

CREATE INDEX backups_backup_id ON backups (backup_id);

-- Verifications started through the API: their workflow, found again by operation id.
CREATE TABLE backup_verifications (
    operation_id text PRIMARY KEY CHECK (operation_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    cluster_id   text        NOT NULL,
    backup_id    text        NOT NULL,
    workflow_id  text        NOT NULL UNIQUE,
    requested_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (cluster_id, backup_id) REFERENCES backups (cluster_id, backup_id)
);

CREATE INDEX backup_verifications_backup ON backup_verifications (cluster_id, backup_id);
