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
-- a membership check OR-ed with an escape hatch: the second branch never looks at the account
-- expect: policy-ignores-tenant, isolation-fail-open
CREATE POLICY notes_member_or_bypass ON notes
    USING (has_role_on_account(account_id) OR current_setting('app.bypass_rls', true) = 'on');

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
-- a membership subquery that never involves the account column: any member of any account sees every task
-- expect: policy-ignores-tenant, isolation-read-leak, isolation-write-leak
CREATE POLICY tasks_any_member ON tasks
    USING (EXISTS (SELECT 1 FROM account_user m WHERE m.user_id = auth.uid()));
