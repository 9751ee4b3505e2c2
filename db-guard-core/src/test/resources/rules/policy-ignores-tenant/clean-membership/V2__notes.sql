CREATE TABLE notes (
    id         uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_account_id_idx ON notes (account_id);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
-- the tenant column handed to a membership function
CREATE POLICY notes_member ON notes
    USING (has_role_on_account(account_id));

CREATE TABLE tasks (
    id         uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    title      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_account_id_idx ON tasks (account_id);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
-- the tenant column compared with a membership subquery, in its three spellings
CREATE POLICY tasks_member_in ON tasks FOR SELECT
    USING (account_id IN (SELECT account_id FROM account_user WHERE user_id = auth.uid()));
CREATE POLICY tasks_member_any ON tasks FOR UPDATE
    USING (account_id = ANY (SELECT au.account_id FROM account_user au WHERE au.user_id = auth.uid()));
CREATE POLICY tasks_member_exists ON tasks FOR DELETE
    USING (EXISTS (SELECT 1 FROM account_user m WHERE m.account_id = tasks.account_id AND m.user_id = auth.uid()));
CREATE POLICY tasks_member_insert ON tasks FOR INSERT
    WITH CHECK (public.has_role_on_account(account_id));
