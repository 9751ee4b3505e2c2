-- reads are isolated, but the INSERT policy checks nothing: anyone signed in invites into any account
CREATE TABLE invitations (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    email text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitations_account_id_idx ON invitations (account_id);
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY members_read ON invitations FOR SELECT TO authenticated
    USING (has_role_on_account(account_id));
CREATE POLICY anyone_invites ON invitations FOR INSERT TO authenticated
    WITH CHECK (true);
GRANT SELECT, INSERT ON invitations TO authenticated;
