-- The gateway's inventory: what platforms asked for, and an append-only audit of every request.
-- Running operations live in Temporal; these tables only index and remember.

CREATE TABLE service_instances (
    id                text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    service_id        text        NOT NULL,
    plan_id           text        NOT NULL,
    parameters        jsonb       NOT NULL DEFAULT '{}',
    context           jsonb       NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    last_operation_id text
);

-- No credentials: the cluster's workflow owns them and answers a repeated bind identically.
CREATE TABLE service_bindings (
    binding_id  text PRIMARY KEY CHECK (binding_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    instance_id text        NOT NULL REFERENCES service_instances (id),
    parameters  jsonb       NOT NULL DEFAULT '{}',
    app_guid    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE INDEX service_bindings_instance ON service_bindings (instance_id);

CREATE TABLE operation_log (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    instance_id    text        NOT NULL,
    binding_id     text,
    operation_id   text,
    operation_type text        NOT NULL
        CHECK (operation_type IN ('provision', 'deprovision', 'bind', 'unbind')),
    event          text        NOT NULL
        CHECK (event IN ('requested', 'accepted', 'rejected', 'succeeded', 'failed')),
    detail         text
);

CREATE INDEX operation_log_operation ON operation_log (operation_id);
CREATE INDEX operation_log_instance ON operation_log (instance_id, at);

-- An audit log that can be rewritten is no audit log.
CREATE FUNCTION operation_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'operation_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER operation_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON operation_log
    FOR EACH ROW EXECUTE FUNCTION operation_log_is_append_only();

CREATE TRIGGER operation_log_no_truncate
    BEFORE TRUNCATE ON operation_log
    FOR EACH STATEMENT EXECUTE FUNCTION operation_log_is_append_only();
